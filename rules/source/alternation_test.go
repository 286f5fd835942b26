package source

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
)

// TestTriggerAlternation keeps testdata/trigger-alternation.txt, every
// literal of the trigger table as one case-insensitive ERE alternation, in
// step with triggerGroups (regenerate with -update). scripts/bench-check.sh
// times `grep -Eic` of it beside reviewbot, as the second of its two grep
// figures.
func TestTriggerAlternation(t *testing.T) {
	var alts []string
	seen := map[string]bool{}
	for _, g := range triggerGroups {
		// A group's literals are lower case already where they fold, and
		// grep -i folds ASCII letters as they do; the other bytes match as
		// themselves, as in the automaton (lower-casing the Kelvin sign
		// would make it a "k").
		for _, l := range g.lits {
			if seen[l] {
				continue
			}
			seen[l] = true
			alts = append(alts, regexp.QuoteMeta(l))
		}
	}
	if len(alts) < 50 {
		t.Fatalf("the trigger table holds %d literals: too few to be the whole table", len(alts))
	}
	golden.Check(t, "testdata/trigger-alternation.txt", []byte(strings.Join(alts, "|")+"\n"))
}
