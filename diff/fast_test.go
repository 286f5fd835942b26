package diff

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// checkFast fails when fastParse takes text (LF line ends, as readText
// gives it), with or without pieces, and gives other files than parseText,
// the go-gitdiff path, or takes what parseText refuses. It reports whether
// fastParse took it without pieces, and with them.
func checkFast(t *testing.T, text string) (fast, pieces bool) {
	t.Helper()
	want, err := parseText(text)
	for i, withPieces := range []bool{false, true} {
		got, ok := fastParse(text, withPieces)
		if !ok {
			continue
		}
		if i == 0 {
			fast = true
		} else {
			pieces = true
		}
		if err != nil {
			t.Fatalf("fastParse(pieces %v) takes %q, but parseText gives %v", withPieces, text, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fastParse(%q, pieces %v) gives\n%s\nparseText gives\n%s", text, withPieces, dumpAll(got), dumpAll(want))
		}
	}
	if fast && !pieces {
		t.Fatalf("fastParse takes %q without pieces, but not with them", text)
	}
	return fast, pieces
}

// fastSeeds are inputs that fastParse takes (TestFastParseTakes) and that
// go-gitdiff reads in unusual ways: FuzzFastParse starts from them.
var fastSeeds = map[string]string{
	"modified":                     "diff --git a/x.cs b/x.cs\nindex 1111111..2222222 100644\n--- a/x.cs\n+++ b/x.cs\n@@ -1,3 +1,3 @@ class X\n a\n-b\n+c\n d\n",
	"commit header first":          "commit 0123456789abcdef\nAuthor: A <a@example.com>\n\n    fix: --- not at a line start\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
	"---/+++ lines in the message": "Subject: x\n--- a/x\n+++ b/x\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
	"two hunks, two files": "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n@@ -10 +10,2 @@ f()\n x\n+y\n" +
		"diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -3 +3 @@\n-p\n+q\n",
	"new file":                 "diff --git a/n.txt b/n.txt\nnew file mode 100644\nindex 0000000..3b18e51\n--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n",
	"new empty file":           "diff --git a/e b/e\nnew file mode 100644\nindex 0000000..e69de29\n",
	"deleted file":             "diff --git a/d b/d\ndeleted file mode 100755\nindex 3b18e51..0000000\n--- a/d\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n",
	"mode only":                "diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\n",
	"mode and content":         "diff --git a/s.sh b/s.sh\nold mode 100644\nnew mode 100755\nindex 1..2\n--- a/s.sh\n+++ b/s.sh\n@@ -1 +1 @@\n-a\n+b\n",
	"rename, no change":        "diff --git a/old name.cs b/new name.cs\nsimilarity index 100%\nrename from old name.cs\nrename to new name.cs\n",
	"rename and change":        "diff --git a/o/a.cs b/n/a.cs\nsimilarity index 95%\nrename from o/a.cs\nrename to n/a.cs\nindex 1..2 100644\n--- a/o/a.cs\n+++ b/n/a.cs\n@@ -4 +4 @@\n-a\n+b\n",
	"copy":                     "diff --git a/a b/c\nsimilarity index 90%\ncopy from a\ncopy to c\nindex 1..2 100644\n--- a/a\n+++ b/c\n@@ -1,2 +1,2 @@\n x\n-a\n+b\n",
	"spaces in the name":       "diff --git a/my dir/x y.txt b/my dir/x y.txt\n--- a/my dir/x y.txt\n+++ b/my dir/x y.txt\n@@ -1 +1 @@\n-a\n+b\n",
	"name with b/ in it":       "diff --git a/x b/x b/x b/x\n--- a/x b/x\n+++ b/x b/x\n@@ -1 +1 @@\n-a\n+b\n",
	"tab after the name":       "diff --git a/x b/x\n--- a/x\t2024-01-01 00:00:00\n+++ b/x\t2024-01-01 00:00:00\n@@ -1 +1 @@\n-a\n+b\n",
	"no newline, old side":     "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n",
	"no newline, both":         "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n",
	"empty context line":       "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n",
	"CR left in a line":        "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\r\n+b\r\n",
	"section with spaces":      "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@   void F() @@ x  \n-a\n+b\n",
	"text between files":       "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\nnote\n\n  indented\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n",
	"header line after a hunk": "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\nindex 1..2\n",
	"git log -p, two commits":  "commit 2222\n\n    second\n\ndiff --git a/f.cs b/f.cs\n--- a/f.cs\n+++ b/f.cs\n@@ -30 +30 @@\n-b\n+c\ncommit 1111\nAuthor: A <a@example.com>\n\n    first\n\ndiff --git a/f.cs b/f.cs\n--- a/f.cs\n+++ b/f.cs\n@@ -1 +1 @@\n-a\n+b\n",
	"empty sides":              "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3,0 +4 @@\n+a\n@@ -9 +9,0 @@\n-b\n",
}

// TestFastParseTakes holds fastParse to parseText on inputs it must take:
// without them, a fast path that declined everything would pass.
func TestFastParseTakes(t *testing.T) {
	for name, in := range fastSeeds {
		t.Run(name, func(t *testing.T) {
			if fast, _ := checkFast(t, in); !fast {
				files, err := parseText(in)
				t.Fatalf("fastParse declines; parseText gives %v\n%s", err, dumpAll(files))
			}
		})
	}
}

// TestFastParseDeclines lists inputs that fastParse must leave to
// go-gitdiff, because it would read them otherwise or miss an error; Parse
// must then give parseText's files or its very error.
func TestFastParseDeclines(t *testing.T) {
	const hdr = "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
	for name, in := range map[string]string{
		"empty":                       "",
		"no diff":                     "hello\n",
		"no final newline":            hdr + "@@ -1 +1 @@\n-a\n+b",
		"traditional":                 "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
		"traditional before git":      "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n" + hdr + "@@ -1 +1 @@\n-a\n+b\n",
		"hunk before any file":        "@@ -1 +1 @@\n-a\n+b\n" + hdr + "@@ -1 +1 @@\n-a\n+b\n",
		"binary, no data":             "diff --git a/i.png b/i.png\nindex 1..2 100644\nBinary files a/i.png and b/i.png differ\n",
		"binary patch":                "diff --git a/i.png b/i.png\nindex 1..2 100644\nGIT binary patch\nliteral 1\nIcmZ?l000310RR91\n\nliteral 1\nIcmZ?l000310RR91\n\n",
		"quoted names":                "diff --git \"a/\\303\\251\" \"b/\\303\\251\"\n--- \"a/\\303\\251\"\n+++ \"b/\\303\\251\"\n@@ -1 +1 @@\n-a\n+b\n",
		"double slash":                "diff --git a/x//y b/x//y\n--- a/x//y\n+++ b/x//y\n@@ -1 +1 @@\n-a\n+b\n",
		"names disagree":              "diff --git a/x b/x\n--- a/x\n+++ b/y\n--- a/z\n@@ -1 +1 @@\n-a\n+b\n",
		"rename without names":        "diff --git a/x b/y\nsimilarity index 100%\n",
		"mode with a space":           "diff --git a/x b/x\nold mode 100644 \nnew mode 100755\n",
		"bad index line":              "diff --git a/x b/x\nindex 1111111\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
		"dissimilarity 05%":           "diff --git a/x b/x\ndissimilarity index 05%\n",
		"unknown header line":         "diff --git a/x b/x\nfrobnicated\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
		"too few lines":               hdr + "@@ -1,2 +1,2 @@\n-a\n+b\n",
		"too few lines, next file":    hdr + "@@ -1,2 +1,2 @@\n-a\n+b\n" + hdr + "@@ -1 +1 @@\n-a\n+b\n",
		"too many lines":              hdr + "@@ -1 +1 @@\n-a\n+b\n+c\n",
		"context only":                hdr + "@@ -1 +1 @@\n a\n",
		"no lines":                    hdr + "@@ -1,0 +1,0 @@\n",
		"header at the end":           hdr + "@@ -1 +1 @@\n",
		"leading zero":                hdr + "@@ -01 +1 @@\n-a\n+b\n",
		"plus sign":                   hdr + "@@ -+1 +1 @@\n-a\n+b\n",
		"two new ranges":              hdr + "@@ -1 +1 +1 @@\n-a\n+b\n",
		"no closing @@":               hdr + "@@ -1 +1\n-a\n+b\n",
		"count too large":             hdr + "@@ -1,2000000000 +1 @@\n-a\n+b\n",
		"line 0":                      hdr + "@@ -0,1 +1 @@\n-a\n+b\n",
		"hunks go backwards":          hdr + "@@ -5 +5 @@\n-a\n+b\n@@ -2 +2 @@\n-a\n+b\n",
		"hunks overlap":               hdr + "@@ -5,2 +5,2 @@\n-a\n-b\n+c\n+d\n@@ -6 +6 @@\n-a\n+b\n",
		"new file with old lines":     "diff --git a/x b/x\nnew file mode 100644\n--- /dev/null\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
		"deleted file with new lines": "diff --git a/x b/x\ndeleted file mode 100644\n--- a/x\n+++ /dev/null\n@@ -1 +1 @@\n-a\n+b\n",
		"short backslash line":        hdr + "@@ -1,2 +1,2 @@\n a\n\\ x\n-b\n+c\n",
		"two no-newline markers":      hdr + "@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n\\ No newline at end of file\n",
		"email signature":             hdr + "@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n",
		"+ line after text":           hdr + "@@ -1 +1 @@\n-a\n+b\nnote\n+c\n" + hdr + "@@ -1 +1 @@\n-a\n+b\n",
		"hunk after text":             hdr + "@@ -1 +1 @@\n-a\n+b\nnote\n@@ -5 +5 @@ a hunk without its file\n",
		"traditional file after text": hdr + "@@ -1 +1 @@\n-a\n+b\nnote\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n",
		"backslash line after text":   hdr + "@@ -1 +1 @@\n-a\n+b\nnote\n\\ No newline at end of file\n",
		"text after a mode change":    "diff --git a/x b/x\nold mode 100644\nnew mode 100755\nnote\n",
		"other op in a hunk":          hdr + "@@ -1,2 +1,2 @@\n-a\n+b\n*c\n",
	} {
		t.Run(name, func(t *testing.T) {
			if files, ok := fastParse(in, false); ok {
				t.Fatalf("fastParse takes it:\n%s", dumpAll(files))
			}
			checkFast(t, in)
			want, wantErr := parseText(in)
			got, err := Parse(strings.NewReader(in))
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("Parse gives %v\n%s\nparseText gives %v\n%s", err, dumpAll(got), wantErr, dumpAll(want))
			}
		})
	}
}

