package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryRuleHasItsFiles holds the registry to what adding a rule takes
// (the README's development section): the rule's own file, named for its
// ID; a fixture folder with at least one "want" marker, which the generic
// harness checks; its section in docs/rules.md. And a rule is a plain
// value: no init() patches one.
func TestEveryRuleHasItsFiles(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range All {
		file := strings.ReplaceAll(r.ID, "-", "_") + ".go"
		src, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("rule %s: no rules/%s: put the rule in a file of its own named for its ID", r.ID, file)
		} else if !strings.Contains(string(src), "Check:") {
			t.Errorf("rule %s: rules/%s does not set Check in the rule's value", r.ID, file)
		}
		fixtures, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
		wants := 0
		for _, f := range fixtures {
			if strings.HasSuffix(f, ".before") {
				continue
			}
			b, err := os.ReadFile(f)
			if err == nil && strings.Contains(string(b), "want ") {
				wants++
			}
		}
		if wants == 0 {
			t.Errorf("rule %s: no fixture with a want marker in rules/testdata/%s/: add one that the rule must find (and look-alikes it must not)", r.ID, r.ID)
		}
		if !strings.Contains(string(doc), "\n## "+r.ID+"\n") {
			t.Errorf("rule %s: docs/rules.md has no section: run go test ./rules -run TestRulesDoc -update", r.ID)
		}
	}
	srcs, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range srcs {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "\nfunc init()") {
			t.Errorf("rules/%s has an init(): a rule is a plain value; set Check in the rule's literal", f)
		}
	}
}
