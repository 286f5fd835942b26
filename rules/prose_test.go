package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		f, _ := addedFile(".github/skills/msal-mtls-pop-guidance/SKILL.md", string(src))
		allowed := 0
		for _, fd := range Check(proseRules, f, src, flow.Both, []*diff.File{f}) {
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
	mf, msrc := addedFile(".github/skills/msal-mtls-pop-guidance/SKILL.md", marked)
	mv := NewView(&Pass{File: mf, Source: msrc})
	f, src := addedFile(".github/skills/msal-mtls-pop-guidance/SKILL.md", plain)
	found := map[int]string{}
	for _, fd := range Check(proseRules, f, src, flow.Both, []*diff.File{f}) {
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
