package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// shapeHead is the head commit the shapes' links point at.
const shapeHead = "4f2b1c0d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c"

// shape is one kind of change issue 11 asks a golden summary for, run
// through the real engine with the embedded guidance.
type shape struct {
	name  string
	files []*diff.File
}

func shapes() []shape {
	vanillaCode := difftest.Added("src/Mtls/ResourceCaller.cs",
		`var app = ConfidentialClientApplicationBuilder.Create(clientId)`,
		`    .WithCertificate(cert, sendX5C: true)`,
		`    .WithAzureRegion("your-region")`,
		`    .Build();`,
		`var result = await app.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })`,
		`    .WithMtlsProofOfPossession()`,
		`    .ExecuteAsync();`,
		`Console.WriteLine(result.AccessToken);`)
	vanillaTest := difftest.Added("tests/Mtls/ResourceCallerTests.cs",
		`[TestMethod]`,
		`public async Task AcquiresMtlsPopTokenAsync()`,
		`{`,
		`    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
		`    Assert.AreEqual("mtls_pop", result.TokenType);`,
		`    Assert.IsNotNull(result.BindingCertificate);`,
		`}`)
	mi := difftest.Added("src/ManagedIdentity/MtlsPopCaller.cs",
		`var mi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.SystemAssigned).Build();`,
		`var result = await mi.AcquireTokenForManagedIdentity("https://vault.azure.net")`,
		`    .WithMtlsProofOfPossession()`,
		`    .ExecuteAsync();`,
		`_logger.LogInformation("token type {Type}", result.TokenType);`)
	ficDoc := difftest.Added("docs/mtls/fic-two-leg.md",
		`# The FIC two-leg flow with mTLS PoP`,
		``,
		`## When to Use`,
		``,
		`Use the FIC two-leg flow when a workload exchanges an assertion for an mTLS PoP token.`,
		``,
		"```csharp",
		`var leg1 = await assertionApp.AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })`,
		`    .WithMtlsProofOfPossession().ExecuteAsync();`,
		`var app = ConfidentialClientApplicationBuilder.Create(clientId)`,
		`    .WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>`,
		`        Task.FromResult(new ClientSignedAssertion { Assertion = leg1.AccessToken, TokenBindingCertificate = leg1.BindingCertificate }))`,
		`    .WithAzureRegion("westus3")`,
		`    .Build();`,
		"```",
		``,
		`Leg 2 posts the assertion with client_assertion_type jwt-pop to westus3.mtlsauth.microsoft.com.`,
		`Then call the API with the scopes of the resource.`)
	scopeOnly := difftest.Added("src/Microsoft.Identity.Client.MtlsPop/MtlsPop.csproj",
		`<PackageReference Include="System.Text.Json" Version="8.0.5" />`)
	var big []*diff.File
	for i := 0; i < 6; i++ {
		lines := []string{
			fmt.Sprintf("# mTLS PoP guide %d", i),
			``,
			`## When to Use`,
			``,
			`The vanilla flow gets the token in one call; the FIC two-leg flow exchanges an assertion first.`,
			``,
			"```csharp",
			`var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
			`var leg1 = await assertionApp.AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" }).WithMtlsProofOfPossession().ExecuteAsync();`,
			"```",
			``,
			`The PoP token is bound to the certificate.`,
		}
		big = append(big, difftest.Added(fmt.Sprintf("docs/mtls/guide-%d.md", i), lines...))
	}
	return []shape{
		{"vanilla-code", []*diff.File{vanillaCode, vanillaTest}},
		{"managed-identity", []*diff.File{mi}},
		{"fic-docs", []*diff.File{ficDoc}},
		{"scope-only", []*diff.File{scopeOnly}},
		{"large-docs-both", big},
	}
}

// shapeOptions renders a shape as the action does: errors and warnings
// inline, links to the head.
func shapeOptions(res *review.Result) MarkdownOptions {
	inline := map[int]string{}
	for i, f := range res.Findings {
		if f.Severity >= rules.Warning {
			inline[i] = "see the comment on this line"
		}
	}
	return MarkdownOptions{Inline: inline, Marker: marker, RepoURL: "https://github.com/o/r", HeadSHA: shapeHead, PR: 7}
}

