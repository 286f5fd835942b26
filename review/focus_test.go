package review

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules"
)

// item finds an item of list whose text contains sub.
func itemOf(t *testing.T, list []ItemResult, sub string) ItemResult {
	t.Helper()
	for _, it := range list {
		if strings.Contains(it.Text, sub) {
			return it
		}
	}
	t.Fatalf("no item with %q", sub)
	return ItemResult{}
}

var (
	vanillaApp = difftest.Added("src/Mtls/VanillaCaller.cs",
		`var app = ConfidentialClientApplicationBuilder.Create(clientId)`,
		`    .WithCertificate(cert, sendX5C: true)`,
		`    .WithAzureRegion("westus3")`,
		`    .Build();`,
		`var result = await app.AcquireTokenForClient(scopes)`,
		`    .WithMtlsProofOfPossession()`,
		`    .ExecuteAsync();`)
	vanillaTest = difftest.Added("tests/Mtls/VanillaMtlsTests.cs",
		`var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
		`Assert.AreEqual("mtls_pop", result.TokenType);`,
		`Assert.IsNotNull(result.BindingCertificate);`)
	weakTest = difftest.Added("tests/Mtls/WeakMtlsTests.cs",
		`[TestMethod]`,
		`public async Task AcquiresAsync()`,
		`{`,
		`    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
		`    Assert.IsNotNull(result.AccessToken);`,
		`}`)
	miCode = difftest.Added("src/Mtls/ManagedIdentityCaller.cs",
		`var mi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.SystemAssigned).Build();`,
		`var result = await mi.AcquireTokenForManagedIdentity(resource)`,
		`    .WithMtlsProofOfPossession()`,
		`    .ExecuteAsync();`)
	ficTest = difftest.Added("tests/Mtls/FicMtlsTests.cs",
		`var leg1 = await assertionApp.AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })`,
		`    .WithMtlsProofOfPossession().ExecuteAsync();`,
		`var app = ConfidentialClientApplicationBuilder.Create(clientId)`,
		`    .WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>`,
		`        Task.FromResult(new ClientSignedAssertion { Assertion = leg1.AccessToken, TokenBindingCertificate = leg1.BindingCertificate }))`,
		`    .WithAzureRegion("westus3")`,
		`    .Build();`,
		`// leg 2 posts client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-pop`,
		`const string Jwt = "urn:ietf:params:oauth:client-assertion-type:jwt-pop";`,
		`var host = "westus3.mtlsauth.microsoft.com";`,
		`var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
		`Assert.AreEqual("mtls_pop", result.TokenType);`)
)

// TestFocusListAppliedWithEvidence pins issue 11 item 2: each focus item
// of the change's flow passes with the place in the head that shows it,
// is manual only for what the code cannot show, and is "not in this
// change" when the change holds nothing it is about.
func TestFocusListAppliedWithEvidence(t *testing.T) {
	type want struct {
		sub    string
		status Status
		at     string // "path:line" of the first evidence, or ""
		why    string // a part of Why, or ""
	}
	for _, c := range []struct {
		name  string
		files []*diff.File
		rules []*rules.Rule // nil: rules.All
		flow  flow.Flow
		want  []want
	}{
		{"vanilla", []*diff.File{vanillaApp, vanillaTest}, nil, flow.Vanilla, []want{
			{"Exactly one", Pass, "", ""},
			{"WithCertificate()", Pass, "src/Mtls/VanillaCaller.cs:2", ""},
			{".WithMtlsProofOfPossession()` is on", Pass, "src/Mtls/VanillaCaller.cs:6", ""},
			{"Tests check `TokenType", Pass, "tests/Mtls/VanillaMtlsTests.cs:2", ""},
			{"Tests check `BindingCertificate", Pass, "tests/Mtls/VanillaMtlsTests.cs:3", ""},
			{"Leg 1 asks", NA, "", "not the FIC two-leg flow"},
		}},
		{"vanilla without tests", []*diff.File{vanillaApp}, nil, flow.Vanilla, []want{
			{"WithCertificate()", Pass, "src/Mtls/VanillaCaller.cs:2", ""},
			{"Tests check `TokenType", NotInChange, "", "no test that acquires an mTLS PoP token"},
		}},
		{"vanilla with a test that asserts nothing", []*diff.File{weakTest}, nil, flow.Vanilla, []want{
			{"Tests check `TokenType", Fail, "", "1 finding of pop-test-assertions"},
			{"WithCertificate()", NotInChange, "", "no application builder"},
		}},
		{"no rule judges the test", []*diff.File{weakTest}, []*rules.Rule{}, flow.Vanilla, []want{
			{"Tests check `TokenType", Manual, "tests/Mtls/WeakMtlsTests.cs:4", "check that the test asserts TokenType"},
		}},
		{"managed identity", []*diff.File{miCode}, nil, flow.Vanilla, []want{
			{"WithCertificate()", NA, "", "managed identity: the certificate comes from the managed identity source"},
			{".WithMtlsProofOfPossession()` is on", Pass, "src/Mtls/ManagedIdentityCaller.cs:3", "AcquireTokenForManagedIdentity(..).WithMtlsProofOfPossession()"},
			{"Exactly one", Pass, "src/Mtls/ManagedIdentityCaller.cs:2", "managed identity"},
		}},
		{"FIC two-leg", []*diff.File{ficTest}, nil, flow.FIC, []want{
			{"Leg 1 asks", Pass, "tests/Mtls/FicMtlsTests.cs:1", ""},
			{"WithClientAssertion()", Pass, "tests/Mtls/FicMtlsTests.cs:4", ""},
			{"sets `TokenBindingCertificate`", Pass, "tests/Mtls/FicMtlsTests.cs:5", ""},
			{"client_assertion_type", Pass, "tests/Mtls/FicMtlsTests.cs:9", ""},
			{"mtlsauth.microsoft.com", Pass, "tests/Mtls/FicMtlsTests.cs:10", ""},
			{"WithCertificate()", NA, "", "not the vanilla flow"},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Run(c.files, Options{Rules: c.rules})
			require.NoError(t, err)
			require.Equal(t, c.flow, res.Flow)
			for _, w := range c.want {
				it := itemOf(t, res.Focus, w.sub)
				assert.Equal(t, w.status, it.Status, "%s: %s", it.Text, it.Why)
				if w.at != "" && assert.NotEmpty(t, it.Evidence, it.Text) {
					assert.Equal(t, w.at, places(it.Evidence[:1]), it.Text)
				}
				if w.why != "" {
					assert.Contains(t, it.Why, w.why, it.Text)
				}
				if it.Status == Pass && w.status == Pass {
					assert.NotEmpty(t, it.Evidence, "a focus item passes with its evidence: %s", it.Text)
				}
			}
		})
	}
}

