package rules

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
)

// rulesDocPath is docs/rules.md from the rules package directory.
var rulesDocPath = filepath.Join("..", "docs", "rules.md")

// TestRulesDoc checks that docs/rules.md is what WriteDoc makes of All;
// `go test ./rules -run TestRulesDoc -update` rewrites it.
func TestRulesDoc(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDoc(&buf, All); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, rulesDocPath, buf.Bytes())
	// Every rule, its severity and its examples are in the document.
	for i, r := range All {
		d, err := parseRuleDoc(r)
		if err != nil {
			t.Fatal(err)
		}
		next := ""
		if i+1 < len(All) {
			next = "\n## " + All[i+1].ID + "\n"
		}
		sec := section(buf.String(), "\n## "+r.ID+"\n", next)
		if sec == "" {
			t.Errorf("rule %s has no section", r.ID)
			continue
		}
		for _, want := range []string{"**Severity:** " + r.Severity.String(), d.Summary, d.Bad, d.Good} {
			if !strings.Contains(sec, want) {
				t.Errorf("rule %s: section lacks %q", r.ID, want)
			}
		}
		for _, tp := range r.Topics {
			if !strings.Contains(sec, "`"+string(tp)+"`") {
				t.Errorf("rule %s: section does not name topic %s", r.ID, tp)
			}
		}
	}
}

// section returns the part of doc from heading to next (the end when next
// is empty).
func section(doc, heading, next string) string {
	i := strings.Index(doc, heading)
	if i < 0 {
		return ""
	}
	rest := doc[i+len(heading):]
	if next == "" {
		return rest
	}
	j := strings.Index(rest, next)
	if j < 0 {
		return ""
	}
	return rest[:j]
}

func TestParseRuleDoc(t *testing.T) {
	r := &Rule{ID: "x-rule", Doc: "Summary line.\n\nWhy it matters.\n\nBad:\n    a := 1;\n      b\n\nGood: c;\n    d;"}
	d, err := parseRuleDoc(r)
	if err != nil {
		t.Fatal(err)
	}
	if d.Summary != "Summary line." || d.Why != "Why it matters." || d.Bad != "a := 1;\n  b" || d.Good != "c;\n    d;" {
		t.Errorf("parseRuleDoc = %+v", d)
	}
	if _, err := parseRuleDoc(&Rule{ID: "empty"}); err == nil {
		t.Error("a rule without Doc parsed")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteDocErrors(t *testing.T) {
	if err := WriteDoc(failWriter{}, All); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteDoc to a failing writer: %v", err)
	}
	if err := WriteDoc(&bytes.Buffer{}, []*Rule{nil}); err == nil {
		t.Error("WriteDoc of a nil rule: no error")
	}
}
