package rules

import (
	"os"
	"path/filepath"
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
