package diff

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// checkInvariants fails the test when f breaks what review comments rely
// on: line numbers are positive where set, added lines have no old number
// and deleted lines no new one, and through the file the new numbers (added
// and context lines) and the old numbers (deleted and context lines) strictly
// increase.
func checkInvariants(t testing.TB, f *File) {
	t.Helper()
	if f.Binary && len(f.Hunks) > 0 {
		t.Errorf("%s: binary file has %d hunks", f.Path(), len(f.Hunks))
	}
	lastOld, lastNew := 0, 0
	for hi, h := range f.Hunks {
		var oldN, newN int
		for _, l := range h.Lines {
			switch l.Op {
			case Add:
				if l.OldLine != 0 || l.NewLine <= 0 {
					t.Fatalf("%s hunk %d: added line %+v: want OldLine 0 and NewLine > 0", f.Path(), hi, l)
				}
				newN++
			case Delete:
				if l.NewLine != 0 || l.OldLine <= 0 {
					t.Fatalf("%s hunk %d: deleted line %+v: want NewLine 0 and OldLine > 0", f.Path(), hi, l)
				}
				oldN++
			case Context:
				if l.OldLine <= 0 || l.NewLine <= 0 {
					t.Fatalf("%s hunk %d: context line %+v: want both numbers > 0", f.Path(), hi, l)
				}
				oldN++
				newN++
			default:
				t.Fatalf("%s hunk %d: line %+v has unknown op", f.Path(), hi, l)
			}
			if l.NewLine != 0 {
				if l.NewLine <= lastNew {
					t.Fatalf("%s hunk %d: new line %d after %d", f.Path(), hi, l.NewLine, lastNew)
				}
				lastNew = l.NewLine
			}
			if l.OldLine != 0 {
				if l.OldLine <= lastOld {
					t.Fatalf("%s hunk %d: old line %d after %d", f.Path(), hi, l.OldLine, lastOld)
				}
				lastOld = l.OldLine
			}
			if strings.ContainsRune(l.Text, '\n') {
				t.Fatalf("%s hunk %d: line text %q holds a newline", f.Path(), hi, l.Text)
			}
		}
		if oldN != h.OldLines || newN != h.NewLines {
			t.Fatalf("%s hunk %d: %d old and %d new lines, header says %d and %d", f.Path(), hi, oldN, newN, h.OldLines, h.NewLines)
		}
	}
	switch f.Status {
	case Added:
		if f.OldPath != "" || f.NewPath == "" {
			t.Fatalf("added file has paths %q -> %q", f.OldPath, f.NewPath)
		}
	case Removed:
		if f.NewPath != "" || f.OldPath == "" {
			t.Fatalf("removed file has paths %q -> %q", f.OldPath, f.NewPath)
		}
	case Modified, Renamed, Copied:
		if f.OldPath == "" || f.NewPath == "" {
			t.Fatalf("%s file has paths %q -> %q", f.Status, f.OldPath, f.NewPath)
		}
	default:
		t.Fatalf("file %q has unknown status %q", f.Path(), f.Status)
	}
}

// fuzzSeeds returns the testdata diffs and a few corpus patches (when
// ../shared is there) as seeds.
func fuzzSeeds(f *testing.F) [][]byte {
	var seeds [][]byte
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.diff"))
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.patch"))
	for i, p := range corpus {
		if i >= 4 {
			break
		}
		if st, err := os.Stat(p); err == nil && st.Size() < 64<<10 {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte(""))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, encSample...))
	f.Add(utf16Bytes(encSample, binary.LittleEndian, true))
	f.Add([]byte("--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"))
	// Empty paths, which fuzzing found accepted (issue 8 item 13).
	f.Add([]byte("--- 0000\n+++ a/\n@@ -1 +1 @@\n-x\n+y\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		files, err := Parse(bytes.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "diff: ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line starting with 'diff: '", err)
			}
			return
		}
		for _, file := range files {
			if missingPath(file) {
				t.Fatalf("file without a path accepted: %+v", file)
			}
			checkInvariants(t, file)
		}
	})
}

// addPatchSeeds seeds f with the GitHub patches of every fuzz seed diff.
func addPatchSeeds(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		files, err := Parse(bytes.NewReader(s))
		if err != nil {
			continue
		}
		for _, p := range githubPatches(s, files) {
			f.Add(p)
		}
	}
}

func FuzzParsePatch(f *testing.F) {
	addPatchSeeds(f)
	f.Add("@@ -0,0 +1 @@\n+x")
	f.Add("@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n\\ No newline at end of file")
	f.Fuzz(func(t *testing.T, patch string) {
		file, err := ParsePatch("x.cs", "", "modified", patch)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "diff: patch of x.cs: ") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line starting with 'diff: patch of x.cs: '", err)
			}
			return
		}
		checkInvariants(t, file)
	})
}

// contentLines splits a content into line texts as Line.Text holds them:
// cut at LF, one trailing CR dropped.
func contentLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

func FuzzBetween(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n")
	f.Add("", "x")
	f.Add("x\r\ny\r\n", "x\r\nz\r\ny")
	f.Add("{\n}\n{\n}\n{\n}\n{\n}\n", "{\n}\nx\n{\n}\n{\n}\n{\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		file, err := Between("f.txt", []byte(old), []byte(new))
		if err != nil {
			t.Fatalf("Between: %v", err)
		}
		if file.Binary {
			return
		}
		checkInvariants(t, file)
		oldLines, newLines := contentLines(old), contentLines(new)
		if got := apply(t, oldLines, file); strings.Join(got, "\n") != strings.Join(newLines, "\n") || len(got) != len(newLines) {
			t.Fatalf("applying the hunks to old gives %q, want %q", got, newLines)
		}
	})
}

// plainHunkRanges is parseHunkRanges as it was, splitting with
// strings.Split: FuzzHunkRanges holds the Cut version to it.
func plainHunkRanges(s string) (hunkRanges, bool) {
	rest := s[len("@@ -"):]
	end := strings.Index(rest, " @@")
	if end < 0 {
		return hunkRanges{}, false
	}
	ranges := strings.Split(rest[:end], " +")
	if len(ranges) != 2 {
		return hunkRanges{}, false
	}
	parse := func(r string) (start, n int64, ok bool) {
		a, c, found := strings.Cut(r, ",")
		start, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		n = 1
		if found {
			if n, err = strconv.ParseInt(c, 10, 64); err != nil {
				return 0, 0, false
			}
		}
		return start, n, true
	}
	var r hunkRanges
	var ok1, ok2 bool
	r.oldStart, r.oldN, ok1 = parse(ranges[0])
	r.newStart, r.newN, ok2 = parse(ranges[1])
	return r, ok1 && ok2
}

func FuzzHunkRanges(f *testing.F) {
	for _, s := range []string{"1,2 +3,4", "1 +3", "1,2 +3 +4", "1,2+3,4", "-1,2 +3,4", " +", "1,2 +3,4 @@ x +y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h := "@@ -" + s + " @@ section"
		got, gok := parseHunkRanges(h)
		want, wok := plainHunkRanges(h)
		if got != want || gok != wok {
			t.Fatalf("parseHunkRanges(%q) = %+v %v, want %+v %v", h, got, gok, want, wok)
		}
	})
}
