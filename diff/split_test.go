package diff

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// gitHeaderStarts returns where every "diff --git" line of text starts,
// but the first line's.
func gitHeaderStarts(text string) []int {
	var cuts []int
	for i := 0; ; {
		j := strings.Index(text[i:], "\ndiff --git ")
		if j < 0 {
			return cuts
		}
		i += j + 1
		cuts = append(cuts, i)
	}
}

// splitCases are the cut lists a test tries on text: every header, and
// each header alone (the first few).
func splitCases(text string) [][]int {
	all := gitHeaderStarts(text)
	cases := [][]int{all}
	for i, c := range all {
		if i == 8 {
			break
		}
		cases = append(cases, []int{c})
	}
	return cases
}

// parseSplit parses the pieces of text between cuts (starts of "diff
// --git" lines, in order) each on its own with parsePiece and joins their
// files, as fastParse does with the files it declines; ok is false when a
// cut is not at such a line or a piece is unusual.
func parseSplit(text string, cuts []int) ([]*File, bool) {
	var files []*File
	from := 0
	for i := 0; i <= len(cuts); i++ {
		to := len(text)
		if i < len(cuts) {
			to = cuts[i]
			if to <= from || to >= len(text) || text[to-1] != '\n' || !strings.HasPrefix(text[to:], "diff --git ") {
				return nil, false
			}
		}
		got, ok := parsePiece(text[from:to])
		if !ok {
			return nil, false
		}
		files = append(files, got...)
		from = to
	}
	return files, true
}

// checkSplit fails when parseSplit, cut anywhere it accepts, gives other
// files than parsing the whole, or accepts what the whole refuses. The
// whole is parseText's, which it holds to Parse's (so the text the pieces
// are cut from is what Parse reads).
func checkSplit(t *testing.T, in string) (accepted int) {
	t.Helper()
	text, err := toUTF8(in)
	if err != nil {
		return 0
	}
	text = crlfToLF(text)
	whole, wholeErr := parseText(text)
	files, err := Parse(strings.NewReader(in))
	if fmt.Sprint(err) != fmt.Sprint(wholeErr) || !reflect.DeepEqual(files, whole) {
		t.Fatalf("Parse gives %v\n%s\nparseText gives %v\n%s", err, dumpAll(files), wholeErr, dumpAll(whole))
	}
	for _, cuts := range splitCases(text) {
		got, ok := parseSplit(text, cuts)
		if !ok {
			continue
		}
		accepted++
		if wholeErr != nil {
			t.Fatalf("cut at %v: pieces parse, but the whole gives %v", cuts, wholeErr)
		}
		if !reflect.DeepEqual(got, whole) {
			t.Fatalf("cut at %v: pieces give\n%s\nthe whole gives\n%s", cuts, dumpAll(got), dumpAll(whole))
		}
	}
	return accepted
}

func dumpAll(files []*File) string {
	var b strings.Builder
	for _, f := range files {
		fmt.Fprintf(&b, "%+v\n", *f)
	}
	return b.String()
}

func FuzzParseSplit(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Add([]byte("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\ndiff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1 @@\n+c\n"))
	f.Add([]byte("diff --git a/x b/x\nold mode 100644\nnew mode 100755\ndiff --git a/y b/z\nsimilarity index 100%\nrename from y\nrename to z\n"))
	f.Add([]byte("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1 @@\n-a\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n"))
	f.Add([]byte("diff --git a/x b/x\r\n--- a/x\r\n+++ b/x\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\ndiff --git a/y b/y\r\n--- a/y\r\n+++ b/y\r\n@@ -1 +1 @@\r\n-a\r\n+b"))
	f.Add([]byte("diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\r\r\n+y\r\ndiff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-x\n+y\r\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		checkSplit(t, string(in))
	})
}

// TestParseSplitCorpus holds the pieces to the whole on every corpus
// commit and on all of them in one diff (as scripts/bench-check.sh makes
// it), and checks that real diffs parse in pieces at all: a piece parse
// that always failed would pass the fuzz test.
func TestParseSplitCorpus(t *testing.T) {
	var all bytes.Buffer
	for _, p := range parseCorpus(t) {
		all.Write(p.raw)
		if len(gitHeaderStarts(string(p.raw))) > 0 && checkSplit(t, string(p.raw)) == 0 {
			t.Errorf("%s: no cut of its file headers parses in pieces", p.path)
		}
	}
	text := all.String()
	if got := checkSplit(t, text); got != len(splitCases(text)) {
		t.Errorf("the whole corpus: %d of %d cut lists parse in pieces", got, len(splitCases(text)))
	}
}
