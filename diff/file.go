package diff

import (
	"strconv"
	"strings"
)

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
