package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
)

// proseRules are the terminology and documentation rules.
var proseRules = []*Rule{VanillaLegs, ScopesForConsumption, AmbiguousPop, DocWhenToUse, DocVerification, DocTestReferences}

// TestGuidanceAddedHasNoProseFindings reviews the team's guidance documents
// as newly added files. The seed quotes every terminology anti-pattern, but
// inside ❌ examples, and follows its own structure guidelines: none of these
// rules may fire on it. The real guidance from the corpus has the same
// structure, so no documentation or flow-terminology finding either; it
// does write a bare "PoP" a few times (the corpus labels list them), so
// ambiguous-pop may fire there, and only there.
func TestGuidanceAddedHasNoProseFindings(t *testing.T) {
	docs := []struct {
		src     string
		allowed string // a rule that may fire
	}{
		{filepath.Join("..", "..", "shared", "seed", "mtls-pop-shared-guidance.md"), ""},
		{filepath.Join("..", "..", "shared", "corpus", "msalnet", "guidance", "msal-mtls-pop-guidance.SKILL.md"), AmbiguousPop.ID},
	}
	for _, d := range docs {
		src, err := os.ReadFile(d.src)
		if os.IsNotExist(err) {
			t.Skipf("%s is absent: the guidance test needs ../shared", d.src)
		}
		if err != nil {
			t.Fatal(err)
		}
		f, _ := difftest.AddedText(".github/skills/msal-mtls-pop-guidance/SKILL.md", string(src))
		allowed := 0
		for _, fd := range review.Check(proseRules, f, src, flow.Both, []*diff.File{f}) {
			if fd.Rule == d.allowed {
				allowed++
				continue
			}
			t.Errorf("%s: unexpected finding %s", d.src, fd)
		}
		t.Logf("%s: %d %s findings", filepath.Base(d.src), allowed, d.allowed)
	}
}

// TestSeedBadExamplesFoundWithoutMarkers takes the seed's ❌ terminology
// examples the other way: with the ❌, "Problem:" and NEVER markers removed
// they are plain prose, and each must be found by its rule; the ✅
// corrections next to them must stay clean.
func TestSeedBadExamplesFoundWithoutMarkers(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "seed", "mtls-pop-shared-guidance.md")
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: the seed test needs ../shared", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	marked := string(b)
	plain := strings.NewReplacer("❌", "", "**Problem**:", "", "NEVER", "never", "Anti-Patterns", "Patterns").Replace(marked)
	want := []struct{ text, rule string }{
		{`Example: "The vanilla flow's first leg..."`, VanillaLegs.ID},
		{`Example: "Call the API with the scopes"`, ScopesForConsumption.ID},
		{`Example: "Configure PoP"`, AmbiguousPop.ID},
		{`"The vanilla flow's first leg acquires an assertion..."`, VanillaLegs.ID},
		{`  "Call the API with the scopes"`, ScopesForConsumption.ID},
	}
	lines := strings.Split(plain, "\n")
	wantAt := map[int]string{}
	for _, w := range want {
		n := 0
		for i, l := range lines {
			if strings.Contains(l, w.text) {
				n = i + 1
				break
			}
		}
		if n == 0 {
			t.Fatalf("the seed no longer holds the example %q", w.text)
		}
		wantAt[n] = w.rule
	}
	mf, msrc := difftest.AddedText(".github/skills/msal-mtls-pop-guidance/SKILL.md", marked)
	mv := NewView(&Pass{File: mf, Source: msrc})
	f, src := difftest.AddedText(".github/skills/msal-mtls-pop-guidance/SKILL.md", plain)
	found := map[int]string{}
	for _, fd := range review.Check(proseRules, f, src, flow.Both, []*diff.File{f}) {
		found[fd.Line] = fd.Rule
		if wantAt[fd.Line] == "" && !mv.BadExample(fd.Line) {
			t.Errorf("finding outside the seed's bad examples: %s", fd)
		}
		if strings.Contains(lines[fd.Line-1], "✅") {
			t.Errorf("finding on a ✅ line: %s", fd)
		}
	}
	for n, rule := range wantAt {
		if found[n] != rule {
			t.Errorf("line %d %q: want a %s finding, got %q", n, lines[n-1], rule, found[n])
		}
	}
}

