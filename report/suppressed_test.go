package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

func suppressedResult() *review.Result {
	r := cleanResult()
	r.Suppressed = []review.Suppressed{
		{Finding: rules.Finding{Rule: "secret-logging", Severity: rules.Error, Path: "tests/MtlsPopTests.cs", Line: 12, Message: "m"},
			Reason: "fake token @octocat <b>x</b>", CommentLine: 11, Added: true},
		{Finding: rules.Finding{Rule: "ambiguous-pop", Severity: rules.Notice, Path: "docs/old.md", Line: 3, Message: "m"},
			Reason: "old name", CommentLine: 2},
	}
	return r
}

// TestSuppressedInSummary: the summary counts every suppressed finding and
// lists, escaped, those whose comment this change adds.
func TestSuppressedInSummary(t *testing.T) {
	md := Markdown(suppressedResult(), MarkdownOptions{})
	for _, want := range []string{
		"#### Suppressed",
		"2 findings silenced by `reviewbot:ignore` comments; this PR adds 1:",
		"`tests/MtlsPopTests.cs:12`",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("summary lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "docs/old.md") {
		t.Error("a suppression the change does not add is counted, not listed")
	}
	if strings.Contains(md, "@octocat") || strings.Contains(md, "<b>") {
		t.Errorf("the reason is not escaped:\n%s", md)
	}

	r := suppressedResult()
	r.Suppressed = r.Suppressed[1:]
	if md := Markdown(r, MarkdownOptions{}); !strings.Contains(md, "1 finding silenced by `reviewbot:ignore` comments; this PR adds none of them.") {
		t.Errorf("summary without added suppressions:\n%s", md)
	}
	if md := Markdown(cleanResult(), MarkdownOptions{}); strings.Contains(md, "Suppressed") {
		t.Error("no suppression, no section")
	}

	var b bytes.Buffer
	if err := Text(&b, suppressedResult()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"suppressed: tests/MtlsPopTests.cs:12: [secret-logging] fake token @octocat <b>x</b> (reviewbot:ignore on line 11, added by this change)\n",
		"suppressed: docs/old.md:3: [ambiguous-pop] old name (reviewbot:ignore on line 2, added by an earlier change)\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}

	sch := compileSchema(t, "schema.json")
	if err := validate(sch, jsonOf(t, suppressedResult())); err != nil {
		t.Errorf("JSON with suppressions does not validate: %v", err)
	}
}
