package rules

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/rules/source"
)

// WriteDoc writes the Markdown reference of rules rs (docs/rules.md): an
// index, then per rule its ID, severity, the checklist topics it verifies,
// its summary, why it exists, and its bad and good examples, all taken from
// the rule values themselves.
func WriteDoc(w io.Writer, rs []*Rule) error {
	var b strings.Builder
	b.WriteString("# reviewbot rules\n\n")
	b.WriteString("<!-- Generated from rules.All by `go test ./rules -run TestRulesDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every rule runs on the lines a pull request adds to the files the guidance covers. ")
	b.WriteString("A finding at or above `--fail-on` fails the run. ")
	b.WriteString("When a rule runs and does not fire, the checklist items with the topics it verifies pass.\n\n")
	b.WriteString("| Rule | Severity | Summary |\n|------|----------|---------|\n")
	docs := make([]DocParts, 0, len(rs))
	for i, r := range rs {
		if r == nil {
			return fmt.Errorf("write rules doc: rule %d is nil", i)
		}
		d, err := parseRuleDoc(r)
		if err != nil {
			return fmt.Errorf("write rules doc: %w", err)
		}
		docs = append(docs, d)
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.ID, r.ID, r.Severity, tableCell(d.Summary))
	}
	for i, r := range rs {
		d := docs[i]
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		topics := make([]string, 0, len(r.Topics))
		for _, t := range r.Topics {
			topics = append(topics, "`"+string(t)+"`")
		}
		if len(topics) == 0 {
			topics = append(topics, "none")
		}
		fmt.Fprintf(&b, "**Severity:** %s · **Checklist topics:** %s\n\n", r.Severity, strings.Join(topics, ", "))
		fmt.Fprintf(&b, "**Reads:** %s\n\n", readsWhat(r.Triggers))
		fmt.Fprintf(&b, "%s\n", d.Summary)
		if d.Why != "" {
			fmt.Fprintf(&b, "\n%s\n", d.Why)
		}
		if d.Bad != "" {
			fmt.Fprintf(&b, "\n❌ **Bad:**\n\n```%s\n%s\n```\n", exampleLang(d.Bad), d.Bad)
		}
		if d.Good != "" {
			fmt.Fprintf(&b, "\n✅ **Good:**\n\n```%s\n%s\n```\n", exampleLang(d.Good), d.Good)
		}
	}
	b.WriteString("\n## Trigger literals\n\n")
	b.WriteString("A rule reads only the files that hold one of its trigger literals (its **Reads** line), in any case. ")
	b.WriteString("Every rule's literals together, as one alternation for `grep -Eic`, are what `scripts/bench-check.sh` times `reviewbot check` against:\n\n")
	fmt.Fprintf(&b, "```text\n%s\n```\n", TriggerAlternation(rs))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write rules doc: %w", err)
	}
	return nil
}

// TriggerAlternation is every trigger literal of rules rs (the literals of
// the groups their Triggers name), each once, as one extended regular
// expression: the trigger alternation issue 9's benchmark greps.
func TriggerAlternation(rs []*Rule) string {
	var all source.Triggers
	for _, r := range rs {
		if r != nil {
			all |= r.Triggers
		}
	}
	lits := all.Literals()
	for i, l := range lits {
		lits[i] = regexp.QuoteMeta(l)
	}
	return strings.Join(lits, "|")
}

// readsWhat says which files a rule with triggers t reads.
func readsWhat(t source.Triggers) string {
	if t == 0 {
		return "every file it applies to"
	}
	lits := t.Literals()
	for i, l := range lits {
		lits[i] = "`" + l + "`"
	}
	return "files that hold " + strings.Join(lits, ", ")
}

// DocParts is a rule's Doc split into its parts: docs/rules.md,
// `reviewbot rules` and the SARIF rule descriptions all read a Doc through
// Parts, so it is parsed in one place.
type DocParts struct {
	// Text is the whole Doc, trimmed, with LF line ends.
	Text string
	// Summary is the first line.
	Summary string
	// Description is the first paragraph (up to the first blank line), on
	// one line.
	Description string
	// Why is the text after the summary up to a line starting "Bad:".
	Why string
	// Bad and Good are the examples, without their shared indentation.
	Bad, Good string
}

// Parts splits r.Doc: the first line is the summary; the text up to a
// line starting "Bad:" is why; the lines after it, up to one starting
// "Good:", are the bad example, and the rest the good one. Text after
// "Bad:" or "Good:" on the same line starts the example. An empty Doc has
// empty parts.
func (r *Rule) Parts() DocParts {
	doc := strings.TrimSpace(strings.ReplaceAll(r.Doc, "\r\n", "\n"))
	d := DocParts{Text: doc}
	if doc == "" {
		return d
	}
	first, _, _ := strings.Cut(doc, "\n")
	d.Summary = strings.TrimSpace(first)
	para, _, _ := strings.Cut(doc, "\n\n")
	d.Description = strings.Join(strings.Fields(para), " ")
	lines := strings.Split(doc, "\n")
	var why, bad, good []string
	cur := &why
	for _, l := range lines[1:] {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "Bad:"):
			cur = &bad
			if rest := strings.TrimSpace(strings.TrimPrefix(t, "Bad:")); rest != "" {
				bad = append(bad, rest)
			}
			continue
		case strings.HasPrefix(t, "Good:"):
			cur = &good
			if rest := strings.TrimSpace(strings.TrimPrefix(t, "Good:")); rest != "" {
				good = append(good, rest)
			}
			continue
		}
		*cur = append(*cur, l)
	}
	d.Why = strings.TrimSpace(strings.Join(why, "\n"))
	d.Bad = dedent(bad)
	d.Good = dedent(good)
	return d
}

// parseRuleDoc is r.Parts for the reference, which needs an ID and a
// summary.
func parseRuleDoc(r *Rule) (DocParts, error) {
	if r.ID == "" {
		return DocParts{}, fmt.Errorf("a rule has no ID")
	}
	d := r.Parts()
	if d.Summary == "" {
		return DocParts{}, fmt.Errorf("rule %s has no Doc: give it a one-line summary", r.ID)
	}
	return d, nil
}

// dedent removes the indentation the lines share and the blank lines
// around them.
func dedent(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first || !strings.HasPrefix(ind, prefix) {
			if first {
				prefix = ind
			} else {
				prefix = commonPrefix(prefix, ind)
			}
			first = false
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(strings.TrimPrefix(l, prefix), " \t")
	}
	return strings.Join(out, "\n")
}

func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

// exampleLang names the fence language of an example: csharp when it looks
// like code (statements, braces, comments), markdown otherwise.
func exampleLang(s string) string {
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasSuffix(t, ";") || strings.HasSuffix(t, "{") || t == "}" || strings.HasPrefix(t, "//") || strings.HasPrefix(t, ".") {
			return "csharp"
		}
	}
	return "markdown"
}

// tableCell escapes a summary for a Markdown table cell.
func tableCell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
