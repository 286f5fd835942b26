package review

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/rules"
)

func TestGroup(t *testing.T) {
	f := func(rule, path string, line int, msg, key string) rules.Finding {
		return rules.Finding{Rule: rule, Severity: rules.Warning, Path: path, Line: line, Message: msg, Key: key}
	}
	type want struct {
		line  int
		lines []int
	}
	tests := []struct {
		name string
		in   []rules.Finding
		want []want
	}{
		{"one finding keeps its line",
			[]rules.Finding{f("r", "a.md", 3, "m", "")},
			[]want{{3, []int{3}}}},
		{"same message in one file is one finding",
			[]rules.Finding{f("r", "a.md", 3, "m", ""), f("r", "a.md", 9, "m", ""), f("r", "a.md", 12, "m", "")},
			[]want{{3, []int{3, 9, 12}}}},
		{"other file is another finding",
			[]rules.Finding{f("r", "a.md", 3, "m", ""), f("r", "b.md", 3, "m", "")},
			[]want{{3, []int{3}}, {3, []int{3}}}},
		{"other rule is another finding",
			[]rules.Finding{f("r", "a.md", 3, "m", ""), f("s", "a.md", 5, "m", "")},
			[]want{{3, []int{3}}, {5, []int{5}}}},
		{"other message is another finding",
			[]rules.Finding{f("r", "a.md", 3, "m", ""), f("r", "a.md", 5, "n", "")},
			[]want{{3, []int{3}}, {5, []int{5}}}},
		{"a key groups over messages",
			[]rules.Finding{f("r", "a.md", 3, "m", "pop token"), f("r", "a.md", 5, "n", "pop token"), f("r", "a.md", 7, "m", "with pop")},
			[]want{{3, []int{3, 5}}, {7, []int{7}}}},
		{"two findings on one line list it once",
			[]rules.Finding{f("r", "a.md", 3, "m", ""), f("r", "a.md", 3, "m", "")},
			[]want{{3, []int{3}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := group(tt.in)
			var g []want
			for _, x := range got {
				g = append(g, want{x.Line, x.Lines})
			}
			assert.Equal(t, tt.want, g)
		})
	}
}

func TestGroupedFindingText(t *testing.T) {
	fs := group([]rules.Finding{
		{Rule: "placeholder-value", Path: "a.md", Line: 3, Column: 2, Message: "m"},
		{Rule: "placeholder-value", Path: "a.md", Line: 83, Message: "m"},
		{Rule: "placeholder-value", Path: "a.md", Line: 115, Message: "m"},
	})
	assert.Equal(t, "a.md:3:2: m (also lines 83, 115) [placeholder-value]", fs[0].String())
}

func TestSingleFindingText(t *testing.T) {
	fs := group([]rules.Finding{{Rule: "r", Path: "a.md", Line: 3, Message: "m"}, {Rule: "r", Path: "a.md", Line: 4, Message: "n"}})
	assert.Equal(t, "a.md:4:1: n [r]", fs[1].String())
	two := group([]rules.Finding{{Rule: "r", Path: "a.md", Line: 3, Message: "m"}, {Rule: "r", Path: "a.md", Line: 8, Message: "m"}})
	assert.Equal(t, "a.md:3:1: m (also line 8) [r]", two[0].String())
}
