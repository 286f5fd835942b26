// Package rules holds reviewbot's checks. A rule is a plain value with an
// ID, a one-line-first Doc, a Severity, the checklist topics it verifies and
// a Check function; All is the one registry the CLI, the docs generator, the
// fuzz targets and the tests read. Rules keep no state.
package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// Severity orders findings: a finding at or above --fail-on fails the run.
type Severity int

// The severities, lowest first.
const (
	Notice Severity = iota + 1
	Warning
	Error
)

// String returns the severity's name as SARIF and workflow commands spell it.
func (s Severity) String() string {
	switch s {
	case Notice:
		return "notice"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "error", "warning" or "notice".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "notice":
		return Notice, nil
	}
	return 0, fmt.Errorf("unknown severity %q: use error, warning or notice", s)
}

// Rule is one check.
type Rule struct {
	// ID is the kebab-case name findings carry ("secret-logging").
	ID string
	// Doc explains the rule; its first line is a short summary. The rest
	// says why, and may hold "Bad:" and "Good:" examples for docs/rules.md.
	Doc      string
	Severity Severity
	// Topics are the checklist topics this rule verifies: when it runs on a
	// change and does not fire, the items with these topics pass.
	Topics []topic.Topic
	// Applies, when set, says whether the rule judges the file at all (the
	// documentation rules judge only guides the change adds or rewrites).
	// A rule that does not apply to any file of a change verifies nothing:
	// its checklist items cannot pass on its silence. Nil: every file.
	Applies func(*Pass) bool
	// Triggers, when set, are the trigger groups one of which every file
	// the rule can report on holds in a known line: the driver does not
	// run Check on a file that holds none (see View.MayHold). The rule
	// still judges that file. Zero: every file is read.
	Triggers source.Triggers
	// Check looks at one file and reports what it finds through Pass.Report.
	Check func(*Pass)
}

// Pass is what a rule sees of one in-scope file.
type Pass struct {
	File *diff.File
	// Source is the whole new file when known (--source-dir, or the
	// contents API in the action); nil otherwise, and rules then work from
	// the hunks alone.
	Source []byte
	// Flow is the change's classified (or overridden) flow.
	Flow flow.Flow
	// Files is every in-scope file of the change, for rules that need to
	// know what else changed.
	Files []*diff.File
	// Report records a finding. It drops findings on lines the change did
	// not add.
	Report func(Finding)
	// Known reports whether a rule ID is registered (a suppression comment
	// naming another ID silences nothing).
	Known func(id string) bool

	// view caches the file's View for every rule of the pass.
	view *source.View
	// doc caches reviewedDoc for the documentation rules.
	doc *docDecision
}

// Finding is one problem on the changed lines.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	// Lines is every line the finding covers, Line first: repeats of the
	// same problem in one file (the same rule on the same literal or
	// phrase) are one finding.
	Lines   []int `json:"lines,omitempty"`
	EndLine int   `json:"end_line,omitempty"`
	// File is set for a finding about the whole file (a document without
	// a "When to Use" section): Line only anchors it, and it is posted as
	// a comment on the file, not on that line.
	File   bool `json:"file,omitempty"`
	Column int  `json:"column,omitempty"`
	// Message says what is wrong and how to fix it, in one sentence or two,
	// quoting the guidance's recommended form. It never holds a secret.
	Message string `json:"message"`
	// Excerpt is the offending line, already redacted, for quoting.
	Excerpt string `json:"excerpt,omitempty"`
	// Key names the literal or phrase the finding is about ("your-tenant-id",
	// "pop token"): findings of one rule with the same key in one file are
	// one problem. Empty means the message is the key.
	Key string `json:"-"`
	// Suggestion, when set, is the whole new text of line Line that fixes
	// the finding, for a GitHub suggestion block. Rules set it only where
	// the fix is mechanical and certain, and change nothing on the line
	// but the wrong text (inside a string literal, in code); review.Check drops
	// it when it could not be quoted safely (see SafeSuggestion).
	Suggestion string `json:"suggestion,omitempty"`
}

// String formats a finding actionlint-style: path:line:col: message [rule].
func (f Finding) String() string {
	col := f.Column
	if col == 0 {
		col = 1
	}
	also := ""
	if len(f.Lines) > 1 {
		also = " (also " + AlsoLines(f.Lines[1:]) + ")"
	}
	return fmt.Sprintf("%s:%d:%d: %s%s [%s]", f.Path, f.Line, col, f.Message, also, f.Rule)
}

// AlsoLines writes the other lines of a grouped finding: "line 83",
// "lines 83, 115".
func AlsoLines(lines []int) string {
	if len(lines) == 0 {
		return ""
	}
	s := make([]string, len(lines))
	for i, n := range lines {
		s[i] = strconv.Itoa(n)
	}
	if len(lines) == 1 {
		return "line " + s[0]
	}
	return "lines " + strings.Join(s, ", ")
}

// reportLine reports a finding of the running rule at line n, column col
// of v's file.
// Check fills the excerpt from the line and redacts it.
func reportLine(p *Pass, v *source.View, n, col int, msg string) {
	p.Report(Finding{Path: v.Path(), Line: n, Column: col, Message: msg})
}

// reportFile reports a finding of the running rule about v's whole file, anchored at
// line n (its title, or the first line the change adds): it is posted as
// a comment on the file.
func reportFile(p *Pass, v *source.View, n int, msg string) {
	p.Report(Finding{Path: v.Path(), Line: n, Column: 1, Message: msg, File: true})
}

// NewView builds the view of p's file: from p.Source when it is given,
// otherwise from the added and context lines of the hunks (other lines are
// unknown and read as empty). Views are cached on the Pass, so every rule
// of a file shares one.
func NewView(p *Pass) *source.View {
	if p.view != nil {
		return p.view
	}
	v := source.New(p.File, p.Source)
	p.view = v
	return v
}
