package diff

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// dump renders the lines of f as "op old new text", one string a line, so a
// test can state every line number it expects.
func dump(f *File) []string {
	var out []string
	for _, l := range f.Lines() {
		out = append(out, fmt.Sprintf("%c %d %d %s", l.Op, l.OldLine, l.NewLine, l.Text))
	}
	return out
}

// wantFile is what a test expects of one parsed file.
type wantFile struct {
	old, new string
	status   Status
	binary   bool
	oldMode  uint32
	newMode  uint32
	hunks    int
	lines    []string
}

func checkFiles(t *testing.T, got []*File, want []wantFile) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d files, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.OldPath != w.old || g.NewPath != w.new {
			t.Errorf("file %d: paths %q -> %q, want %q -> %q", i, g.OldPath, g.NewPath, w.old, w.new)
		}
		if g.Status != w.status {
			t.Errorf("file %d (%s): status %q, want %q", i, g.Path(), g.Status, w.status)
		}
		if g.Binary != w.binary {
			t.Errorf("file %d (%s): binary %v, want %v", i, g.Path(), g.Binary, w.binary)
		}
		if g.OldMode != w.oldMode || g.NewMode != w.newMode {
			t.Errorf("file %d (%s): modes %o -> %o, want %o -> %o", i, g.Path(), g.OldMode, g.NewMode, w.oldMode, w.newMode)
		}
		if len(g.Hunks) != w.hunks {
			t.Errorf("file %d (%s): %d hunks, want %d", i, g.Path(), len(g.Hunks), w.hunks)
		}
		gl := dump(g)
		if strings.Join(gl, "\n") != strings.Join(w.lines, "\n") {
			t.Errorf("file %d (%s): lines\n%s\nwant\n%s", i, g.Path(), strings.Join(gl, "\n"), strings.Join(w.lines, "\n"))
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []wantFile
	}{
		{
			name: "modified, two hunks with section",
			in: `diff --git a/keep.txt b/keep.txt
index c9e9e05..5d4832f 100644
--- a/keep.txt
+++ b/keep.txt
@@ -1,6 +1,6 @@
 one
 two
-three
+THREE
 four
 five
 six
@@ -8,3 +8,4 @@ seven
 eight
 nine
 ten
+eleven
`,
			want: []wantFile{{old: "keep.txt", new: "keep.txt", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 2, lines: []string{
				"  1 1 one", "  2 2 two", "- 3 0 three", "+ 0 3 THREE", "  4 4 four", "  5 5 five", "  6 6 six",
				"  8 8 eight", "  9 9 nine", "  10 10 ten", "+ 0 11 eleven",
			}}},
		},
		{
			name: "rename with edits",
			in: `diff --git a/old-name.cs b/new-name.cs
similarity index 87%
rename from old-name.cs
rename to new-name.cs
index 36e7404..b868a6d 100644
--- a/old-name.cs
+++ b/new-name.cs
@@ -2,3 +2,4 @@ class A
 line b
-line c
+line C
+line C2
 line d
`,
			want: []wantFile{{old: "old-name.cs", new: "new-name.cs", status: Renamed, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  2 2 line b", "- 3 0 line c", "+ 0 3 line C", "+ 0 4 line C2", "  4 5 line d",
			}}},
		},
		{
			name: "pure rename has no hunks",
			in: `diff --git a/pure.txt b/dir/pure-renamed.txt
similarity index 100%
rename from pure.txt
rename to dir/pure-renamed.txt
`,
			want: []wantFile{{old: "pure.txt", new: "dir/pure-renamed.txt", status: Renamed}},
		},
		{
			name: "copy",
			in: `diff --git a/big.txt b/big-copy.txt
similarity index 94%
copy from big.txt
copy to big-copy.txt
index 508bf64..481f2fe 100644
--- a/big.txt
+++ b/big-copy.txt
@@ -19,2 +19,2 @@ shared line 18
 shared line 19
-shared line 20
+changed line 20
`,
			want: []wantFile{{old: "big.txt", new: "big-copy.txt", status: Copied, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  19 19 shared line 19", "- 20 0 shared line 20", "+ 0 20 changed line 20",
			}}},
		},
		{
			name: "deletion",
			in: `diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index a85183a..0000000
--- a/gone.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-gone 1
-gone 2
`,
			want: []wantFile{{old: "gone.txt", new: "", status: Removed, oldMode: 0o100644, hunks: 1, lines: []string{
				"- 1 0 gone 1", "- 2 0 gone 2",
			}}},
		},
		{
			name: "new file",
			in: `diff --git a/src/added.cs b/src/added.cs
new file mode 100644
index 0000000..d5a09df
--- /dev/null
+++ b/src/added.cs
@@ -0,0 +1,2 @@
+brand new
+second
`,
			want: []wantFile{{old: "", new: "src/added.cs", status: Added, newMode: 0o100644, hunks: 1, lines: []string{
				"+ 0 1 brand new", "+ 0 2 second",
			}}},
		},
		{
			name: "new empty file",
			in: `diff --git a/empty.txt b/empty.txt
new file mode 100644
index 0000000..e69de29
`,
			want: []wantFile{{new: "empty.txt", status: Added, newMode: 0o100644}},
		},
		{
			name: "binary without data",
			in: `diff --git a/img.bin b/img.bin
index 6772730..8d0cd2a 100644
Binary files a/img.bin and b/img.bin differ
`,
			want: []wantFile{{old: "img.bin", new: "img.bin", status: Modified, binary: true, oldMode: 0o100644, newMode: 0o100644}},
		},
		{
			name: "new binary without data",
			in: `diff --git a/logo.png b/logo.png
new file mode 100644
index 0000000..8d0cd2a
Binary files /dev/null and b/logo.png differ
`,
			want: []wantFile{{new: "logo.png", status: Added, binary: true, newMode: 0o100644}},
		},
		{
			name: "GIT binary patch",
			in: `diff --git a/img.bin b/img.bin
index 677273046bce3115f56c248238f3b83f77cfc239..8d0cd2ad57642d7d820fcd1eb42b7f7e04042d0e 100644
GIT binary patch
literal 6
NcmZQzWKPP=0{{Yj0X_f#

literal 6
NcmZQzWJ=1+0{{Yf0X+Z!

diff --git a/after.txt b/after.txt
index 1111111..2222222 100644
--- a/after.txt
+++ b/after.txt
@@ -1 +1 @@
-a
+b
`,
			want: []wantFile{
				{old: "img.bin", new: "img.bin", status: Modified, binary: true, oldMode: 0o100644, newMode: 0o100644},
				{old: "after.txt", new: "after.txt", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{"- 1 0 a", "+ 0 1 b"}},
			},
		},
		{
			name: "mode only",
			in: `diff --git a/script.sh b/script.sh
old mode 100644
new mode 100755
diff --git a/x.txt b/x.txt
index 1111111..2222222 100644
--- a/x.txt
+++ b/x.txt
@@ -1 +1 @@
-a
+b
`,
			want: []wantFile{
				{old: "script.sh", new: "script.sh", status: Modified, oldMode: 0o100644, newMode: 0o100755},
				{old: "x.txt", new: "x.txt", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{"- 1 0 a", "+ 0 1 b"}},
			},
		},
		{
			name: "CRLF file content",
			in: "diff --git a/win.cs b/win.cs\nindex c695a68..8c7219f 100644\n--- a/win.cs\n+++ b/win.cs\n" +
				"@@ -1,3 +1,3 @@\n crlf 1\r\n-crlf 2\r\n+crlf two\r\n crlf 3\r\n",
			want: []wantFile{{old: "win.cs", new: "win.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  1 1 crlf 1", "- 2 0 crlf 2", "+ 0 2 crlf two", "  3 3 crlf 3",
			}}},
		},
		{
			name: "whole diff saved with CRLF",
			in: "diff --git a/w.cs b/w.cs\r\nindex c695a68..8c7219f 100644\r\n--- a/w.cs\r\n+++ b/w.cs\r\n" +
				"@@ -1,2 +1,2 @@ Section\r\n keep\r\n-old\r\n+new\r\n\r\n",
			want: []wantFile{{old: "w.cs", new: "w.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  1 1 keep", "- 2 0 old", "+ 0 2 new",
			}}},
		},
		{
			name: "only one trailing CR goes",
			in:   "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\r\r\n+y\r\n",
			want: []wantFile{{old: "f", new: "f", status: Modified, hunks: 1, lines: []string{"- 1 0 x\r", "+ 0 1 y"}}},
		},
		{
			name: "no newline at end of file",
			in: `diff --git a/nonl.txt b/nonl.txt
index 20cbb4d..398e774 100644
--- a/nonl.txt
+++ b/nonl.txt
@@ -1 +1,2 @@
-no newline
\ No newline at end of file
+no newline
+now more
\ No newline at end of file
`,
			want: []wantFile{{old: "nonl.txt", new: "nonl.txt", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"- 1 0 no newline", "+ 0 1 no newline", "+ 0 2 now more",
			}}},
		},
		{
			name: "quoted non-ASCII path",
			in: `diff --git "a/\303\251t\303\251.cs" "b/\303\251t\303\251.cs"
index d66d227..638a80e 100644
--- "a/\303\251t\303\251.cs"
+++ "b/\303\251t\303\251.cs"
@@ -1 +1,2 @@
 accent
+more
`,
			want: []wantFile{{old: "été.cs", new: "été.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  1 1 accent", "+ 0 2 more",
			}}},
		},
		{
			name: "quoted rename with tab and quote",
			in: `diff --git "a/old\tname.cs" "b/new \"q\" name.cs"
similarity index 100%
rename from "old\tname.cs"
rename to "new \"q\" name.cs"
`,
			want: []wantFile{{old: "old\tname.cs", new: `new "q" name.cs`, status: Renamed}},
		},
		{
			name: "path with spaces",
			in: "diff --git a/dir with space/file name.txt b/dir with space/file name.txt\nindex ce01362..94954ab 100644\n" +
				"--- a/dir with space/file name.txt\t\n+++ b/dir with space/file name.txt\t\n@@ -1 +1,2 @@\n hello\n+world\n",
			want: []wantFile{{old: "dir with space/file name.txt", new: "dir with space/file name.txt", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  1 1 hello", "+ 0 2 world",
			}}},
		},
		{
			name: "space-only path change in empty new file",
			in:   "diff --git a/a b/c b/a b/c\nnew file mode 100644\nindex 0000000..e69de29\n",
			want: []wantFile{{new: "a b/c", status: Added, newMode: 0o100644}},
		},
		{
			name: "git show output: commit header is ignored",
			in: `commit 0123456789abcdef0123456789abcdef01234567
Author: A <a@example.com>
Date:   Mon Jan 1 00:00:00 2024 +0000

    Add mTLS PoP test

diff --git a/t.cs b/t.cs
index 1111111..2222222 100644
--- a/t.cs
+++ b/t.cs
@@ -10,2 +10,3 @@ public class T
 a
+b
 c
`,
			want: []wantFile{{old: "t.cs", new: "t.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
				"  10 10 a", "+ 0 11 b", "  11 12 c",
			}}},
		},
		{
			name: "traditional diff -u loses a/ b/ prefixes",
			in: `--- a/src/x.cs	2024-01-01 00:00:00.000000000 +0000
+++ b/src/x.cs	2024-01-02 00:00:00.000000000 +0000
@@ -3,2 +3,2 @@
-old
+new
 same
`,
			want: []wantFile{{old: "src/x.cs", new: "src/x.cs", status: Modified, hunks: 1, lines: []string{
				"- 3 0 old", "+ 0 3 new", "  4 4 same",
			}}},
		},
		{
			name: "deleted line without newline in the middle of a hunk",
			in: `--- a/f
+++ b/f
@@ -1,2 +1,3 @@
 a
-b
\ No newline at end of file
+b
+c
\ No newline at end of file
`,
			want: []wantFile{{old: "f", new: "f", status: Modified, hunks: 1, lines: []string{
				"  1 1 a", "- 2 0 b", "+ 0 2 b", "+ 0 3 c",
			}}},
		},
		{
			name: "empty context line written by GNU diff as a bare newline",
			in:   "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n",
			want: []wantFile{{old: "f", new: "f", status: Modified, hunks: 1, lines: []string{
				"  1 1 a", "  2 2 ", "- 3 0 c", "+ 0 3 C",
			}}},
		},
		{
			name: "last line of input has no newline",
			in:   "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b",
			want: []wantFile{{old: "f", new: "f", status: Modified, hunks: 1, lines: []string{"- 1 0 a", "+ 0 1 b"}}},
		},
		{name: "empty input", in: "", want: nil},
		{name: "blank input", in: "\n\n  \n", want: nil},
		{
			name: "format-patch signature after the last hunk",
			in:   "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n",
			want: []wantFile{{old: "f", new: "f", status: Modified, hunks: 1, lines: []string{"- 1 0 a", "+ 0 1 b"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkFiles(t, got, tt.want)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "plain text",
			in:   "this is a commit message\nwith no diff in it\n",
			want: "diff: input holds no unified diff (expected 'diff --git' or '---'/'+++' headers)",
		},
		{
			name: "coloured git output",
			in:   "\x1b[1mdiff --git a/f b/f\x1b[m\n\x1b[1m--- a/f\x1b[m\n\x1b[1m+++ b/f\x1b[m\n\x1b[36m@@ -1 +1 @@\x1b[m\n\x1b[31m-a\x1b[m\n\x1b[32m+b\x1b[m\n",
			want: "diff: input holds no unified diff (expected 'diff --git' or '---'/'+++' headers); it holds ANSI colour codes: make it with git diff --no-color",
		},
		{
			name: "hunk without file header",
			in:   "some text\n@@ -1 +1 @@\n-a\n+b\n",
			want: "diff: line 2: patch fragment without file header: @@ -1,1 +1,1 @@",
		},
		{
			name: "bad hunk header",
			in:   "diff --git a/f b/f\nindex 1..2 100644\n--- a/f\n+++ b/f\n@@ -x +1 @@\n-a\n",
			want: "diff: line 5: invalid fragment header",
		},
		{
			name: "hunk shorter than its header",
			in:   "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n",
			want: "diff: line 4: fragment header miscounts lines: -1 old, -1 new",
		},
		{
			name: "hunk longer than its header",
			in:   "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n+d\n",
			want: "diff: line 8: hunk holds more lines than its '@@' header counts",
		},
		{
			name: "invalid line inside a hunk",
			in:   "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n*b\n",
			want: `diff: line 6: invalid line operation: '*'`,
		},
		{
			name: "bad quoted name",
			in:   "diff --git \"a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
			want: "diff: line 1: git file header",
		},
		{
			name: "hunks out of order",
			in:   "--- a/f\n+++ b/f\n@@ -10,2 +10,2 @@\n a\n-b\n+c\n@@ -5,2 +5,2 @@\n x\n-y\n+z\n",
			want: "diff: line 7: hunk starts at old line 5, inside or before the previous hunk (which ends at 11)",
		},
		{
			name: "overlapping new ranges",
			in:   "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+n\n b\n@@ -5,1 +3,1 @@\n-y\n+z\n",
			want: "diff: line 7: hunk starts at new line 3, inside or before the previous hunk (which ends at 3)",
		},
		{
			name: "added lines starting at line 0",
			in:   "--- a/f\n+++ b/f\n@@ -0,0 +0,1 @@\n+x\n",
			want: "diff: line 3: hunk header has 1 new lines starting at line 0",
		},
		{
			name: "huge line number",
			in:   "--- a/f\n+++ b/f\n@@ -1 +99999999999999 @@\n-x\n+y\n",
			want: "diff: line 3: hunk header new line number or count is out of range",
		},
		{
			name: "hunks of the next file start over",
			in:   "--- a/f\n+++ b/f\n@@ -10 +10 @@\n-a\n+b\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n@@ -1 +1 @@\n-a\n+b\n",
			want: "diff: line 11: hunk starts at old line 1, inside or before the previous hunk (which ends at 1)",
		},
		{
			name: "traditional header with an empty new path",
			in:   "--- 0000\n+++ a/\n@@ -1 +1 @@\n-x\n+y\n",
			want: "diff: line 2: file header names no path",
		},
		{
			name: "second file of a traditional diff names no path",
			in:   "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n+y\n--- a/\n+++ b/\n@@ -1 +1 @@\n-x\n+y\n",
			want: "diff: line 7: file header names no path",
		},
		{
			name: "added file with an empty path",
			in:   "--- /dev/null\n+++ b/\n@@ -0,0 +1 @@\n+y\n",
			want: "diff: line 2: file header names no path",
		},
		{
			name: "new file with old content",
			in:   "diff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
			want: "diff: line 5: new file depends on old contents",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Parse: no error, %d files; want %q", len(got), tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse error\n got %q\nwant prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestParseReadError(t *testing.T) {
	_, err := Parse(&failingReader{data: "diff --git a/f b/f\n--- a/f\n", err: errors.New("connection reset")})
	if err == nil || err.Error() != "diff: read input: connection reset" {
		t.Errorf("error %v, want diff: read input: connection reset", err)
	}
}

func TestParseGitLogTwoCommits(t *testing.T) {
	in := `commit 2222222222222222222222222222222222222222

    second

diff --git a/f.cs b/f.cs
index 1111111..2222222 100644
--- a/f.cs
+++ b/f.cs
@@ -30 +30 @@
-b
+c
commit 1111111111111111111111111111111111111111

    first

diff --git a/f.cs b/f.cs
index 0000000..1111111 100644
--- a/f.cs
+++ b/f.cs
@@ -1 +1 @@
-a
+b
`
	files, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, files, []wantFile{
		{old: "f.cs", new: "f.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{"- 30 0 b", "+ 0 30 c"}},
		{old: "f.cs", new: "f.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{"- 1 0 a", "+ 0 1 b"}},
	})
}
