package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules"
)

// TestJudgeNamesOnlyRulesThatLooked: the documentation rules judge guides,
// not short notes, and Judge must say so for the checklist to stay honest.
func TestJudgeNamesOnlyRulesThatLooked(t *testing.T) {
	note := difftest.Added("docs/mtls-note.md", "# mTLS PoP note", "", "Use the mTLS PoP token for the resource.")
	j := Judge(rules.All, note, nil, flow.Vanilla, []*diff.File{note})
	assert.NotContains(t, j.Judged, rules.DocWhenToUse.ID, "a three-line note is not a guide")
	assert.Contains(t, j.Judged, rules.SecretLogging.ID, "rules without Applies judge every file")

	lines := []string{"# mTLS PoP with the vanilla flow", ""}
	for i := 0; i < 45; i++ {
		lines = append(lines, "The vanilla flow acquires an mTLS PoP token for the resource in one call.")
	}
	guide := difftest.Added("docs/mtls-vanilla.md", lines...)
	j = Judge(rules.All, guide, []byte(strings.Join(lines, "\n")+"\n"), flow.Vanilla, []*diff.File{guide})
	for _, r := range []*rules.Rule{rules.DocWhenToUse, rules.DocVerification, rules.DocTestReferences} {
		assert.Contains(t, j.Judged, r.ID)
		assert.True(t, slices.ContainsFunc(j.Findings, func(f rules.Finding) bool { return f.Rule == r.ID }), "%s finds the guide lacks its section", r.ID)
	}
}
