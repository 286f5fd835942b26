package diff

import (
	"strconv"
	"strings"
)

// AddedLines returns the added lines of every hunk in order. Their NewLine
// is where a RIGHT-side review comment on them goes.
func (f *File) AddedLines() []Line {
	return f.linesWith(Add)
}

// DeletedLines returns the deleted lines of every hunk in order. Their
// OldLine is where a LEFT-side review comment on them goes.
func (f *File) DeletedLines() []Line {
	return f.linesWith(Delete)
}

func (f *File) linesWith(op Op) []Line {
	var out []Line
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Op == op {
				out = append(out, l)
			}
		}
	}
	return out
}

// Stats returns how many lines the file's hunks add and delete.
func (f *File) Stats() (added, deleted int) {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			switch l.Op {
			case Add:
				added++
			case Delete:
				deleted++
			}
		}
	}
	return added, deleted
}

// Paths returns the file's distinct names: the new path, then the old one
// when a rename or copy changed it. Scope matching tries each.
func (f *File) Paths() []string {
	switch {
	case f.NewPath == "":
		return []string{f.OldPath}
	case f.OldPath == "" || f.OldPath == f.NewPath:
		return []string{f.NewPath}
	default:
		return []string{f.NewPath, f.OldPath}
	}
}

// LineRight returns the added or context line whose new-side number is
// line, and whether there is one. Only such lines take a RIGHT-side review
// comment.
func (f *File) LineRight(line int) (Line, bool) {
	if i := f.HunkIndexRight(line); i >= 0 {
		for _, l := range f.Hunks[i].Lines {
			if l.NewLine == line {
				return l, true
			}
		}
	}
	return Line{}, false
}

// HunkIndexLeft returns the index of the hunk that holds old-side (LEFT)
// line as a deleted or context line, or -1 when no hunk does. GitHub accepts
// a LEFT-side review comment only on such a line.
func (f *File) HunkIndexLeft(line int) int {
	if line <= 0 {
		return -1
	}
	for i, h := range f.Hunks {
		if line < h.OldStart || line >= h.OldStart+h.OldLines {
			continue
		}
		for _, l := range h.Lines {
			if l.OldLine == line {
				return i
			}
		}
	}
	return -1
}

// Patch renders the file's hunks the way GitHub's pull request files API
// sends them in `patch`: "@@" headers and lines, no file header, no final
// newline. ParsePatch reads it back to the same lines. Carriage returns and
// "\ No newline at end of file" markers, which Line does not keep, are not
// restored. A file with no hunks renders as "".
func (f *File) Patch() string {
	var b strings.Builder
	for i, h := range f.Hunks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("@@ -")
		writeRange(&b, h.OldStart, h.OldLines)
		b.WriteString(" +")
		writeRange(&b, h.NewStart, h.NewLines)
		b.WriteString(" @@")
		if h.Section != "" {
			b.WriteByte(' ')
			b.WriteString(h.Section)
		}
		for _, l := range h.Lines {
			b.WriteByte('\n')
			b.WriteByte(byte(l.Op))
			b.WriteString(l.Text)
		}
	}
	return b.String()
}

// writeRange writes "start,count" as git does, leaving out a count of 1.
func writeRange(b *strings.Builder, start, count int) {
	b.WriteString(strconv.Itoa(start))
	if count != 1 {
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(count))
	}
}
