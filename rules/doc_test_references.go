package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/topic"
)

// DocTestReferences flags a new mTLS PoP document that references no test.
var DocTestReferences = &Rule{
	ID:       "doc-test-references",
	Severity: Notice,
	Applies:  judgesDoc,
	Topics:   []topic.Topic{topic.DocTestRefs},
	Doc: `A new or rewritten mTLS PoP document references no test file.

The guidance asks documents to link the real tests that exercise the flow
(for example ClientCredentialsMtlsPopTests.cs): tests are the examples that
keep working, and they show readers the complete setup. The rule looks at
Markdown documents about mTLS PoP that the change adds or largely rewrites,
and accepts any mention of a test file: a *Test.cs or *Tests.cs name, or a
path under a tests/ or test/ directory. It cannot see the repository, so it
does not check that the file exists. Only how-to guides are
judged: short notes (under 40 non-blank lines), change logs, README index
pages, design specs, task lists, diagram and architecture pages and mTLS
Bearer pages are not. It reports once, as a comment on the file. It
is a notice: the document is less useful, not wrong.

Bad:
    ## References
    - [RFC 8705](https://datatracker.ietf.org/doc/html/rfc8705)

Good:
    ## References
    - Vanilla flow test: tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs`,
	Check: checkDocTestReferences,
}

// testFileRef matches a test file name or a path under a tests directory.
// mayRefTest is a cheap test before testFileRef, whose first shape
// backtracks on every word of a line: a match holds "Test" and ".cs", or
// "test/" or "tests/".
func mayRefTest(s string) bool {
	return strings.Contains(s, ".cs") && strings.Contains(s, "Test") || strings.Contains(s, "test/") || strings.Contains(s, "tests/")
}

var testFileRef = prefilter.MustCompile(`\b\w[\w.]*Tests?\.cs\b|(?:^|[\s(\[/` + "`" + `'"])tests?/[\w.-]+`)

func checkDocTestReferences(p *Pass) {
	v := NewView(p)
	anchor, ok := reviewedDoc(p, v)
	if !ok {
		return
	}
	for _, l := range v.DocLines() {
		if mayRefTest(l.Text) && testFileRef.MatchString(l.Text) {
			return
		}
	}
	reportFile(p, v, anchor,
		"document references no test file: link the tests that exercise this flow (for example tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs)")
}
