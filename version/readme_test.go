package version

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestREADMEListsEveryFuzzTarget keeps the README's fuzz table complete:
// every `func FuzzX(f *testing.F)` in a test file of the module is listed
// in its package's row, and every listed target exists.
func TestREADMEListsEveryFuzzTarget(t *testing.T) {
	root := filepath.Join("..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	fuzzFunc := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(\w+ \*testing\.F\)`)
	have := map[string]bool{} // "./pkg FuzzX"
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pkg := "./" + filepath.ToSlash(filepath.Dir(strings.TrimPrefix(p, root+string(filepath.Separator))))
		for _, m := range fuzzFunc.FindAllStringSubmatch(string(b), -1) {
			have[pkg+" "+m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\s*\\| `(\\./[\\w/]+)` \\| (.*) \\|\\s*$")
	listed := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		for _, target := range regexp.MustCompile("`(Fuzz\\w+)`").FindAllStringSubmatch(m[2], -1) {
			listed[m[1]+" "+target[1]] = true
		}
	}
	var missing, stale []string
	for k := range have {
		if !listed[k] {
			missing = append(missing, k)
		}
	}
	for k := range listed {
		if !have[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(have) == 0 {
		t.Fatal("found no fuzz target: the walk is wrong")
	}
	for _, k := range missing {
		t.Errorf("README's fuzz table does not list %s: add it to its package's row", k)
	}
	for _, k := range stale {
		t.Errorf("README's fuzz table lists %s, which does not exist", k)
	}
}
