package report

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// TestTextOrder checks the sections come in the documented order and each
// is sorted, whatever order the result holds them in.
func TestTextOrder(t *testing.T) {
	r := ficResult()
	var a, b bytes.Buffer
	if err := Text(&a, r); err != nil {
		t.Fatal(err)
	}
	// Reverse every list: the output must not change.
	rev := ficResult()
	for i, j := 0, len(rev.Files)-1; i < j; i, j = i+1, j-1 {
		rev.Files[i], rev.Files[j] = rev.Files[j], rev.Files[i]
	}
	for i, j := 0, len(rev.Evidence)-1; i < j; i, j = i+1, j-1 {
		rev.Evidence[i], rev.Evidence[j] = rev.Evidence[j], rev.Evidence[i]
	}
	if err := Text(&b, rev); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("text depends on input order:\n%s\n---\n%s", a.String(), b.String())
	}
	// Issue 11 item 7: the verdict and the findings first.
	kinds := regexp.MustCompile(`^(?:([^:]+ · [^:]+ · [^:]+)|(.+:\d+:\d+: .* \[[a-z-]+\])|(.+: (?:in scope|out of scope|not reviewed): .*)|(flow: .*)|(.+:\d+: flow \w+: .*)|(checklist: .*)|(focus: .*)|(warning: .*)|(note: .*)|(suppressed: .*))$`)
	last := 0
	for _, line := range strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n") {
		m := kinds.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("unexpected line %q", line)
		}
		k := 0
		for i := 1; i < len(m); i++ {
			if m[i] != "" {
				k = i
				break
			}
		}
		if k < last {
			t.Errorf("line %q (section %d) after section %d", line, k, last)
		}
		last = k
	}
	if last != 8 {
		t.Errorf("text ends in section %d, want the warnings", last)
	}
}

func TestTextCleansControls(t *testing.T) {
	r := &review.Result{
		Files:    []review.FileDecision{{Path: "a\x1b[2Jb\n.cs", InScope: true, Reason: "glob x"}},
		Findings: []rules.Finding{{Rule: "r", Severity: rules.Error, Path: "p\r.cs", Line: 1, Message: "m\x07"}},
		Warnings: []string{"w\u202e"},
	}
	var b bytes.Buffer
	if err := Text(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.ContainsAny(out, "\x1b\x07\r\u202e") || strings.Count(out, "\n") != 5 {
		t.Errorf("control characters survive or lines split:\n%q", out)
	}
	if !strings.Contains(out, "flow: none\n") {
		t.Errorf("empty flow not shown as none:\n%s", out)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterErrors(t *testing.T) {
	r := ficResult()
	for name, err := range map[string]error{
		"text":  Text(failWriter{}, r),
		"json":  JSON(failWriter{}, r),
		"sarif": SARIF(failWriter{}, r, testRules),
	} {
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: err = %v, want the write error wrapped", name, err)
		}
	}
	if err := Text(&bytes.Buffer{}, nil); err == nil {
		t.Error("text: no error for a nil result")
	}
}

// TestSchemaDocExample validates the example in SCHEMA.md against
// schema.json, so the documentation cannot drift from the schema.
func TestSchemaDocExample(t *testing.T) {
	doc, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("SCHEMA.md has no json example")
	}
	sch := compileSchema(t, "schema.json")
	if err := validate(sch, m[1]); err != nil {
		t.Errorf("SCHEMA.md example does not validate: %v", err)
	}
}

// TestTextWithoutChecklist pins issue 11 item 7: without --checklist the
// text is the verdict, the findings, the items a person must act on, and
// what was not read; no scope, evidence or settled item.
func TestTextWithoutChecklist(t *testing.T) {
	r := ficResult()
	var b bytes.Buffer
	if err := TextWith(&b, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != Verdict(r) {
		t.Errorf("first line %q, want the verdict %q", lines[0], Verdict(r))
	}
	reviewer := 0
	for _, l := range lines[1:] {
		switch {
		case strings.HasPrefix(l, "needs a reviewer: "):
			reviewer++
		case strings.HasPrefix(l, "checklist: "), strings.HasPrefix(l, "focus: "), strings.Contains(l, ": in scope: "), strings.Contains(l, ": flow "):
			t.Errorf("line %q belongs to --checklist", l)
		}
	}
	if reviewer != len(reviewerItems(r)) || reviewer == 0 {
		t.Errorf("%d items need a reviewer, %d listed:\n%s", len(reviewerItems(r)), reviewer, b.String())
	}
	if !strings.Contains(b.String(), "docs/mtls/diagram.png: not reviewed: binary file\n") {
		t.Errorf("a file not read is not said:\n%s", b.String())
	}
}
