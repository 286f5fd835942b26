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
