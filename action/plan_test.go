package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// TestPlanReview pins the publishing policy without HTTP: which findings
// become comments, in which order, and what the summary and the next
// run's state say.
func TestPlanReview(t *testing.T) {
	const path = "src/MtlsPop/Sample.cs"
	var lines []string
	for i := 1; i <= 12; i++ {
		lines = append(lines, fmt.Sprintf("var line%d = %d;", i, i))
	}
	change := review.FromPatches([]review.Patch{
		{Path: path, Status: "added", Patch: difftest.Added(path, lines...).Patch()},
		{Path: "docs/guide.md", Status: "added", Patch: difftest.Added("docs/guide.md", "# Guide").Patch()},
	})
	f := func(rule string, sev rules.Severity, line int) rules.Finding {
		return rules.Finding{Rule: rule, Severity: sev, Path: path, Line: line, Message: rule + " message"}
	}
	errA, errB := f("secret-logging", rules.Error, 9), f("placeholder-region", rules.Error, 3)
	warn, note := f("placeholder-value", rules.Warning, 2), f("ambiguous-pop", rules.Notice, 1)
	offDiff := f("token-type", rules.Error, 40)
	doc := rules.Finding{Rule: "doc-verification", Severity: rules.Warning, Path: "docs/guide.md", Line: 1, File: true, Message: "m"}
	const head = "1111111111111111111111111111111111111111"
	latest := &github.PullRequestReview{ID: github.Int64(7), CommitID: github.String(head)}

	type want struct {
		drafts  []int // draft lines in order (0: a file comment)
		inline  int
		notes   []string
		fixed   int
		refused int
	}
	tests := []struct {
		name     string
		findings []rules.Finding
		prev     func(fps []string) *earlier
		level    rules.Severity
		max      int
		want     want
	}{
		{name: "errors first, then warnings, each in file order; notices below inline-level",
			findings: []rules.Finding{note, warn, errB, errA}, level: rules.Warning, max: 30,
			want: want{drafts: []int{3, 9, 2}, inline: 3, notes: []string{"1 finding(s) below inline-level (warning)"}}},
		{name: "max-comments keeps the most severe",
			findings: []rules.Finding{note, warn, errB, errA}, level: rules.Notice, max: 2,
			want: want{drafts: []int{3, 9}, inline: 2, notes: []string{"2 more finding(s) are beyond max-comments (2)"}}},
		{name: "a finding off the diff's hunks is summary only",
			findings: []rules.Finding{offDiff, errA}, level: rules.Warning, max: 30,
			want: want{drafts: []int{9}, inline: 1, notes: []string{"1 finding(s) lie on lines outside the diff's hunks"}}},
		{name: "a finding about a whole file is a file comment",
			findings: []rules.Finding{doc}, level: rules.Warning, max: 30,
			want: want{drafts: []int{0}, inline: 1}},
		{name: "a finding already commented keeps its comment",
			findings: []rules.Finding{errA, warn}, level: rules.Warning, max: 30,
			prev: func(fps []string) *earlier {
				return &earlier{comments: map[string][]earlierComment{baseFingerprint(fps[0]): {{id: 1, line: 9}}}}
			},
			want: want{drafts: []int{2}, inline: 2}},
		{name: "the same head posts no new comment",
			findings: []rules.Finding{errA, warn}, level: rules.Warning, max: 30,
			prev: func(fps []string) *earlier {
				return &earlier{latest: latest, state: state{Head: head}}
			},
			want: want{inline: 0, notes: []string{"2 more finding(s) are beyond max-comments (30) for this head commit"}}},
		{name: "a comment refused on this head is not tried again",
			findings: []rules.Finding{errA}, level: rules.Warning, max: 30,
			prev: func(fps []string) *earlier {
				return &earlier{latest: latest, state: state{Head: head, Refused: map[string]stateEntry{fps[0]: {Rule: errA.Rule, Path: path}}}}
			},
			want: want{refused: 1, notes: []string{"GitHub refused"}}},
		{name: "a comment a person deleted is not posted again on its line",
			findings: []rules.Finding{errA}, level: rules.Warning, max: 30,
			prev: func(fps []string) *earlier {
				return &earlier{state: state{Commented: map[string]int{fps[0]: 9}}}
			},
			want: want{notes: []string{"1 finding(s) whose comment someone deleted"}}},
		{name: "a finding gone since the last summary is fixed",
			findings: []rules.Finding{errA}, level: rules.Warning, max: 30,
			prev: func(fps []string) *earlier {
				return &earlier{state: state{Findings: map[string]stateEntry{"00000000000000aa": {Rule: "token-type", Path: path}}}}
			},
			want: want{drafts: []int{9}, inline: 1, fixed: 1, notes: []string{"Fixed since an earlier review"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fps := fingerprints(&review.Result{Findings: tt.findings}, change)
			var prev *earlier
			if tt.prev != nil {
				prev = tt.prev(fps)
			}
			pl := planReview(planInput{findings: tt.findings, fps: fps, change: change, prev: prev, head: head, inlineLevel: tt.level, maxComments: tt.max})
			var got []int
			for _, d := range pl.drafts {
				got = append(got, d.c.GetLine())
				assert.Equal(t, d.file, d.c.Line == nil, "a file comment has no line, a line comment has one")
				assert.Contains(t, d.c.GetBody(), fpPrefix+fps[d.idx]+markerEnd)
			}
			assert.Equal(t, tt.want.drafts, got)
			assert.Len(t, pl.inline, tt.want.inline)
			for _, n := range tt.want.notes {
				found := false
				for _, have := range pl.notes {
					found = found || strings.Contains(have, n)
				}
				assert.True(t, found, "no note %q in %q", n, pl.notes)
			}
			if len(tt.want.notes) == 0 {
				assert.Empty(t, pl.notes)
			}
			assert.Len(t, pl.state.Fixed, tt.want.fixed)
			assert.Len(t, pl.state.Refused, tt.want.refused)
			assert.Equal(t, head, pl.state.Head)
			assert.Len(t, pl.state.Findings, len(tt.findings))
		})
	}
}
