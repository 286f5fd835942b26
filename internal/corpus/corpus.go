// Package corpus reads the labelled MSAL.NET corpus that stands beside the
// repository (../shared/corpus/msalnet) for tests: the rows of labels.tsv
// and each labelled commit's parsed patch. Tests that use it skip, naming
// the missing path, when the corpus is absent.
package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/diff"
)

// Commit is one labelled commit: its labels.tsv row by column name and its
// patch, parsed.
type Commit struct {
	SHA   string
	Label map[string]string
	Files []*diff.File
}

// Dir returns the corpus directory: ../shared/corpus/msalnet beside the
// module root (the directory holding go.mod above the working directory).
func Dir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the corpus: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(d), "shared", "corpus", "msalnet"), nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find the corpus: no go.mod above %s", wd)
		}
	}
}

// Load reads labels.tsv and parses every labelled commit's patch, in the
// order of labels.tsv. It skips the test when the corpus is absent and
// fails it when the corpus is malformed or lacks one of the columns.
func Load(t testing.TB, columns ...string) []Commit {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "labels.tsv")
	fh, err := os.Open(p)
	if os.IsNotExist(err) {
		t.Skipf("corpus not found at %s: run from a checkout with ../shared beside it", p)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var out []Commit
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = cells
			for _, c := range append([]string{"sha"}, columns...) {
				if !contains(header, c) {
					t.Fatalf("%s has no %q column", p, c)
				}
			}
			continue
		}
		if len(cells) != len(header) {
			t.Fatalf("%s: row %q has %d cells, the header %d", p, sc.Text(), len(cells), len(header))
		}
		c := Commit{Label: map[string]string{}}
		for i, h := range header {
			c.Label[h] = cells[i]
		}
		c.SHA = c.Label["sha"]
		c.Files = parse(t, filepath.Join(dir, "diffs", c.SHA+".patch"))
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no labelled commit", p)
	}
	return out
}

func parse(t testing.TB, p string) []*diff.File {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files, err := diff.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", p, err)
	}
	return files
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// BenchLines is how many lines BenchDiff holds at the least.
const BenchLines = 20000

// BenchDiff returns the diff the speed benchmarks time: the corpus's
// commits, in name order, concatenated until they hold BenchLines lines,
// as scripts/bench-check.sh builds it for the side-by-side timing with
// grep. It skips the benchmark when the corpus is absent.
func BenchDiff(tb testing.TB) []byte {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Fatal(err)
	}
	patches, _ := filepath.Glob(filepath.Join(dir, "diffs", "*.patch"))
	if len(patches) == 0 {
		tb.Skipf("%s is absent: the benchmark needs ../shared", filepath.Join(dir, "diffs"))
	}
	sort.Strings(patches)
	var out []byte
	lines := 0
	for _, p := range patches {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data...)
		lines += bytes.Count(data, []byte("\n"))
		if lines >= BenchLines {
			break
		}
	}
	return out
}
