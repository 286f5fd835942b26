package review

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// TestWithoutNoveltyCopiesMarkedHunks: the marked added lines become
// context in a copy; f itself is untouched, and a hunk without a marked
// line shares f's lines instead of a copy of them.
func TestWithoutNoveltyCopiesMarkedHunks(t *testing.T) {
	f := &diff.File{OldPath: "a.cs", NewPath: "a.cs", Status: diff.Modified, Hunks: []diff.Hunk{
		difftest.Hunk(1, 1, "+moved();", "+fresh();"),
		difftest.Hunk(20, 20, " keep();", "+other();"),
		difftest.Hunk(40, 40, "+moved2();"),
	}}
	before := make([][]diff.Line, len(f.Hunks))
	for i, h := range f.Hunks {
		before[i] = append([]diff.Line(nil), h.Lines...)
	}
	marks := map[lineRef]string{{"a.cs", 1}: "moved", {"a.cs", 40}: "moved"}

	c := withoutNovelty(f, byFile(marks)["a.cs"])
	require.NotSame(t, f, c)
	require.Len(t, c.Hunks, 3)
	assert.Equal(t, []diff.Op{diff.Context, diff.Add}, ops(c.Hunks[0].Lines))
	assert.Equal(t, []diff.Op{diff.Context, diff.Add}, ops(c.Hunks[1].Lines))
	assert.Equal(t, []diff.Op{diff.Context}, ops(c.Hunks[2].Lines))
	for i, h := range f.Hunks {
		assert.Equal(t, before[i], h.Lines, "hunk %d of f changed", i)
	}
	assert.Same(t, &f.Hunks[1].Lines[0], &c.Hunks[1].Lines[0], "the unmarked hunk shares f's lines")
	assert.NotSame(t, &f.Hunks[0].Lines[0], &c.Hunks[0].Lines[0])
	assert.Equal(t, len(c.Hunks[0].Lines), cap(c.Hunks[0].Lines), "a copied hunk's lines are capped at their end")

	// No added line marked (a context line, another file): f itself.
	assert.Same(t, f, withoutNovelty(f, byFile(map[lineRef]string{{"a.cs", 20}: "moved", {"b.cs", 1}: "moved"})["a.cs"]))
}

func ops(ls []diff.Line) []diff.Op {
	var out []diff.Op
	for _, l := range ls {
		out = append(out, l.Op)
	}
	return out
}

func TestByFile(t *testing.T) {
	got := byFile(map[lineRef]string{{"a.cs", 1}: "moved", {"a.cs", 7}: "renamed", {"b.md", 1}: "moved"})
	assert.Equal(t, map[string]map[int]string{
		"a.cs": {1: "moved", 7: "renamed"},
		"b.md": {1: "moved"},
	}, got)
	assert.Empty(t, byFile(nil))
}
