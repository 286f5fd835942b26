package review

import (
	"path/filepath"
	"testing"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/rules"
	"github.com/stretchr/testify/require"
)

// TestPreparedHeadIsWhatEvaluateFinds holds prepareHead, which Run calls
// ahead on another core, to the places evaluate finds itself: on every
// corpus commit, the checklist and focus items come out the same either
// way, for the default guidance and for the real skill file, and
// evaluate finds nothing prepareHead left to find.
func TestPreparedHeadIsWhatEvaluateFinds(t *testing.T) {
	commits := corpus.Load(t)
	dir, err := corpus.Dir()
	require.NoError(t, err)
	skill, err := LoadGuidance([]string{filepath.Join(dir, "guidance", "msal-mtls-pop-guidance.SKILL.md")})
	require.NoError(t, err)
	guides := map[string]*checklist.Guidance{"default": checklist.Default(), "corpus": skill}
	compared := 0
	for name, g := range guides {
		for _, c := range commits {
			res, err := Run(c.Files, Options{Guidance: g})
			require.NoError(t, err, c.SHA)
			var inScope []*diff.File
			for _, f := range c.Files {
				for _, d := range res.Files {
					if d.InScope && d.NotReviewed == "" && d.Path == f.Path() {
						inScope = append(inScope, f)
						break
					}
				}
			}
			judged := map[string]bool{}
			for _, id := range res.RulesRun {
				judged[id] = true
			}
			lazy := evaluator{res: res, rules: rules.All, judged: judged, inScope: inScope}
			ahead := evaluator{res: res, rules: rules.All, judged: judged, inScope: inScope, head: prepareHead(inScope, g)}
			lazyList, lazyFocus := lazy.evaluate(g)
			aheadList, aheadFocus := ahead.evaluate(g)
			require.Equal(t, lazyList, aheadList, "%s guidance, commit %s: checklist", name, c.SHA)
			require.Equal(t, lazyFocus, aheadFocus, "%s guidance, commit %s: focus", name, c.SHA)
			// Nothing was left to find: evaluate never listed the lines
			// again.
			require.Empty(t, ahead.head.lines, "%s guidance, commit %s: evaluate asked for places prepareHead did not find", name, c.SHA)
			for _, it := range append(aheadList, aheadFocus...) {
				if len(it.Evidence) > 0 {
					compared++
				}
			}
		}
	}
	// The comparison means something only if items found places.
	require.Greater(t, compared, 50, "items with evidence")
}
