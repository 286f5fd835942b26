package report

import (
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/rules"
)

// ProjectURL is reviewbot's home page, SARIF's tool informationUri.
const ProjectURL = "https://github.com/reviewbot/reviewbot"

// RulesDocURL is the generated rule reference; a rule's section is at
// RulesDocURL + "#" + rule ID. The link is absolute because relative links
// in a pull request comment resolve against the pull request page.
const RulesDocURL = ProjectURL + "/blob/main/docs/rules.md"

// ruleIDPattern is the kebab-case shape of a rule ID; only such IDs are
// made into links.
var ruleIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Per-field caps, in bytes, applied before escaping so that one hostile
// value cannot take over a comment or the summary.
const (
	maxPath    = 300
	maxMessage = 2000
	maxExcerpt = 300
	maxShort   = 500
)

// RuleURL returns the link to a rule's section in docs/rules.md, or "" when
// id is not a well-formed rule ID.
func RuleURL(id string) string {
	if !ruleIDPattern.MatchString(id) {
		return ""
	}
	return RulesDocURL + "#" + id
}

// ruleLink renders a rule ID as a code-span link to its documentation.
func ruleLink(id string) string {
	if u := RuleURL(id); u != "" {
		return "[" + Quote(id) + "](" + u + ")"
	}
	return Quote(shorten(id, maxShort, false))
}

// severityTitle is the severity as a capitalised word.
func severityTitle(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "Error"
	case rules.Warning:
		return "Warning"
	case rules.Notice:
		return "Notice"
	}
	return "Finding"
}

// Comment returns the body of the inline review comment for f: the
// severity, the message (quoted PR content inside it made inert) and the
// rule ID linked to its section of docs/rules.md. The body stays far below
// GitHub's 65,536-character limit whatever the message holds.
func Comment(f rules.Finding) string {
	var b strings.Builder
	b.WriteString("**")
	b.WriteString(severityTitle(f.Severity))
	b.WriteString("** · ")
	b.WriteString(ruleLink(f.Rule))
	b.WriteString("\n\n")
	b.WriteString(inline(shorten(f.Message, maxMessage, false)))
	b.WriteString("\n")
	if len(f.Lines) > 1 {
		b.WriteString("\nThe same problem is also on " + rules.AlsoLines(f.Lines[1:]) + " of this file.\n")
	}
	return b.String()
}
