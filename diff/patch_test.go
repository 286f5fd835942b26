package diff

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

func TestParsePatch(t *testing.T) {
	tests := []struct {
		name           string
		path, previous string
		status         string
		patch          string
		want           wantFile
	}{
		{
			name: "modified, no final newline", path: "src/A.cs", status: "modified",
			patch: "@@ -10,4 +10,5 @@ public class A\n a\n-b\n+B\n+B2\n c\n d",
			want: wantFile{old: "src/A.cs", new: "src/A.cs", status: Modified, hunks: 1, lines: []string{
				"  10 10 a", "- 11 0 b", "+ 0 11 B", "+ 0 12 B2", "  12 13 c", "  13 14 d",
			}},
		},
		{
			name: "added", path: "new.cs", status: "added",
			patch: "@@ -0,0 +1,2 @@\n+x\n+y",
			want:  wantFile{new: "new.cs", status: Added, hunks: 1, lines: []string{"+ 0 1 x", "+ 0 2 y"}},
		},
		{
			name: "removed", path: "old.cs", status: "removed",
			patch: "@@ -1,2 +0,0 @@\n-x\n-y",
			want:  wantFile{old: "old.cs", status: Removed, hunks: 1, lines: []string{"- 1 0 x", "- 2 0 y"}},
		},
		{
			name: "renamed with previous_filename", path: "b/New.cs", previous: "a/Old.cs", status: "renamed",
			patch: "@@ -1 +1 @@\n-x\n+y\n",
			want:  wantFile{old: "a/Old.cs", new: "b/New.cs", status: Renamed, hunks: 1, lines: []string{"- 1 0 x", "+ 0 1 y"}},
		},
		{
			name: "pure rename has an empty patch", path: "New.cs", previous: "Old.cs", status: "renamed",
			want: wantFile{old: "Old.cs", new: "New.cs", status: Renamed},
		},
		{
			name: "copied", path: "Copy.cs", previous: "Orig.cs", status: "copied",
			patch: "@@ -3 +3 @@\n-x\n+y",
			want:  wantFile{old: "Orig.cs", new: "Copy.cs", status: Copied, hunks: 1, lines: []string{"- 3 0 x", "+ 0 3 y"}},
		},
		{
			name: "changed (mode only)", path: "run.sh", status: "changed",
			want: wantFile{old: "run.sh", new: "run.sh", status: Modified},
		},
		{
			name: "unchanged", path: "same.cs", status: "unchanged",
			want: wantFile{old: "same.cs", new: "same.cs", status: Modified},
		},
		{
			name: "binary or too large: no patch", path: "logo.png", status: "added",
			want: wantFile{new: "logo.png", status: Added},
		},
		{
			name: "two hunks, no newline marker, CRLF", path: "w.cs", status: "modified",
			patch: "@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+B\r\n@@ -20,2 +20,2 @@ void M()\r\n c\r\n-d\r\n\\ No newline at end of file\r\n+D\r\n\\ No newline at end of file",
			want: wantFile{old: "w.cs", new: "w.cs", status: Modified, hunks: 2, lines: []string{
				"  1 1 a", "- 2 0 b", "+ 0 2 B", "  20 20 c", "- 21 0 d", "+ 0 21 D",
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParsePatch(tt.path, tt.previous, tt.status, tt.patch)
			if err != nil {
				t.Fatalf("ParsePatch: %v", err)
			}
			checkFiles(t, []*File{f}, []wantFile{tt.want})
		})
	}
}

func TestParsePatchErrors(t *testing.T) {
	tests := []struct {
		name, status, patch, want string
	}{
		{"unknown status", "moved", "", `diff: x.cs: unknown file status "moved"`},
		{"empty status", "", "", `diff: x.cs: unknown file status ""`},
		{"headers are not hunks", "modified", "--- a/x.cs\n+++ b/x.cs\n@@ -1 +1 @@\n-a\n+b\n", "diff: patch of x.cs: line 1: line outside any hunk"},
		{"text after the hunk", "modified", "@@ -1 +1 @@\n-a\n+b\nnot a diff line\n", "diff: patch of x.cs: line 4: line outside any hunk"},
		{"extra added line", "modified", "@@ -1 +1 @@\n-a\n+b\n+c", "diff: patch of x.cs: line 4: line outside any hunk"},
		{"second file", "modified", "@@ -1 +1 @@\n-a\n+b\ndiff --git a/y b/y\n", "diff: patch of x.cs: line 4: line outside any hunk"},
		{"short hunk", "modified", "@@ -1,3 +1,3 @@\n a\n-b\n+c\n", "diff: patch of x.cs: line 1: fragment header miscounts lines"},
		{"bad header", "modified", "@@ -1 +x @@\n-a\n", "diff: patch of x.cs: line 1: invalid fragment header"},
		{"plain text", "modified", "hello\n", "diff: patch of x.cs: line 1: line outside any hunk"},
		{"bad op in second hunk", "modified", "@@ -1 +1 @@\n-a\n+b\n@@ -5 +5 @@\n?x\n", "diff: patch of x.cs: line 5: invalid line operation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParsePatch("x.cs", "", tt.status, tt.patch)
			if err == nil {
				t.Fatalf("no error, file %+v; want %q", f, tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %q\nwant prefix %q", err, tt.want)
			}
		})
	}
}

// apply rebuilds the new content from the old one and a file's hunks; it
// fails the test when a hunk does not match old.
func apply(t *testing.T, old []string, f *File) []string {
	t.Helper()
	var out []string
	next := 1 // next old line to copy
	for _, h := range f.Hunks {
		start := h.OldStart
		if h.OldLines == 0 {
			start++ // an empty old range names the line before it
		}
		for ; next < start; next++ {
			out = append(out, old[next-1])
		}
		for _, l := range h.Lines {
			switch l.Op {
			case Context, Delete:
				if l.OldLine != next || l.OldLine > len(old) || old[l.OldLine-1] != l.Text {
					t.Fatalf("hunk %+v: line %+v does not match old line %d", h, l, next)
				}
				next++
				if l.Op == Context {
					out = append(out, l.Text)
				}
			case Add:
				if l.NewLine != len(out)+1 {
					t.Fatalf("added line %+v lands at new line %d", l, len(out)+1)
				}
				out = append(out, l.Text)
			}
		}
	}
	for ; next <= len(old); next++ {
		out = append(out, old[next-1])
	}
	return out
}

func textLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func TestBetween(t *testing.T) {
	long := func(n int, edit func(i int) string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if s := edit(i); s != "-" {
				b.WriteString(s + "\n")
			}
		}
		return b.String()
	}
	tests := []struct {
		name     string
		old, new string
		hunks    int
		lines    []string // checked when set
	}{
		{name: "identical", old: "a\nb\n", new: "a\nb\n", hunks: 0},
		{name: "both empty", old: "", new: "", hunks: 0},
		{name: "new file", old: "", new: "x\ny\n", hunks: 1, lines: []string{"+ 0 1 x", "+ 0 2 y"}},
		{name: "emptied file", old: "x\ny\n", new: "", hunks: 1, lines: []string{"- 1 0 x", "- 2 0 y"}},
		{name: "one change in the middle", old: "1\n2\n3\n4\n5\n6\n7\n8\n9\n", new: "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n", hunks: 1, lines: []string{
			"  2 2 2", "  3 3 3", "  4 4 4", "- 5 0 5", "+ 0 5 FIVE", "  6 6 6", "  7 7 7", "  8 8 8",
		}},
		{name: "insert at start", old: "a\nb\nc\nd\ne\n", new: "Z\na\nb\nc\nd\ne\n", hunks: 1, lines: []string{
			"+ 0 1 Z", "  1 2 a", "  2 3 b", "  3 4 c",
		}},
		{name: "append at end without final newline", old: "a\nb", new: "a\nb\nc", hunks: 1, lines: []string{
			// As git shows it: b gained a newline.
			"  1 1 a", "- 2 0 b", "+ 0 2 b", "+ 0 3 c",
		}},
		{name: "CRLF", old: "a\r\nb\r\n", new: "a\r\nB\r\n", hunks: 1, lines: []string{"  1 1 a", "- 2 0 b", "+ 0 2 B"}},
		{
			name: "two distant changes make two hunks",
			old:  long(40, func(i int) string { return fmt.Sprint("line ", i) }),
			new: long(40, func(i int) string {
				switch i {
				case 5:
					return "changed 5"
				case 30:
					return "-"
				}
				return fmt.Sprint("line ", i)
			}),
			hunks: 2,
		},
		{
			name:  "many repeated lines (difflib autojunk)",
			old:   long(600, func(i int) string { return [...]string{"{", "}", "", fmt.Sprint("x", i)}[i%4] }),
			new:   long(600, func(i int) string { return [...]string{"{", "}", "", fmt.Sprint("y", i/7)}[i%4] }),
			hunks: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Between("p.cs", []byte(tt.old), []byte(tt.new))
			if err != nil {
				t.Fatalf("Between: %v", err)
			}
			if f.Path() != "p.cs" || f.Status != Modified || f.Binary {
				t.Errorf("file = %q %q binary=%v", f.Path(), f.Status, f.Binary)
			}
			if tt.hunks >= 0 && len(f.Hunks) != tt.hunks {
				t.Errorf("%d hunks, want %d", len(f.Hunks), tt.hunks)
			}
			if tt.lines != nil {
				if got := strings.Join(dump(f), "\n"); got != strings.Join(tt.lines, "\n") {
					t.Errorf("lines\n%s\nwant\n%s", got, strings.Join(tt.lines, "\n"))
				}
			}
			oldLines := textLines(strings.ReplaceAll(tt.old, "\r\n", "\n"))
			wantNew := textLines(strings.ReplaceAll(tt.new, "\r\n", "\n"))
			if got := apply(t, oldLines, f); strings.Join(got, "\n") != strings.Join(wantNew, "\n") {
				t.Errorf("applying the hunks to old gives\n%q\nwant\n%q", got, wantNew)
			}
			checkInvariants(t, f)
		})
	}
}

func TestBetweenRandomRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := []string{"a", "b", "c", "}", "{", "", "return x;", "var y = 1;"}
	gen := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = words[rng.Intn(len(words))]
		}
		return out
	}
	for i := 0; i < 500; i++ {
		old := gen(rng.Intn(60))
		nw := append([]string(nil), old...)
		for e := rng.Intn(6); e > 0 && len(nw) > 0; e-- {
			j := rng.Intn(len(nw))
			switch rng.Intn(3) {
			case 0:
				nw = append(nw[:j], nw[j+1:]...)
			case 1:
				nw = append(nw[:j], append(gen(1+rng.Intn(3)), nw[j:]...)...)
			default:
				nw[j] = words[rng.Intn(len(words))]
			}
		}
		eol := [...]string{"\n", "\r\n"}[i%2] // every other case is CRLF
		join := func(l []string) []byte {
			if len(l) == 0 {
				return nil
			}
			return []byte(strings.Join(l, eol) + eol)
		}
		f, err := Between("r.txt", join(old), join(nw))
		if err != nil {
			t.Fatalf("case %d: Between: %v", i, err)
		}
		if got := apply(t, old, f); strings.Join(got, "\n") != strings.Join(nw, "\n") || len(got) != len(nw) {
			t.Fatalf("case %d: round trip\nold %q\nnew %q\ngot %q", i, old, nw, got)
		}
		checkInvariants(t, f)
		// Rendered as a GitHub patch and read back, the lines are the same.
		g, err := ParsePatch("r.txt", "", "modified", f.Patch())
		if err != nil {
			t.Fatalf("case %d: ParsePatch(Patch()): %v\n%s", i, err, f.Patch())
		}
		if a, b := strings.Join(dump(g), "\n"), strings.Join(dump(f), "\n"); a != b {
			t.Fatalf("case %d: ParsePatch(Patch()) gives\n%s\nwant\n%s", i, a, b)
		}
	}
}