// TestCorpusTerminologyLabels runs the terminology rules on the corpus
// commits whose labels (../shared/corpus/msalnet/labels.tsv) list bare
// "PoP" or legs given to a single-call acquisition, hunks only as the
// action sees them: every listed instance must be found, and nothing on
// the look-alikes the labels call benign. Where findings-judged.tsv, the
// later word, judges a labelled instance noise, it is a look-alike here.
func TestCorpusTerminologyLabels(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "msalnet", "diffs")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("%s is absent: the corpus test needs ../shared", dir)
	}
	type ref struct {
		sha, file string
		line      int
		rule      string // "" for a benign look-alike: no rule of proseRules may fire
	}
	refs := []ref{
		{"2eef3bfc9", "MtlsPopTests.cs", 532, VanillaLegs.ID},
		{"0e93afa1d", ".github/skills/README.md", 80, AmbiguousPop.ID},
		{"0e93afa1d", ".github/skills/README.md", 120, AmbiguousPop.ID},
		{"0e93afa1d", ".github/skills/README.md", 123, AmbiguousPop.ID},
		// Bare "PoP" in C# whose file already says mTLS (mTLS-only
		// components and their tests, code beside WithMtlsProofOfPossession
		// or IsMtlsPopRequested) and a quoted scheme name: labels.tsv lists
		// them as real, findings-judged.tsv, the later word, as noise.
		{"2eef3bfc9", "MtlsPopTests.cs", 598, ""},
		{"a37afecea", "ClientCredentialsMtlsPopTests.cs", 20, ""},
		{"46cd2b1db", "MtlsPopParametersInitializer.cs", 67, ""},
		{"46cd2b1db", "MtlsPopParametersInitializer.cs", 68, ""},
		{"46cd2b1db", "ClientAssertionDelegateCredential.cs", 74, ""},
		{"4956d58d1", "ImdsV2ManagedIdentitySource.cs", 399, ""},
		{"2d65ccd28", "ManagedIdentityClient.cs", 75, ""},
		{"f0d26a579", "ManagedIdentityImdsV2Tests.cs", 90, ""},
		{"cc4328d79", "ManagedIdentityPopExtensions.cs", 29, ""},
		{"cc4328d79", "ManagedIdentityPopExtensions.cs", 35, ""},
		{"c832249f0", "ManagedIdentityClient.cs", 105, ""},
		{"282a9e6c2", "ManagedIdentityClient.cs", 113, ""},
		{"224a50ada", "WindowsCngKeyOperations.cs", 370, ""},
		{"a7a17c768", "MtlsPopParametersInitializer.cs", 91, ""},
		{"5cb257e86", "FicLeg2Exchanger.cs", 86, ""},
		{"5cb257e86", "FicLeg2Exchanger.cs", 87, ""},
		{"46bba2286", "msal-mtls-pop-vanilla/ResourceCaller.cs", 57, ""},
		// Benign: negative tests, a masked log line, managed identity's
		// "token leg", SHR PoP docs next to mTLS PoP.
		{"46cd2b1db", "ClientAssertionTests.cs", 956, ""},
		{"46cd2b1db", "ClientAssertionTests.cs", 1036, ""},
		{"36e0c6b18", "PopKeyAttestor.cs", 216, ""},
		{"cc4328d79", "ManagedIdentityClient.cs", 70, ""},
		{"a06df822b", "ImdsV2ManagedIdentitySource.cs", 395, ""},
		{"aef501f4b", "AbstractConfidentialClientAcquireTokenParameterBuilder.cs", 94, ""},
		{"aef501f4b", "AbstractConfidentialClientAcquireTokenParameterBuilder.cs", 101, ""},
	}
	findings := map[string][]Finding{} // by sha
	added := map[string][]string{}     // "sha line" to the paths that added it
	for _, r := range refs {
		if _, ok := findings[r.sha]; ok {
			continue
		}
		fh, err := os.Open(filepath.Join(dir, r.sha+".patch"))
		if err != nil {
			t.Fatal(err)
		}
		files, err := diff.Parse(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("parse %s.patch: %v", r.sha, err)
		}
		var all []Finding
		for _, f := range files {
			for _, l := range slices.Concat(hunkLines(f)...) {
				if l.Op == diff.Add {
					k := fmt.Sprintf("%s %d", r.sha, l.NewLine)
					added[k] = append(added[k], f.Path())
				}
			}
			all = append(all, review.Check(proseRules, f, nil, flow.None, files)...)
		}
		findings[r.sha] = all
	}
	found, missed, falsePos := 0, 0, 0
	for _, r := range refs {
		isAdded := false
		for _, path := range added[fmt.Sprintf("%s %d", r.sha, r.line)] {
			isAdded = isAdded || strings.HasSuffix(path, r.file)
		}
		if !isAdded {
			t.Errorf("%s %s:%d is not an added line of the commit: the reference is wrong", r.sha, r.file, r.line)
		}
		var got []string
		for _, fd := range findings[r.sha] {
			if fd.Line == r.line && strings.HasSuffix(fd.Path, r.file) {
				got = append(got, fd.Rule)
			}
		}
		switch {
		case r.rule == "" && len(got) > 0:
			falsePos++
			t.Errorf("%s %s:%d is benign, but got %v", r.sha, r.file, r.line, got)
		case r.rule != "" && !containsString(got, r.rule):
			missed++
			t.Errorf("%s %s:%d: want %s, got %v", r.sha, r.file, r.line, r.rule, got)
		case r.rule != "":
			found++
		}
	}
	t.Logf("terminology labels: found %d, missed %d, false %d", found, missed, falsePos)
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// FuzzProseRules feeds arbitrary text, as a C# file and as a Markdown
// document, to the terminology and documentation rules: they must not
// panic, and every finding must sit on a line of the text.
func FuzzProseRules(f *testing.F) {
	f.Add("/// the two-leg mTLS PoP flow\nvoid M() { app.AcquireTokenForClient(s).WithMtlsProofOfPossession(); }\n")
	f.Add("# T\n\nThe vanilla flow's first leg. Call the API with the scopes. Configure PoP.\n```csharp\n// Leg 1\nx.WithMtlsProofOfPossession();\n```\n")
	f.Add("---\ndescription: x\n---\n\"PoP\" ‘legs’ “vanilla” leg-1 `scopes` /* PoP */ \"a b PoP\"")
	f.Fuzz(func(t *testing.T, text string) {
		_ = MatchVanillaLegs(text)
		_ = MatchMentionsLegs(text)
		_ = MatchScopesForConsumption(text)
		_ = MatchBarePoP(text)
		n := strings.Count(text, "\n") + 1
		for _, path := range []string{"src/MtlsPop/X.cs", "docs/mtls-pop/x.md"} {
			file, src := difftest.AddedText(path, text)
			for _, fd := range review.Check(proseRules, file, src, flow.Both, []*diff.File{file}) {
				if fd.Line < 1 || fd.Line > n {
					t.Errorf("%s: finding on line %d of a %d-line text", path, fd.Line, n)
				}
			}
		}
	})
}