// TestPassNeedsSomethingToJudge pins issue 11 item 3: an item passes only
// when its rule had something to judge; on a change with no test, "tests
// check TokenType" is not checked, whatever the rule says.
func TestPassNeedsSomethingToJudge(t *testing.T) {
	res, err := Run([]*diff.File{vanillaApp}, Options{})
	require.NoError(t, err)
	for _, c := range []struct {
		sub    string
		status Status
		why    string
	}{
		{"No access token, assertion, private key or client secret is logged", NotChecked, "nothing in this change to check: no logging"},
		{"Authorization header", NotChecked, "no Authorization header"},
		{"Real Azure region strings", Pass, "found nothing"},
	} {
		it := itemOf(t, res.Checklist, c.sub)
		assert.Equal(t, c.status, it.Status, it.Why)
		assert.Contains(t, it.Why, c.why)
		assert.False(t, it.NeedsReviewer && it.Status == NotChecked, "nothing to check is nothing for a person to do")
	}
	ficOnVanilla := itemOf(t, res.Checklist, "Leg 2 tests check")
	assert.NotEqual(t, Pass, ficOnVanilla.Status, "a leg 2 item cannot pass on a vanilla change: %s", ficOnVanilla.Why)
}

// TestOneFindingFailsOneItem pins issue 11 item 3: a finding fails only
// its most specific item; the others its rule verifies do not pass beside
// it and say where it went; a summary item names only the rules that
// fired.
func TestOneFindingFailsOneItem(t *testing.T) {
	popRule := &rules.Rule{ID: "test-pop", Doc: "Pop.", Severity: rules.Notice,
		Topics: []checklist.Topic{checklist.TopicTermPop},
		Check: func(p *rules.Pass) {
			for _, h := range p.File.Hunks {
				for _, l := range h.Lines {
					if l.Op == diff.Add && strings.Contains(l.Text, "PoP token") {
						p.Report(rules.Finding{Path: p.File.Path(), Line: l.NewLine, Message: "bare PoP"})
					}
				}
			}
		}}
	flowsRule := &rules.Rule{ID: "test-flows", Doc: "Flows.", Severity: rules.Notice,
		Topics: []checklist.Topic{checklist.TopicTermFlows}, Check: func(*rules.Pass) {}}
	item := func(text string) checklist.Item {
		k, topics := checklist.Classify("Terminology Compliance", text)
		return checklist.Item{ID: text, Text: text, Section: "Terminology Compliance", Kind: k, Topics: topics}
	}
	never := item(`No anti-patterns from "NEVER Use" list`)
	specific := item(`"mTLS PoP" or full "Proof-of-Possession" (not ambiguous "PoP")`)
	require.Len(t, never.Topics, 3)
	require.Equal(t, []checklist.Topic{checklist.TopicTermPop}, specific.Topics)
	code := difftest.Added("src/mtls/Caller.cs", `var t = GetPoP token();`)
	opts := func(items ...checklist.Item) Options {
		return Options{Rules: []*rules.Rule{popRule, flowsRule}, Guidance: &checklist.Guidance{
			Globs: []string{"**/*mtls*/**"}, Checklist: []checklist.Group{{Title: "Terminology Compliance", Items: items}}}}
	}

	res, err := Run([]*diff.File{code}, opts(never, specific))
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	n, s := res.Checklist[0], res.Checklist[1]
	assert.Equal(t, Fail, s.Status, "the most specific item fails")
	assert.Equal(t, []int{0}, s.Findings)
	assert.Equal(t, NotChecked, n.Status, "the NEVER-list item does not fail twice, nor pass beside the finding")
	assert.Contains(t, n.Why, `fails the item “"mTLS PoP"`)
	assert.Empty(t, n.Findings)

	// Alone, the NEVER-list item fails, naming only the rule that fired.
	res, err = Run([]*diff.File{code}, opts(never))
	require.NoError(t, err)
	n = res.Checklist[0]
	assert.Equal(t, Fail, n.Status)
	assert.Equal(t, "1 finding of test-pop", n.Why)
	assert.NotContains(t, n.Why, "test-flows")
}