func TestBetweenBinary(t *testing.T) {
	f, err := Between("img.png", []byte("\x89PNG\x00\x01"), []byte("\x89PNG\x00\x02"))
	if err != nil {
		t.Fatal(err)
	}
	if !f.Binary || len(f.Hunks) != 0 {
		t.Errorf("binary=%v hunks=%d, want binary with no hunks", f.Binary, len(f.Hunks))
	}
	// A NUL beyond the sniffed prefix does not make a file binary.
	late := append(bytes.Repeat([]byte("x\n"), binarySniffLen), 0, '\n')
	f, err = Between("t.txt", nil, late)
	if err != nil {
		t.Fatal(err)
	}
	if f.Binary {
		t.Errorf("NUL after %d bytes made the file binary", binarySniffLen)
	}
}

func TestParsePatchRenameWithoutPreviousName(t *testing.T) {
	f, err := ParsePatch("New.cs", "", "renamed", "")
	if err != nil {
		t.Fatal(err)
	}
	if f.OldPath != "New.cs" || f.NewPath != "New.cs" || f.Status != Renamed {
		t.Errorf("got %q -> %q %s, want New.cs -> New.cs renamed", f.OldPath, f.NewPath, f.Status)
	}
	if _, err := ParsePatch("", "", "modified", ""); err == nil {
		t.Error("ParsePatch with no path: no error")
	}
}