// BenchmarkProseRules runs the terminology and documentation rules on a
// 20,000-line added C# file of mTLS PoP tests with comments and messages.
func BenchmarkProseRules(b *testing.B) {
	method := `        /// <summary>Acquires an mTLS PoP token for the vanilla flow.</summary>
        [TestMethod]
        public async Task Vanilla_Async()
        {
            // Acquire the token with the scopes for Key Vault.
            AuthenticationResult result = await app.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);
            Assert.AreEqual("mtls_pop", result.TokenType, "Token type should be mtls_pop for mTLS PoP.");
            Assert.IsNotNull(result.BindingCertificate, "The binding certificate must be set.");
        }
`
	var sb strings.Builder
	sb.WriteString("namespace T\n{\n    public class Tests\n    {\n")
	for strings.Count(sb.String(), "\n") < 20000 {
		sb.WriteString(method)
	}
	sb.WriteString("    }\n}\n")
	f, src := difftest.AddedText("tests/Contoso.MtlsPop.Tests/GeneratedTests.cs", sb.String())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if fs := review.Check(proseRules, f, src, flow.Vanilla, []*diff.File{f}); len(fs) != 0 {
			b.Fatalf("unexpected findings: %v", fs[0])
		}
	}
}

// hunkLines returns the lines of each of f's hunks.
func hunkLines(f *diff.File) [][]diff.Line {
	out := make([][]diff.Line, len(f.Hunks))
	for i, h := range f.Hunks {
		out[i] = h.Lines
	}
	return out
}
