// Package difftest builds diff.Files for tests from lines written the way a
// unified diff writes them, so tests need no diff text and no parser.
package difftest

import (
	"github.com/reviewbot/reviewbot/diff"
)

// File builds a modified file with one hunk starting at line 1 of both
// sides. Each line starts with '+', '-' or ' '; an empty string is an empty
// context line. Lines are numbered as a unified diff numbers them.
func File(path string, lines ...string) *diff.File {
	f := &diff.File{OldPath: path, NewPath: path, Status: diff.Modified}
	f.Hunks = []diff.Hunk{Hunk(1, 1, lines...)}
	return f
}

// Added builds a new file whose every line is added.
func Added(path string, lines ...string) *diff.File {
	pl := make([]string, len(lines))
	for i, l := range lines {
		pl[i] = "+" + l
	}
	f := File(path, pl...)
	f.OldPath, f.Status = "", diff.Added
	f.Hunks[0].OldStart = 0
	return f
}

// Hunk builds one hunk whose first lines are oldStart and newStart.
func Hunk(oldStart, newStart int, lines ...string) diff.Hunk {
	h := diff.Hunk{OldStart: oldStart, NewStart: newStart}
	o, n := oldStart, newStart
	for _, l := range lines {
		op, text := diff.Context, ""
		if l != "" {
			op, text = diff.Op(l[0]), l[1:]
		}
		dl := diff.Line{Op: op, Text: text}
		switch op {
		case diff.Add:
			dl.NewLine = n
			n++
		case diff.Delete:
			dl.OldLine = o
			o++
		default:
			dl.Op = diff.Context
			dl.OldLine, dl.NewLine = o, n
			o++
			n++
		}
		h.Lines = append(h.Lines, dl)
	}
	h.OldLines, h.NewLines = o-oldStart, n-newStart
	return h
}
