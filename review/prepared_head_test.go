package review

import (
	"path/filepath"
	"testing"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/rules"
	"github.com/reviewbot/reviewbot/rules/source"
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
	compared, kept, all := 0, 0, 0
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
			every := evaluator{res: res, rules: rules.All, judged: judged, inScope: inScope,
				head: &head{lines: everyHeadLine(inScope), files: inScope, found: map[topicKind]topicPlaces{}}}
			lazyList, lazyFocus := lazy.evaluate(g)
			aheadList, aheadFocus := ahead.evaluate(g)
			everyList, everyFocus := every.evaluate(g)
			require.Equal(t, lazyList, aheadList, "%s guidance, commit %s: checklist", name, c.SHA)
			require.Equal(t, lazyFocus, aheadFocus, "%s guidance, commit %s: focus", name, c.SHA)
			require.Equal(t, everyList, lazyList, "%s guidance, commit %s: checklist from every head line", name, c.SHA)
			require.Equal(t, everyFocus, lazyFocus, "%s guidance, commit %s: focus from every head line", name, c.SHA)
			kept += len(headLines(inScope))
			all += len(every.head.lines)
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
	// The comparison means something only if items found places, and if
	// headLines left lines out.
	require.Greater(t, compared, 50, "items with evidence")
	require.Less(t, kept, all/2, "head lines kept of every head line")
	t.Logf("headLines kept %d of %d head lines", kept, all)
}

// everyHeadLine is what headLines listed before it left out the lines that
// hold no guard literal: every added and context line, code comments left
// out, in its order.
func everyHeadLine(files []*diff.File) []srcLine {
	set, _ := subjectGuards()
	var out []srcLine
	for rank := 0; rank < 4; rank++ {
		for _, f := range files {
			p := f.Path()
			md, code, test := source.IsMarkdown(p), source.IsCode(p), source.IsTest(p)
			for _, h := range f.Hunks {
				for _, l := range h.Lines {
					r := 3
					switch {
					case l.Op == diff.Delete || !md && isComment(l.Text):
						continue
					case l.Op == diff.Add && code:
						r = 0
					case l.Op == diff.Add && md:
						r = 1
					case l.Op == diff.Add:
						r = 2
					}
					if r != rank {
						continue
					}
					sl := srcLine{path: p, line: int32(l.NewLine), text: l.Text, added: l.Op == diff.Add, md: md, test: test}
					sl.setCode(set, set.Scan(l.Text))
					out = append(out, sl)
				}
			}
		}
	}
	return out
}

func TestAllMasked(t *testing.T) {
	_, masks := subjectGuards()
	require.True(t, allMasked(masks), "every subject read from the lines has a mask today")
	require.False(t, allMasked(map[checklist.Topic]uint64{}), "no masks: every line must be kept")
}
