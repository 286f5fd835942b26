package version

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// allowedImports is the package graph the README's development section
// shows: each package may import only these of the module's packages, so
// dependencies point one way and review is the one front door.
var allowedImports = map[string][]string{
	"cmd/reviewbot":      {"internal/cli"},
	"internal/cli":       {"action", "report", "review", "rules", "version"},
	"action":             {"report", "review", "rules"},
	"report":             {"review", "rules", "topic", "version"},
	"review":             {"rules", "rules/source", "checklist", "flow", "diff", "internal/prefilter", "internal/fanout"},
	"rules":              {"rules/source", "flow", "diff", "topic", "internal/prefilter"},
	"rules/source":       {"diff", "internal/prefilter"},
	"checklist":          {"topic", "internal/prefilter"},
	"flow":               {"diff", "internal/prefilter", "internal/fanout"},
	"diff":               {},
	"topic":              {},
	"version":            {},
	"internal/corpus":    {"diff"},
	"internal/difftest":  {"diff"},
	"internal/golden":    {},
	"internal/prefilter": {},
	"internal/fanout":    {},
}

// TestPackageGraph holds every package's non-test imports to the graph,
// and every package of the module to a place in it.
func TestPackageGraph(t *testing.T) {
	const module = "github.com/reviewbot/reviewbot/"
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != "..") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel("..", filepath.Dir(p))
		if _, ok := allowedImports[filepath.ToSlash(rel)]; !ok {
			t.Errorf("package %s is not in the package graph: add it to allowedImports and the README", filepath.ToSlash(rel))
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for pkg, allowed := range allowedImports {
		files, err := filepath.Glob(filepath.Join("..", filepath.FromSlash(pkg), "*.go"))
		if err != nil || len(files) == 0 {
			t.Errorf("package %s: no Go files (%v): update allowedImports", pkg, err)
			continue
		}
		var bad []string
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range af.Imports {
				p := strings.Trim(im.Path.Value, `"`)
				if !strings.HasPrefix(p, module) {
					continue
				}
				dep := strings.TrimPrefix(p, module)
				ok := false
				for _, a := range allowed {
					ok = ok || a == dep
				}
				if !ok {
					bad = append(bad, filepath.Base(f)+" imports "+dep)
				}
			}
		}
		sort.Strings(bad)
		for _, b := range bad {
			t.Errorf("package %s: %s, against the package graph (README, development): go through review, or move the code", pkg, b)
		}
	}
}
