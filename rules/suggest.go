package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/rules/source"
)

// maxSuggestion bounds a suggestion: longer lines get none.
const maxSuggestion = 1000

// literalSuggestion returns code line n of v with the value of string
// literal lit (one Literals found on v.Code(n)) replaced by value, the
// rest of the line byte for byte as it is; "" when that cannot be done
// with certainty (a verbatim or interpolated literal, an escape in either
// value, a value that does not sit where lit says, a value that would
// change how the rest of the line reads).
func literalSuggestion(v *source.View, n int, lit source.Literal, value string) string {
	if lit.Interpolated || strings.ContainsAny(lit.Value, `\"{}`) || strings.ContainsAny(value, "\\\"{}\n\r") {
		return ""
	}
	text := v.Text(n)
	start := lit.Col // the byte after the opening quote
	end := start + len(lit.Value)
	if lit.Col < 1 || end >= len(text) || text[lit.Col-1] != '"' || text[start:end] != lit.Value || text[end] != '"' {
		return ""
	}
	if lit.Col >= 2 && (text[lit.Col-2] == '@' || text[lit.Col-2] == '$') {
		return ""
	}
	s := text[:start] + value + text[end:]
	if codeSkeleton(s) != codeSkeleton(text) {
		return "" // the new text would change how the line reads
	}
	return s
}

// spanSuggestion returns line n of v with the bytes [from, to) replaced by
// value, or "" when the range is not on the line.
func spanSuggestion(v *source.View, n, from, to int, value string) string {
	text := v.Text(n)
	if from < 0 || to < from || to > len(text) || !v.Known(n) {
		return ""
	}
	return text[:from] + value + text[to:]
}

// SafeSuggestion reports whether s may be offered as the new text of line
// n of v: one line of printable UTF-8, no Markdown fence (it is quoted in
// a fenced suggestion block), no HTML comment (the bot's hidden markers),
// nothing Redact would mask, a real change, and, on a C# code line, the
// same code as the line outside string literals and comments, so that the
// suggestion cannot break the build.
func SafeSuggestion(v *source.View, n int, s string) bool {
	old := v.Text(n)
	if s == "" || s == old || len(s) > maxSuggestion || !utf8.ValidString(s) {
		return false
	}
	if strings.Contains(s, "```") || strings.Contains(s, "~~~") || strings.Contains(s, "<!--") || Redact(s) != s {
		return false
	}
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029') {
			return false
		}
	}
	if v.IsCodeLine(n) && codeSkeleton(old) != codeSkeleton(s) {
		return false
	}
	return true
}

// isBidiControl reports the bidirectional formatting characters, which
// can make a line read differently from what it does.
func isBidiControl(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// codeSkeleton returns the C# code of one line with comments blanked and
// the contents of its string literals removed: two lines with the same
// skeleton differ only in literal text and comments.
func codeSkeleton(line string) string {
	code := source.New(&diff.File{NewPath: "line.cs"}, []byte(line)).Code(1)
	var b strings.Builder
	last := 0
	for _, lit := range source.Literals(code) {
		start := lit.Col // the byte after the opening quote
		end := closingQuote(code, lit.Col-1)
		if start < last || end < start {
			return code // an unexpected shape: compare the code as it is
		}
		b.WriteString(code[last:start])
		last = end
	}
	b.WriteString(code[last:])
	// A // comment runs to the end of the line: its blanked text may be
	// longer or shorter.
	return strings.TrimRight(b.String(), " \t")
}

// closingQuote returns the index of the quote closing the literal that
// opens at s[open], or -1.
func closingQuote(s string, open int) int {
	if open < 0 || open >= len(s) || s[open] != '"' {
		return -1
	}
	k := source.SkipLiteral(s, open)
	if k == open {
		return -1
	}
	return k
}
