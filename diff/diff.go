// Package diff turns unified diffs (git's, or GitHub's per-file patch
// strings) into files, hunks and lines that keep their old and new line
// numbers. Those numbers are what review comments anchor on.
package diff

// Op says what a diff line does.
type Op byte

// The three kinds of diff line.
const (
	Context Op = ' '
	Add     Op = '+'
	Delete  Op = '-'
)

// Line is one line of a hunk. OldLine is 0 for an added line and NewLine is
// 0 for a deleted one. Text has no line terminator (a trailing CR is removed
// too, so CRLF files read like LF files).
type Line struct {
	Op      Op
	Text    string
	OldLine int
	NewLine int
}

// Hunk is one "@@ -a,b +c,d @@ section" block of a file's diff.
type Hunk struct {
	OldStart, OldLines int
	NewStart, NewLines int
	Section            string
	Lines              []Line
}

// Status is what the change did to a file; the values match the `status`
// field of GitHub's pull request files API.
type Status string

// The statuses a file can have.
const (
	Added    Status = "added"
	Modified Status = "modified"
	Removed  Status = "removed"
	Renamed  Status = "renamed"
	Copied   Status = "copied"
)

// File is the diff of one file. OldPath is empty for an added file, NewPath
// is empty for a removed one; both are set (and differ) for a rename or copy.
type File struct {
	OldPath string
	NewPath string
	Status  Status
	// Binary is set for a binary file: it has no hunks and is not reviewed.
	Binary bool
	// OldMode and NewMode are the git file modes when the diff names them.
	OldMode, NewMode uint32
	Hunks            []Hunk
}

// Path is the name a reviewer knows the file by: the new path, or the old
// one for a removed file.
func (f *File) Path() string {
	if f.NewPath != "" {
		return f.NewPath
	}
	return f.OldPath
}

// ModeOnly reports whether the change touched only the file mode.
func (f *File) ModeOnly() bool {
	return !f.Binary && len(f.Hunks) == 0 && f.OldMode != f.NewMode && f.OldMode != 0 && f.NewMode != 0
}

// LineCount is the number of lines the file's hunks show: removed, added
// and context lines. It is the size by which work on files is shared out.
func (f *File) LineCount() int {
	n := 0
	for _, h := range f.Hunks {
		n += len(h.Lines)
	}
	return n
}

// HunkIndexRight returns the index of the hunk whose new-side (RIGHT) range
// holds line, counting added and context lines only, or -1 when no hunk does.
// GitHub accepts a RIGHT-side review comment only on such a line.
func (f *File) HunkIndexRight(line int) int {
	for i, h := range f.Hunks {
		if line < h.NewStart || line >= h.NewStart+h.NewLines {
			continue
		}
		for _, l := range h.Lines {
			if l.NewLine == line {
				return i
			}
		}
	}
	return -1
}
