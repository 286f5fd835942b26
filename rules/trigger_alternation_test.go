package rules_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/rules"
)

// TestTriggerAlternation: the alternation docs/rules.md gives (and
// scripts/bench-check.sh greps) matches every trigger literal of every
// rule, in any ASCII case, and nothing a rule's triggers do not name is in
// it.
func TestTriggerAlternation(t *testing.T) {
	alt := rules.TriggerAlternation(rules.All)
	re, err := regexp.Compile("(?i)^(?:" + alt + ")$")
	if err != nil {
		t.Fatalf("the trigger alternation is no regular expression: %v", err)
	}
	want := map[string]bool{}
	for _, r := range rules.All {
		for _, l := range r.Triggers.Literals() {
			want[l] = true
			if !re.MatchString(l) || !re.MatchString(strings.ToUpper(l)) {
				t.Errorf("%s: trigger literal %q is not in the alternation", r.ID, l)
			}
		}
	}
	if n := len(strings.Split(alt, "|")); n != len(want) || n < 20 {
		t.Errorf("the alternation has %d literals, the rules' triggers %d", n, len(want))
	}
}
