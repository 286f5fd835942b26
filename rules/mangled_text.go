package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// MangledText flags "******" standing where a word was in documents and
// comments: text a secret-redaction tool damaged.
var MangledText = &Rule{
	ID: "mangled-text",
	Doc: `No run of asterisks where a word was: restore text a redaction tool damaged.
Secret-redaction tools replace what looks like a credential with
asterisks, and some take the word "Bearer" (or a scheme or token type
before a placeholder) for one. The sentence then reads "Leg 2 can request
` + "`******`" + ` mTLS PoP final token", and the reader cannot tell what was
meant. A run of four or more asterisks that stands alone between words of
a sentence, in a document or a comment, is reported. Masked values (a run
at the end of a line or after "=", or one followed by a note such as
"(hidden)"), Markdown rules and emphasis, asterisks in code and examples
marked as bad are not.

Bad:
    3. Leg 2 can request ****** mTLS PoP final token

Good:
    3. Leg 2 can request a Bearer or an mTLS PoP final token`,
	Severity: Warning,
	// Its own topic: damaged text is not a placeholder, and no default
	// checklist item should fail (or pass) on it.
	Topics:   []topic.Topic{topic.TextIntact},
	Check:    checkMangledText,
	Triggers: source.TrigMangled,
}

// starRunRe is a run of four or more asterisks standing alone: whitespace
// (or the start or end of the text) on both sides.
var starRunRe = prefilter.MustCompile(`(?:^|\s)(\*{4,})(?:\s|$)`)

// mangledAt returns the byte offset of a run of asterisks in text that
// stands where a word was, or -1: it must have a word with a letter
// before it and one after it that starts with a letter, a placeholder
// brace or a backtick, not a masked value's note ("(hidden)").
func mangledAt(text string) int {
	if !strings.Contains(text, "****") {
		return -1
	}
	if t := strings.TrimSpace(strings.NewReplacer("*", "", " ", "", "\t", "", "-", "", "_", "").Replace(text)); t == "" {
		return -1 // a thematic break (***, * * *) or only asterisks
	}
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "****") || strings.HasSuffix(t, "****") {
		return -1 // a banner: "***** IMPORTANT ***** ..."
	}
	for _, m := range starRunRe.FindAllStringSubmatchIndex(text, -1) {
		a, b := m[2], m[3]
		before := strings.Fields(text[:a])
		after := strings.Fields(text[b:])
		if len(before) == 0 || len(after) == 0 {
			continue
		}
		prev, next := before[len(before)-1], after[0]
		if !strings.ContainsFunc(prev, unicode.IsLetter) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(next)
		if !unicode.IsLetter(r) && r != '{' && r != '<' && r != '`' {
			continue
		}
		if strings.HasSuffix(prev, "=") {
			continue // key=****** value: a masked value
		}
		return a
	}
	return -1
}

func checkMangledText(p *Pass) {
	v := NewView(p)
	report := func(n, col int) {
		p.Report(Finding{
			Line:    n,
			Column:  col,
			Message: `"******" stands where a word was: this text was damaged, probably by a secret-redaction tool that took a word such as "Bearer" for a secret; restore the original words.`,
		})
	}
	if v.IsMarkdown() {
		for n := 1; n <= v.Len(); n++ {
			if !v.Added(n) || v.IsCodeLine(n) || v.BadExample(n) || !strings.Contains(v.Text(n), "****") {
				continue
			}
			if at := mangledAt(v.Text(n)); at >= 0 {
				report(n, at+1)
			}
		}
	}
	for _, c := range v.Comments() {
		if !v.Added(c.Line) || v.BadExample(c.Line) || !strings.Contains(c.Text, "****") {
			continue
		}
		if at := mangledAt(c.Text); at >= 0 {
			col := c.Col
			if line := v.Text(c.Line); c.Col >= 1 && c.Col <= len(line) {
				if k := strings.Index(line[c.Col-1:], c.Text); k >= 0 {
					col = c.Col + k + at
				}
			}
			report(c.Line, col)
		}
	}
}