// TestKeyPointsOfTheRealSkillFiles pins the acceptance "with the MSAL.NET
// repository's three real skill files as guidance, a vanilla, FIC or both
// change gets its flow's Key Points as focus items": our fixtures in the
// shape of the flow files, beside the real shared file when present.
func TestKeyPointsOfTheRealSkillFiles(t *testing.T) {
	paths := []string{filepath.Join("..", "checklist", "testdata", "skills")}
	if dir, err := corpus.Dir(); err == nil {
		p := filepath.Join(dir, "guidance", "msal-mtls-pop-guidance.SKILL.md")
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	g, err := checklist.Load(paths)
	require.NoError(t, err)
	for _, c := range []struct {
		name         string
		files        []*diff.File
		vanilla, fic bool
		passes       []string
	}{
		{"vanilla", []*diff.File{vanillaApp, vanillaTest}, true, false,
			[]string{"One call, no exchange", "Set the certificate at app level", "Ask for the token type on the request", "SNI requires", "Tests assert the token type"}},
		{"fic", []*diff.File{ficTest}, false, true,
			[]string{"Leg 1 always targets", "Leg 2 passes the assertion", "Always pass Leg 1's certificate", "The assertion type is jwt-pop", "mtlsauth.microsoft.com"}},
		{"both", []*diff.File{vanillaTest, ficTest}, true, true, []string{"Tests assert the token type", "Leg 1 always targets"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Run(c.files, Options{Guidance: g})
			require.NoError(t, err)
			var v, f int
			for _, it := range res.Focus {
				if it.Status == NA {
					continue
				}
				switch it.Source {
				case filepath.Join(paths[0], "msal-mtls-pop-vanilla.SKILL.md"):
					v++
				case filepath.Join(paths[0], "msal-mtls-pop-fic-two-leg.SKILL.md"):
					f++
				}
			}
			assert.Equal(t, c.vanilla, v == 6, "vanilla Key Points applied: %d", v)
			assert.Equal(t, c.fic, f == 6, "FIC Key Points applied: %d", f)
			for _, sub := range c.passes {
				it := itemOf(t, res.Focus, sub)
				assert.Equal(t, Pass, it.Status, "%s: %s", it.Text, it.Why)
				assert.NotEmpty(t, it.Evidence, it.Text)
			}
		})
	}
}

// TestCorpusItemInvariants holds the statuses to their promises on every
// corpus commit, with the embedded guidance and the seed guidance: no item
// passes beside a finding of its rule, one finding fails at most one item,
// a failed item names only the rules that fired, a managed-identity change
// shows no WithCertificate() item, and every passing focus item has
// evidence or a rule that judged it.
func TestCorpusItemInvariants(t *testing.T) {
	commits := corpus.Load(t)
	guides := map[string]*checklist.Guidance{"embedded": checklist.Default()}
	dir, err := corpus.Dir()
	require.NoError(t, err)
	if b, err := os.ReadFile(filepath.Join(dir, "..", "..", "seed", "mtls-pop-shared-guidance.md")); err == nil {
		g, err := checklist.Parse("mtls-pop-shared-guidance.md", b)
		require.NoError(t, err)
		guides["seed"] = g
	}
	t.Logf("guidance: %d documents", len(guides))
	for name, g := range guides {
		for _, c := range commits {
			res, err := Run(c.Files, Options{Guidance: g})
			require.NoError(t, err)
			failedBy := map[int]int{}
			mi := slices.Contains(res.Variants, flow.ManagedIdentity) && !slices.Contains(res.Variants, flow.ConfidentialClient)
			for _, it := range append(slices.Clone(res.Focus), res.Checklist...) {
				where := name + " " + c.SHA[:8] + ": " + it.Text
				for _, i := range it.Findings {
					failedBy[i]++
					assert.Contains(t, it.Why, res.Findings[i].Rule, where)
				}
				if it.Status == Fail {
					for _, r := range it.Rules {
						if !slices.ContainsFunc(it.Findings, func(i int) bool { return res.Findings[i].Rule == r }) {
							assert.NotContains(t, it.Why, r+",", where)
						}
					}
				}
				if it.Status == Pass {
					for _, f := range res.Findings {
						if slices.Contains(it.Rules, f.Rule) && (it.Kind != checklist.KindDocs || source.IsMarkdown(f.Path)) {
							t.Errorf("%s: passes beside %s's finding at %s:%d", where, f.Rule, f.Path, f.Line)
						}
					}
				}
				for _, f := range res.Findings {
					// "X found nothing in the 3 in-scope files" beside a
					// finding of X contradicts it.
					if slices.Contains(it.Rules, f.Rule) && strings.Contains(it.Why, f.Rule) && strings.Contains(it.Why, "found nothing in ") &&
						(strings.Contains(it.Why, "in-scope file") || source.IsMarkdown(f.Path) && strings.Contains(it.Why, "in-scope document")) {
						t.Errorf("%s: %q beside %s's finding at %s:%d", where, it.Why, f.Rule, f.Path, f.Line)
					}
				}
				if mi && slices.Contains(it.Topics, checklist.TopicAppCertificate) {
					assert.Equal(t, NA, it.Status, "%s: a managed-identity change has no WithCertificate() item", where)
				}
			}
			for i, n := range failedBy {
				assert.LessOrEqual(t, n, 1, "%s %s: finding %d fails %d items", name, c.SHA[:8], i, n)
			}
		}
	}
}

// TestKindOfChangeDecidesItems pins issue 11 item 4: a documentation-only
// change gets no build or test items, a code-only change no documentation
// items.
func TestKindOfChangeDecidesItems(t *testing.T) {
	doc := difftest.Added("docs/mtls/vanilla-guide.md", "## When to Use", "Use the vanilla flow: one `AcquireTokenForClient(scopes).WithMtlsProofOfPossession()` call.")
	for _, c := range []struct {
		name  string
		files []*diff.File
		na    []checklist.Kind
		open  []checklist.Kind
	}{
		{"documentation only", []*diff.File{doc}, []checklist.Kind{checklist.KindProcess, checklist.KindTest}, []checklist.Kind{checklist.KindDocs}},
		{"code only", []*diff.File{vanillaApp}, []checklist.Kind{checklist.KindDocs}, []checklist.Kind{checklist.KindProcess}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Run(c.files, Options{})
			require.NoError(t, err)
			seen := map[checklist.Kind]bool{}
			for _, it := range append(slices.Clone(res.Checklist), res.Focus...) {
				if slices.Contains(c.na, it.Kind) && it.Status != NA && !strings.HasPrefix(it.Why, "not the ") {
					t.Errorf("%s item %q is %s (%s), want n/a", it.Kind, it.Text, it.Status, it.Why)
				}
				if it.Status != NA {
					seen[it.Kind] = true
				}
			}
			for _, k := range c.open {
				assert.True(t, seen[k], "%s items apply", k)
			}
		})
	}
}
