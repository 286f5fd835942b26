// Package difftest builds diff.Files for tests from lines written the way a
// unified diff writes them, so tests need no diff text and no parser.
package difftest

import (
	"strings"

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

// Lines splits a file's text into its lines, without the final newline:
// the lines Added and File take. The empty text has none.
func Lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// AddedText builds a new file of text whose every line is added, with the
// hunk written out line by line, and returns it with its source bytes.
func AddedText(path, text string) (*diff.File, []byte) {
	lines := Lines(text)
	h := diff.Hunk{NewStart: 1, NewLines: len(lines)}
	for i, l := range lines {
		h.Lines = append(h.Lines, diff.Line{Op: diff.Add, Text: l, NewLine: i + 1})
	}
	return &diff.File{NewPath: path, Status: diff.Added, Hunks: []diff.Hunk{h}}, []byte(text)
}
