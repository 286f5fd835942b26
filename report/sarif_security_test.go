package report

import (
	"slices"
	"strconv"
	"testing"

	"github.com/reviewbot/reviewbot/rules"
)

// TestSARIFSecuritySeverity: code scanning ranks security alerts by the
// rule's security-severity; reviewbot's security rules carry one, and
// only those, together with the "security" tag.
func TestSARIFSecuritySeverity(t *testing.T) {
	_, log := sarifOf(t, ficResult(), rules.All)
	want := map[string]string{
		"hardcoded-secret":          "8.0",
		"secret-logging":            "7.5",
		"assertion-without-binding": "6.5",
		"assertion-type":            "6.5",
		"leg2-unbound-assertion":    "6.5",
		"certificate-disposal":      "4.0",
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		got := r.Properties.SecuritySeverity
		if got != want[r.ID] {
			t.Errorf("rule %s: security-severity %q, want %q", r.ID, got, want[r.ID])
		}
		tagged := slices.Contains(r.Properties.Tags, "security")
		if tagged != (got != "") {
			t.Errorf("rule %s: security tag %v but security-severity %q", r.ID, tagged, got)
		}
		if got != "" {
			if f, err := strconv.ParseFloat(got, 64); err != nil || f <= 0 || f > 10 {
				t.Errorf("rule %s: security-severity %q is not a score in (0, 10]", r.ID, got)
			}
		}
	}
}
