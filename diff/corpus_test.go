package diff

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// corpusDir holds real MSAL.NET commits as `git show` diffs (read-only,
// shared with other projects; see its README).
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "msalnet", "diffs")

func corpusPatches(t *testing.T) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.patch"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Skipf("corpus %s is absent", corpusDir)
	}
	return paths
}

var gitHeaderRE = regexp.MustCompile(`(?m)^diff --git `)

// corpusDiff is one corpus patch, as read and as Parse gives it.
type corpusDiff struct {
	path  string
	raw   []byte
	files []*File
}

// parseCorpus reads and parses every corpus patch; a patch that does not
// parse fails the test and is left out.
func parseCorpus(t *testing.T) []corpusDiff {
	t.Helper()
	var out []corpusDiff
	for _, p := range corpusPatches(t) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files, err := Parse(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		out = append(out, corpusDiff{path: p, raw: raw, files: files})
	}
	return out
}

// TestCorpusParse parses every corpus diff: each must parse, give one file
// per "diff --git" line, keep hunk line counts equal to their headers, and
// agree with the status and paths the commit's .meta lists.
func TestCorpusParse(t *testing.T) {
	total := 0
	for _, c := range parseCorpus(t) {
		p, raw, files := c.path, c.raw, c.files
		if want := len(gitHeaderRE.FindAll(raw, -1)); len(files) != want {
			t.Errorf("%s: %d files, want %d (one per 'diff --git' line)", p, len(files), want)
		}
		for _, f := range files {
			checkInvariants(t, f)
			total++
		}
		meta, err := readMeta(strings.TrimSuffix(p, ".patch") + ".meta")
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		var got []string
		for _, f := range files {
			got = append(got, metaKey(f))
		}
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(meta, "\n") {
			t.Errorf("%s: files\n%s\nmeta lists\n%s", p, strings.Join(got, "\n"), strings.Join(meta, "\n"))
		}
	}
	t.Logf("parsed %d files", total)
}

// metaKey renders f as the .meta files list it: "M path" or "R old -> new".
func metaKey(f *File) string {
	switch f.Status {
	case Added:
		return "A " + f.NewPath
	case Removed:
		return "D " + f.OldPath
	case Renamed:
		return "R " + f.OldPath + " -> " + f.NewPath
	case Copied:
		return "C " + f.OldPath + " -> " + f.NewPath
	default:
		return "M " + f.NewPath
	}
}

// readMeta returns the sorted changed files a .meta file lists, as metaKey
// renders them.
func readMeta(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "  ") {
			continue
		}
		fields := strings.Split(strings.TrimPrefix(line, "  "), "\t")
		if len(fields) < 2 || fields[0] == "" {
			continue
		}
		out = append(out, fields[0][:1]+" "+fields[1])
	}
	sort.Strings(out)
	return out, sc.Err()
}

// githubPatches cuts a git diff into the per-file `patch` strings GitHub's
// files API would send for files: everything from the first "@@" of a file
// to its end, no headers, no final newline.
func githubPatches(raw []byte, files []*File) []string {
	sections := gitHeaderRE.Split(string(raw), -1)[1:]
	var out []string
	for i, sec := range sections {
		if i >= len(files) {
			break
		}
		patch := ""
		if strings.HasPrefix(sec, "@@ -") {
			patch = sec
		} else if j := strings.Index(sec, "\n@@ -"); j >= 0 {
			patch = sec[j+1:]
		}
		out = append(out, strings.TrimSuffix(patch, "\n"))
	}
	return out
}

// TestCorpusParsePatchMatchesParse feeds each corpus file's hunks through
// ParsePatch, as the action gets them from GitHub, and wants the very lines
// Parse gives for the whole diff.
func TestCorpusParsePatchMatchesParse(t *testing.T) {
	compared := 0
	for _, c := range parseCorpus(t) {
		p, raw, files := c.path, c.raw, c.files
		patches := githubPatches(raw, files)
		if len(patches) != len(files) {
			t.Fatalf("%s: %d patches for %d files", p, len(patches), len(files))
		}
		for i, f := range files {
			g, err := ParsePatch(f.Path(), f.OldPath, string(f.Status), patches[i])
			if err != nil {
				t.Errorf("%s: %s: %v", p, f.Path(), err)
				continue
			}
			if g.OldPath != f.OldPath || g.NewPath != f.NewPath || g.Status != f.Status {
				t.Errorf("%s: ParsePatch file %q -> %q %s, Parse %q -> %q %s", p, g.OldPath, g.NewPath, g.Status, f.OldPath, f.NewPath, f.Status)
			}
			if a, b := strings.Join(dump(g), "\n"), strings.Join(dump(f), "\n"); a != b {
				t.Errorf("%s: %s: ParsePatch and Parse disagree", p, f.Path())
			}
			// Patch renders what ParsePatch reads back.
			if h, err := ParsePatch(f.Path(), f.OldPath, string(f.Status), f.Patch()); err != nil {
				t.Errorf("%s: %s: ParsePatch(Patch()): %v", p, f.Path(), err)
			} else if strings.Join(dump(h), "\n") != strings.Join(dump(f), "\n") {
				t.Errorf("%s: %s: ParsePatch(Patch()) and Parse disagree", p, f.Path())
			}
			if len(g.Hunks) != len(f.Hunks) {
				t.Errorf("%s: %s: %d hunks from ParsePatch, %d from Parse", p, f.Path(), len(g.Hunks), len(f.Hunks))
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("no file compared")
	}
	t.Logf("compared %d files", compared)
}
