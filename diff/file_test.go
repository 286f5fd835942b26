package diff

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const helperDiff = `diff --git a/src/Old.cs b/src/New.cs
similarity index 80%
rename from src/Old.cs
rename to src/New.cs
index 1111111..2222222 100644
--- a/src/Old.cs
+++ b/src/New.cs
@@ -3,4 +3,5 @@ class A
 a
-b
+B
+B2
 c
 d
@@ -20,2 +21,2 @@ void M()
 x
-y
+Y
`

func TestFileHelpers(t *testing.T) {
	files, err := Parse(strings.NewReader(helperDiff))
	if err != nil {
		t.Fatal(err)
	}
	f := files[0]
	var added, deleted []string
	for _, l := range f.AddedLines() {
		added = append(added, l.Text+"@"+itoa(l.NewLine))
	}
	for _, l := range f.DeletedLines() {
		deleted = append(deleted, l.Text+"@"+itoa(l.OldLine))
	}
	if want := []string{"B@4", "B2@5", "Y@22"}; !reflect.DeepEqual(added, want) {
		t.Errorf("AddedLines = %v, want %v", added, want)
	}
	if want := []string{"b@4", "y@21"}; !reflect.DeepEqual(deleted, want) {
		t.Errorf("DeletedLines = %v, want %v", deleted, want)
	}
	if a, d := f.Stats(); a != 3 || d != 2 {
		t.Errorf("Stats = +%d -%d, want +3 -2", a, d)
	}
	if got := f.LineCount(); got != 9 {
		t.Errorf("LineCount = %d, want 9 (6 lines in the first hunk, 3 in the second)", got)
	}
	if got, want := f.Paths(), []string{"src/New.cs", "src/Old.cs"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Paths = %v, want %v", got, want)
	}

	right := []struct {
		line, hunk int
		text       string
	}{
		{2, -1, ""}, {3, 0, "a"}, {4, 0, "B"}, {6, 0, "c"}, {7, 0, "d"}, {8, -1, ""},
		{20, -1, ""}, {21, 1, "x"}, {22, 1, "Y"}, {23, -1, ""}, {0, -1, ""},
	}
	for _, r := range right {
		if got := f.HunkIndexRight(r.line); got != r.hunk {
			t.Errorf("HunkIndexRight(%d) = %d, want %d", r.line, got, r.hunk)
		}
		l, ok := f.LineRight(r.line)
		if ok != (r.hunk >= 0) || l.Text != r.text {
			t.Errorf("LineRight(%d) = %+v, %v; want text %q", r.line, l, ok, r.text)
		}
	}
	left := []struct{ line, hunk int }{
		{2, -1}, {3, 0}, {4, 0}, {6, 0}, {7, -1}, {20, 1}, {21, 1}, {22, -1}, {0, -1},
	}
	for _, l := range left {
		if got := f.HunkIndexLeft(l.line); got != l.hunk {
			t.Errorf("HunkIndexLeft(%d) = %d, want %d", l.line, got, l.hunk)
		}
	}
}

func TestPaths(t *testing.T) {
	tests := []struct {
		f    File
		want []string
	}{
		{File{NewPath: "a"}, []string{"a"}},
		{File{OldPath: "a"}, []string{"a"}},
		{File{OldPath: "a", NewPath: "a"}, []string{"a"}},
		{File{OldPath: "a", NewPath: "b"}, []string{"b", "a"}},
	}
	for _, tt := range tests {
		if got := tt.f.Paths(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v.Paths() = %v, want %v", tt.f, got, tt.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPatch(t *testing.T) {
	files, err := Parse(strings.NewReader(helperDiff + "diff --git a/n.txt b/n.txt\nnew file mode 100644\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1 @@\n+only\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := "@@ -3,4 +3,5 @@ class A\n a\n-b\n+B\n+B2\n c\n d\n@@ -20,2 +21,2 @@ void M()\n x\n-y\n+Y"
	if got := files[0].Patch(); got != want {
		t.Errorf("Patch() =\n%s\nwant\n%s", got, want)
	}
	if got, want := files[1].Patch(), "@@ -0,0 +1 @@\n+only"; got != want {
		t.Errorf("Patch() = %q, want %q", got, want)
	}
	if got := (&File{NewPath: "x"}).Patch(); got != "" {
		t.Errorf("Patch() of a file with no hunks = %q, want \"\"", got)
	}
}

// The methods below are the tests' views of a File: no reviewbot code
// needs them, so they live with the tests.

// Lines returns every line of every hunk in order.
func (f *File) Lines() []Line {
	n := 0
	for _, h := range f.Hunks {
		n += len(h.Lines)
	}
	out := make([]Line, 0, n)
	for _, h := range f.Hunks {
		out = append(out, h.Lines...)
	}
	return out
}

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
