package rules_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
	"github.com/reviewbot/reviewbot/rules"
	"github.com/reviewbot/reviewbot/rules/source"
)

// TestTriggerAlternation keeps testdata/trigger-alternation.txt in step
// with the registry: every trigger literal of every rule (the literals of
// the groups their Triggers name), as one ERE alternation for grep -Eic.
// scripts/bench-check.sh times reviewbot beside that grep, the measure
// issue 9 sets. Regenerate with go test ./rules -run TestTriggerAlternation
// -update when a rule's Triggers change.
func TestTriggerAlternation(t *testing.T) {
	var all source.Triggers
	for _, r := range rules.All {
		all |= r.Triggers
	}
	var alts []string
	for _, l := range all.Literals() {
		alts = append(alts, regexp.QuoteMeta(l))
	}
	if len(alts) < 20 {
		t.Fatalf("the rules' triggers hold %d literals: too few to be every rule's", len(alts))
	}
	golden.Check(t, "testdata/trigger-alternation.txt", []byte(strings.Join(alts, "|")+"\n"))
}