// TestShapesGolden pins the summary of the five shapes of change issue 11
// names, from the engine to the Markdown the PR, the job summary and
// `reviewbot check --format markdown` get.
func TestShapesGolden(t *testing.T) {
	for _, s := range shapes() {
		t.Run(s.name, func(t *testing.T) {
			res, err := review.Run(s.files, review.Options{})
			if err != nil {
				t.Fatal(err)
			}
			md := Markdown(res, shapeOptions(res))
			checkSafe(t, md)
			checkStructure(t, md)
			goldenFile(t, "shape-"+s.name+".md.golden", []byte(md))
		})
	}
}

// TestShapesSay checks what each shape's summary must say.
func TestShapesSay(t *testing.T) {
	want := map[string][]string{
		"vanilla-code":     {"**vanilla · 2 errors in 1 file · ", "#### Findings", "- [x] The certificate is set with `WithCertificate()`"},
		"managed-identity": {"**vanilla (managed identity) · no findings in 1 in-scope file · ", "managed identity: the certificate comes from the managed identity source"},
		"fic-docs":         {"**FIC two-leg · ", "- [x] Leg 1 asks for `api://AzureADTokenExchange` — [`fic-two-leg.md:8`](https://github.com/o/r/blob/" + shapeHead + "/docs/mtls/fic-two-leg.md#L8)"},
		"scope-only":       {"**No mTLS PoP flow · no findings in 1 in-scope file · nothing to check**", "In scope by path only"},
		"large-docs-both":  {"**vanilla and FIC two-leg · ", "`ambiguous-pop`"},
	}
	notWant := map[string][]string{
		"managed-identity": {"WithCertificate()` on the application builder"},
		"fic-docs":         {"compiles", "All tests pass"},
		"vanilla-code":     {"When to Use"},
		"scope-only":       {"<details>", "####"},
	}
	for _, s := range shapes() {
		res, err := review.Run(s.files, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		md := Markdown(res, shapeOptions(res))
		for _, w := range want[s.name] {
			if !strings.Contains(md, w) {
				t.Errorf("%s: summary lacks %q:\n%s", s.name, w, md)
			}
		}
		for _, w := range notWant[s.name] {
			if strings.Contains(md, w) {
				t.Errorf("%s: summary has %q:\n%s", s.name, w, md)
			}
		}
		if s.name == "scope-only" && strings.Count(strings.TrimSuffix(md, "\n\n"+marker), "\n") != 2 {
			t.Errorf("scope-only summary is not three lines:\n%s", md)
		}
	}
}

var (
	gfm       = goldmark.New(goldmark.WithExtensions(extension.GFM))
	verdictRE = regexp.MustCompile(`^(vanilla|FIC two-leg|vanilla and FIC two-leg|No mTLS PoP flow)( \([^)]*\))* · (nothing in scope|no findings in .+|(\d+ (errors?|warnings?|notices?)(, )?)+ in \d+ files?) · (nothing needs a reviewer|nothing to check|1 item needs a reviewer|\d+ items need a reviewer)$`)
)

// checkStructure parses a summary with goldmark's GFM extensions and checks
// its shape: the title, then the verdict line; task lists under "Needs a
// reviewer"; balanced <details> blocks that open with a summary; no
// table, no code block (so no unclosed fence); every finding anchor once.
func checkStructure(t testing.TB, md string) {
	t.Helper()
	src := []byte(md)
	doc := gfm.Parser().Parse(text.NewReader(src))
	first := doc.FirstChild()
	if h, ok := first.(*ast.Heading); !ok || h.Level != 3 || string(h.Lines().Value(src)) != "reviewbot: mTLS PoP review" {
		t.Fatalf("summary does not open with its title:\n%s", md)
	}
	p, ok := first.NextSibling().(*ast.Paragraph)
	if !ok {
		t.Fatalf("no verdict paragraph after the title:\n%s", md)
	}
	em, ok := p.FirstChild().(*ast.Emphasis)
	if !ok || em.Level != 2 {
		t.Fatalf("the verdict is not bold:\n%s", md)
	}
	if v := string(em.Text(src)); !verdictRE.MatchString(v) {
		t.Errorf("verdict %q does not read flow · findings · items", v)
	}
	inReviewer := false
	depth := 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			inReviewer = strings.HasPrefix(string(n.Lines().Value(src)), "Needs a reviewer")
		case *east.Table:
			t.Errorf("summary holds a table (a `|` in PR text broke out):\n%s", md)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			t.Errorf("summary holds a code block (an unclosed fence or indented text):\n%s", string(n.Lines().Value(src)))
		case *ast.HTMLBlock:
			inReviewer = false
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			h := strings.TrimSpace(b.String())
			switch {
			case strings.HasPrefix(h, "<details>"):
				depth++
				if !regexp.MustCompile(`^<details><summary>[^<>]+</summary>$`).MatchString(h) {
					t.Errorf("details block without a plain summary: %q", h)
				}
			case h == "</details>":
				depth--
				if depth < 0 {
					t.Errorf("</details> closes nothing:\n%s", md)
				}
			}
		case *ast.ListItem:
			if inReviewer && n.Parent().Parent() == doc {
				tb, ok := n.FirstChild().(*ast.TextBlock)
				if !ok {
					t.Errorf("a Needs a reviewer item is not a one-line task")
					break
				}
				if _, ok := tb.FirstChild().(*east.TaskCheckBox); !ok {
					t.Errorf("a Needs a reviewer item is not a task: %q", tb.Text(src))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if depth != 0 {
		t.Errorf("%d <details> blocks left open:\n%s", depth, md)
	}
	for _, m := range regexp.MustCompile(`<a id="(rb-finding-\d+)">`).FindAllStringSubmatch(md, -1) {
		if strings.Count(md, `<a id="`+m[1]+`">`) != 1 {
			t.Errorf("anchor %s is not unique", m[1])
		}
	}
}

// TestMarkdownStructure checks the structure of every golden case and,
// when the corpus is there, of every corpus change's summary.
func TestMarkdownStructure(t *testing.T) {
	for _, c := range goldenCases() {
		if c.opts.MaxLen == 0 {
			checkStructure(t, Markdown(c.r, c.opts))
		}
	}
	for _, c := range corpus.Load(t) {
		res, err := review.Run(c.Files, review.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkStructure(t, Markdown(res, corpusOptions(res, true)))
	}
}

// TestJSONCarriesItemEvidence pins issue 11 item 7: the JSON has each
// item's status, its evidence (path, line) and its reason.
func TestJSONCarriesItemEvidence(t *testing.T) {
	res, err := review.Run(shapes()[0].files, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Focus []struct {
			Text     string `json:"text"`
			Status   string `json:"status"`
			Why      string `json:"why"`
			Evidence []struct {
				Path string `json:"path"`
				Line int    `json:"line"`
			} `json:"evidence"`
		} `json:"focus"`
	}
	if err := json.Unmarshal(jsonOf(t, res), &out); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range out.Focus {
		if strings.Contains(it.Text, "WithCertificate()") {
			found = true
			if it.Status != "pass" || it.Why == "" || len(it.Evidence) == 0 || it.Evidence[0].Path != "src/Mtls/ResourceCaller.cs" || it.Evidence[0].Line != 2 {
				t.Errorf("WithCertificate item in JSON: %+v", it)
			}
		}
	}
	if !found {
		t.Error("no WithCertificate focus item in the JSON")
	}
}

// TestFindingLinks pins issue 11 item 5: a finding posted inline links to
// its line in the PR's Files tab, where the comment is; a finding in the
// summary only links to its line in the head's blob; a finding about the
// whole file links to the file; without a repository URL nothing links.
func TestFindingLinks(t *testing.T) {
	r := &review.Result{
		Files: []review.FileDecision{{Path: "docs/mtls/guide.md", InScope: true, Reason: "glob **/*mtls*/**"}},
		Findings: []rules.Finding{
			{Rule: "secret-logging", Severity: rules.Error, Path: "docs/mtls/guide.md", Line: 12, Message: "logs a token"},
			{Rule: "ambiguous-pop", Severity: rules.Notice, Path: "docs/mtls/guide.md", Line: 30, Message: "bare PoP"},
			{Rule: "doc-when-to-use", Severity: rules.Warning, Path: "docs/mtls/guide.md", Line: 1, File: true, Message: "no When to Use"},
		},
	}
	opts := MarkdownOptions{Inline: map[int]string{0: "see the comment on this line", 2: "see the comment on this file"},
		RepoURL: "https://github.com/o/r", HeadSHA: shapeHead, PR: 7}
	md := Markdown(r, opts)
	l := linker{opts: opts}
	for _, want := range []string{
		"[`mtls/guide.md:12`](" + l.diffLine("docs/mtls/guide.md", 12) + ") 💬",
		"[`mtls/guide.md:30`](https://github.com/o/r/blob/" + shapeHead + "/docs/mtls/guide.md#L30)",
		"[`mtls/guide.md (the whole file)`](" + l.diffLine("docs/mtls/guide.md", 0) + ") 💬",
		"[`mtls/guide.md`](https://github.com/o/r/blob/" + shapeHead + "/docs/mtls/guide.md)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	// GitHub names a file's diff in the Files tab by the SHA-256 of its
	// path, and the new side's line by R<line>.
	h := sha256.Sum256([]byte("docs/mtls/guide.md"))
	if got, want := l.diffLine("docs/mtls/guide.md", 12), "https://github.com/o/r/pull/7/files#diff-"+hex.EncodeToString(h[:])+"R12"; got != want {
		t.Errorf("diff link %q, want %q", got, want)
	}
	checkSafe(t, md)
	opts.RepoURL = ""
	if md := Markdown(r, opts); strings.Contains(md, "](https://github.com/o/r") {
		t.Errorf("links without a repository URL:\n%s", md)
	}
}

// TestVerdict pins the verdict line's wording, issue 11 item 1.
func TestVerdict(t *testing.T) {
	in := review.FileDecision{Path: "src/Mtls/A.cs", InScope: true, Reason: "glob **/*mtls*/**"}
	manual := review.ItemResult{Status: review.Manual}
	for _, c := range []struct {
		name string
		r    *review.Result
		want string
	}{
		{"nothing", &review.Result{}, "No mTLS PoP flow · nothing in scope · nothing to check"},
		{"scope only", &review.Result{Files: []review.FileDecision{in}}, "No mTLS PoP flow · no findings in 1 in-scope file · nothing to check"},
		{"clean", func() *review.Result {
			r := cleanResult()
			r.Checklist, r.Focus = nil, nil
			return r
		}(), "vanilla · no findings in 1 in-scope file · nothing needs a reviewer"},
		{"one item", &review.Result{Classification: flowOf("fic"), Files: []review.FileDecision{in}, Checklist: []review.ItemResult{manual}},
			"FIC two-leg · no findings in 1 in-scope file · 1 item needs a reviewer"},
		{"findings", &review.Result{Classification: flowOf("both"), Files: []review.FileDecision{in},
			Findings: []rules.Finding{{Severity: rules.Error, Path: "a"}, {Severity: rules.Error, Path: "b"}, {Severity: rules.Warning, Path: "b"}},
			Focus:    []review.ItemResult{{Status: review.Fail}, {Status: review.Fail}, manual}},
			"vanilla and FIC two-leg · 2 errors, 1 warning in 2 files · 3 items need a reviewer"},
		{"unread", &review.Result{Classification: flowOf("vanilla"), Files: []review.FileDecision{{Path: "x", InScope: true, Unread: true, Reason: "glob x"}}},
			"vanilla · no findings in the files read · nothing needs a reviewer"},
	} {
		if got := Verdict(c.r); got != c.want {
			t.Errorf("%s: verdict %q, want %q", c.name, got, c.want)
		}
	}
}

func flowOf(f string) flow.Classification {
	return flow.Classification{Flow: flow.Flow(f), Detected: flow.Flow(f)}
}
