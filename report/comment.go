package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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
// severity, the message (quoted PR content inside it made inert), the
// rule ID linked to its section of docs/rules.md and, when the finding
// carries a suggestion it is safe to quote, a GitHub suggestion block that
// replaces the line with it. The body stays far below GitHub's
// 65,536-character limit whatever the message holds.
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
	if s, ok := suggestion(f); ok {
		b.WriteString("\n```suggestion\n")
		b.WriteString(s)
		b.WriteString("\n```\n")
	}
	return b.String()
}

// maxSuggestion caps the suggestion a comment quotes.
const maxSuggestion = 1000

// suggestion returns the line f suggests, when it may be quoted verbatim
// in a fenced block: one line of printable UTF-8, no backtick or tilde
// fence that could close the block, no HTML comment (the bot's hidden
// markers), nothing Redact masks, and a one-line finding (a suggestion replaces every line a
// comment spans). The rules check the same; this holds for any Finding.
func suggestion(f rules.Finding) (string, bool) {
	s := f.Suggestion
	if s == "" || len(s) > maxSuggestion || f.EndLine > f.Line || !utf8.ValidString(s) {
		return "", false
	}
	if strings.Contains(s, "```") || strings.Contains(s, "~~~") || strings.Contains(s, "<!--") || rules.Redact(s) != s {
		return "", false
	}
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || isBidi(r) || r == '\u2028' || r == '\u2029') {
			return "", false
		}
	}
	return s, true
}
