package action

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// Two hunks: new lines 1-4 and 20-23.
const twoHunks = "@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -18,2 +20,4 @@\n x\n+y\n+z\n w"

func TestAnchorStaysInsideOneHunk(t *testing.T) {
	ch := review.FromPatches([]review.Patch{{Path: "a.cs", Status: "modified", Patch: twoHunks}})
	// The fake's independent reading agrees on the commentable lines.
	want := rightHunks(twoHunks)
	for _, l := range []int{1, 2, 3, 4, 20, 21, 22, 23} {
		assert.Contains(t, want, l)
		_, _, ok := ch.Anchor(rules.Finding{Path: "a.cs", Line: l})
		assert.True(t, ok, "line %d", l)
	}
	cases := []struct {
		name       string
		line, end  int
		start, got int
		ok         bool
	}{
		{"single line in a hunk", 2, 0, 0, 2, true},
		{"range within one hunk", 20, 22, 20, 22, true},
		{"range across hunks falls back to its first line", 3, 21, 0, 3, true},
		{"range ending outside the hunk", 22, 30, 0, 22, true},
		{"line outside every hunk", 10, 0, 0, 0, false},
		{"line zero", 0, 0, 0, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, e, ok := ch.Anchor(rules.Finding{Path: "a.cs", Line: c.line, EndLine: c.end})
			assert.Equal(t, c.ok, ok)
			assert.Equal(t, c.start, s)
			assert.Equal(t, c.got, e)
		})
	}
	_, _, ok := ch.Anchor(rules.Finding{Path: "b.cs", Line: 2})
	assert.False(t, ok, "a file not in the diff")
}

func TestCommentBodyWithinGitHubLimit(t *testing.T) {
	f := rules.Finding{Rule: "secret-logging", Severity: rules.Error, Path: "a.cs", Line: 1, Message: strings.Repeat("é @someone <b>", 20000)}
	b := commentBody(f, "0123456789abcdef")
	assert.LessOrEqual(t, utf8.RuneCountInString(b), report.MaxBody)
	assert.True(t, strings.HasSuffix(b, "<!-- reviewbot:fp=0123456789abcdef -->"))
	assert.Regexp(t, fpRe, b)
}

func TestStateRoundTrip(t *testing.T) {
	st := state{Findings: map[string]stateEntry{"0123456789abcdef": {Rule: "r", Path: "p --> <x>"}}, Fixed: map[string]stateEntry{"fedcba9876543210-2": {Rule: "q", Path: "z"}}}
	m := encodeState(st)
	assert.NotContains(t, m[len(statePrefix):len(m)-len(markerEnd)], "-->", "a path cannot end the hidden comment")
	got := decodeState("text\n" + m + "\nmore")
	assert.Equal(t, st, got)
	assert.Equal(t, state{}, decodeState("no marker"))
}
