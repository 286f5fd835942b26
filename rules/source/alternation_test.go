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
		for _, l := range g.lits {
			l = strings.ToLower(l)
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