// TestFastParseCorpus wants every real MSAL.NET commit, and the diff
// scripts/bench-check.sh reviews, to take the fast path, with the files
// go-gitdiff gives: a fast path that the real diffs miss gains nothing.
func TestFastParseCorpus(t *testing.T) {
	var all strings.Builder
	for _, p := range corpusPatches(t) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, err := readText(strings.NewReader(string(raw)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		all.WriteString(text)
		if fast, _ := checkFast(t, text); !fast {
			_, err := parseText(text)
			t.Errorf("%s: fastParse declines (parseText gives error %v)", filepath.Base(p), err)
		}
	}
	if fast, _ := checkFast(t, all.String()); !fast {
		t.Error("fastParse declines the whole corpus in one diff")
	}
}

// TestFastParsePieces gives fastParse diffs with a file it declines
// among files it takes: with pieces, go-gitdiff parses that file alone,
// and the whole must be parseText's; a file that go-gitdiff refuses sends
// the whole text to parseText, for its error.
func TestFastParsePieces(t *testing.T) {
	const text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"
	for _, tc := range []struct {
		name   string
		in     string
		pieces bool
	}{
		{"binary between", text + "diff --git a/i.png b/i.png\nindex 1..2 100644\nBinary files a/i.png and b/i.png differ\n" + text, true},
		{"binary patch first", "diff --git a/i.png b/i.png\nindex 1..2 100644\nGIT binary patch\nliteral 1\nIcmZ?l000310RR91\n\nliteral 1\nIcmZ?l000310RR91\n\n" + text, true},
		{"quoted names last", text + "diff --git \"a/\\303\\251\" \"b/\\303\\251\"\n--- \"a/\\303\\251\"\n+++ \"b/\\303\\251\"\n@@ -1 +1 @@\n-a\n+b\n", true},
		{"text after a hunk", text + "diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n\n" + text, true},
		{"too many lines", text + "diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n+c\n" + text, false},
		{"too few lines", text + "diff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1,3 +1 @@\n-a\n+b\n" + text, false},
		{"no name", text + "diff --git a/y b/z\n" + text, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fast, pieces := checkFast(t, tc.in)
			if fast || pieces != tc.pieces {
				t.Fatalf("fastParse takes it: %v without pieces, %v with them; want false, %v", fast, pieces, tc.pieces)
			}
			want, wantErr := parseText(tc.in)
			got, err := Parse(strings.NewReader(tc.in))
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
				t.Fatalf("Parse gives %v\n%s\nparseText gives %v\n%s", err, dumpAll(got), wantErr, dumpAll(want))
			}
		})
	}
}

func FuzzFastParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	// A file for go-gitdiff between two for the fast path.
	f.Add([]byte(fastSeeds["modified"] + "diff --git a/i.png b/i.png\nindex 1..2 100644\nBinary files a/i.png and b/i.png differ\n" + fastSeeds["no newline, both"]))
	f.Fuzz(func(t *testing.T, in []byte) {
		text, err := toUTF8(string(in))
		if err == nil {
			checkFast(t, crlfToLF(text))
		}
		// Parse, which reads in through the fast path, gives what reading
		// it whole and parsing it with go-gitdiff gives.
		want, wantErr := readWhole(string(in))
		var wantFiles []*File
		if wantErr == nil {
			wantFiles, wantErr = parseText(want)
		}
		got, err := Parse(bytes.NewReader(in))
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, wantFiles) {
			t.Fatalf("Parse gives %v\n%s\nreading and parseText give %v\n%s", err, dumpAll(got), wantErr, dumpAll(wantFiles))
		}
	})
}

// checkFastPatch fails when fastPatch takes patch and gives other hunks
// than gitdiffHunks, the go-gitdiff path, or takes what it refuses; it
// reports whether fastPatch took it. ParsePatch must give gitdiffHunks'
// hunks or its very error either way.
func checkFastPatch(t *testing.T, patch string) bool {
	t.Helper()
	const name = "patch of x.cs: "
	want, wantErr := gitdiffHunks(patch, name)
	got, ok := fastPatch(patch)
	if ok {
		if wantErr != nil {
			t.Fatalf("fastPatch takes %q, but gitdiffHunks gives %v", patch, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("fastPatch(%q) gives\n%+v\ngitdiffHunks gives\n%+v", patch, got, want)
		}
	}
	if patch != "" {
		f, err := ParsePatch("x.cs", "", "modified", patch)
		var hunks []Hunk
		if f != nil {
			hunks = f.Hunks
		}
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || !reflect.DeepEqual(hunks, want) {
			t.Fatalf("ParsePatch(%q) gives %v\n%+v\ngitdiffHunks gives %v\n%+v", patch, err, hunks, wantErr, want)
		}
	}
	return ok
}

// TestFastPatch pins which GitHub patches fastPatch takes and which it
// leaves to go-gitdiff.
func TestFastPatch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		patch string
		takes bool
	}{
		{"no final newline", "@@ -1,2 +1,2 @@ class X\n a\n-b\n+c", true},
		{"final newline", "@@ -1 +1 @@\n-b\n+c\n", true},
		{"CRLF, last CR dropped", "@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r", true},
		{"CR kept before CRLF", "@@ -1 +1 @@\r\n-b\r\r\n+c\r\r", true},
		{"two hunks", "@@ -1 +1 @@\n-a\n+b\n@@ -9,0 +10 @@\n+c", true},
		{"no newline, last line", "@@ -1 +1 @@\n-b\n+c\n\\ No newline at end of file", true},
		{"no newline, in the hunk", "@@ -1 +1 @@\n-b\n\\ No newline at end of file\n+c", true},
		{"empty context line", "@@ -1,3 +1,3 @@\n a\n\n-b\n+c", true},
		{"added file", "@@ -0,0 +1,2 @@\n+a\n+b", true},
		// An 11-byte "\ " line is a marker to go-gitdiff with its '\n', not
		// without (the last line of a patch).
		{"11-byte marker, last line", "@@ -1 +1 @@\n-b\n+c\n\\ 345678901", false},
		{"11-byte marker and its newline", "@@ -1 +1 @@\n-b\n+c\n\\ 345678901\n", true},
		{"11-byte marker in the hunk, last line", "@@ -1,2 +1 @@\n-b\n+c\n\\ 345678901", false},
		{"11-byte marker in the hunk", "@@ -1,2 +1,2 @@\n-b\n\\ 345678901\n+c\n a", true},
		{"text first", "x\n@@ -1 +1 @@\n-b\n+c", false},
		{"line outside a hunk", "@@ -1 +1 @@\n-b\n+c\nx", false},
		{"too many lines", "@@ -1 +1 @@\n-b\n+c\n+d", false},
		{"too few lines", "@@ -1,2 +1 @@\n-b\n+c", false},
		{"hunks go backwards", "@@ -5 +5 @@\n-a\n+b\n@@ -1 +1 @@\n-a\n+b", false},
		{"two markers", "@@ -1 +1 @@\n-b\n+c\n\\ No newline at end of file\n\\ No newline at end of file", false},
		{"header only", "@@ -1 +1 @@", false},
		{"a lone CR", "\r", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkFastPatch(t, tc.patch); got != tc.takes {
				_, err := gitdiffHunks(tc.patch, "patch of x.cs: ")
				t.Fatalf("fastPatch takes it: %v, want %v (gitdiffHunks gives error %v)", got, tc.takes, err)
			}
		})
	}
}

// TestFastPatchCorpus wants the GitHub patch of every file of every corpus
// commit to take fastPatch, with go-gitdiff's hunks.
func TestFastPatchCorpus(t *testing.T) {
	n := 0
	for _, c := range parseCorpus(t) {
		for i, patch := range githubPatches(c.raw, c.files) {
			if patch == "" {
				continue
			}
			n++
			if !checkFastPatch(t, patch) {
				_, err := gitdiffHunks(patch, "patch of x.cs: ")
				t.Errorf("%s: %s: fastPatch declines (gitdiffHunks gives error %v)", filepath.Base(c.path), c.files[i].Path(), err)
			}
		}
	}
	if n == 0 {
		t.Fatal("no patch checked")
	}
}

func FuzzFastPatch(f *testing.F) {
	addPatchSeeds(f)
	f.Add("@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n\\ No newline at end of file")
	f.Add("@@ -1 +1 @@\n-b\n+c\n\\ 345678901")
	f.Fuzz(func(t *testing.T, patch string) {
		checkFastPatch(t, patch)
	})
}
