package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// zwj is the zero-width joiner put after an "@" (and a "#" before a digit)
// so GitHub does not turn quoted PR text into a mention or an issue
// reference.
const zwj = "\u200d"

// zwsp is the zero-width space that breaks "<!--" inside a code span, so a
// quote can never be mistaken for the bot's hidden marker comment.
const zwsp = "\u200b"

// clean makes s safe to show on one line: invalid UTF-8 becomes U+FFFD,
// every line break and tab becomes a space, and control and bidirectional
// formatting characters (which can hide or reorder text, "Trojan Source")
// become U+FFFD.
func clean(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		i += size
		switch {
		case r == '\r' && i < len(s) && s[i] == '\n':
			// CRLF: one space, written for the LF.
		case r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' ||
			r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidi(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidi reports the bidirectional formatting characters.
func isBidi(r rune) bool {
	return (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// Escape returns s as inert Markdown text: quoted PR content (paths,
// evidence signals, guidance text, messages) goes through it so it cannot
// inject Markdown, HTML or @mentions. It works on any UTF-8 (invalid bytes
// become U+FFFD) and returns one line:
//   - `&`, `<`, `>` become HTML entities, so no tag or comment survives;
//   - `\`, backticks, `*`, `_`, `[`, `]`, `|`, `~`, `$` and `#` are
//     backslash-escaped (no emphasis, link, image, code, table cell, strike,
//     math or heading);
//   - an "@" followed by a letter or digit, and a "#" followed by a digit,
//     get a zero-width joiner, so no mention or issue reference is made;
//   - a leading "-", "+", "=" or ordered-list marker is escaped and leading
//     and trailing spaces are written as entities, so the text starts no
//     block and ends no hard line break;
//   - line breaks become spaces, control and bidirectional formatting
//     characters become U+FFFD.
func Escape(s string) string {
	return escapeText(clean(s), true, true)
}

// escapeText escapes cleaned text; first and last say whether it starts or
// ends the whole quoted string (and so may start a line or end one).
func escapeText(s string, first, last bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	start := 0
	if first {
		start = escapeLead(&b, s)
	}
	trail := len(s)
	if last {
		for trail > start && s[trail-1] == ' ' {
			trail--
		}
	}
	for i := start; i < trail; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#':
			b.WriteString(`\#`)
			if i < len(s) && s[i] >= '0' && s[i] <= '9' {
				b.WriteString(zwj)
			}
		case '@':
			b.WriteByte('@')
			if i < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i:])
				if unicode.IsLetter(next) || unicode.IsDigit(next) || next == '_' || next == '-' {
					b.WriteString(zwj)
				}
			}
		default:
			b.WriteRune(r)
		}
	}
	for i := trail; i < len(s); i++ {
		b.WriteString("&#32;")
	}
	return b.String()
}

// escapeLead writes what must be escaped at the start of a line (leading
// spaces, a list, heading-underline or ordered-list marker) and returns how
// many bytes of s it consumed.
func escapeLead(b *strings.Builder, s string) int {
	i := 0
	for i < len(s) && s[i] == ' ' {
		b.WriteString("&#32;")
		i++
	}
	if i < len(s) {
		switch s[i] {
		case '-', '+', '=':
			b.WriteByte('\\')
			b.WriteByte(s[i])
			return i + 1
		}
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > i && j < len(s) && (s[j] == '.' || s[j] == ')') {
		b.WriteString(s[i:j])
		b.WriteByte('\\')
		b.WriteByte(s[j])
		return j + 1
	}
	return i
}

// Quote returns s as one Markdown code span: nothing inside is read as
// Markdown or HTML and GitHub makes no mention or reference from it. The
// fence is one backtick longer than the longest backtick run in s, and
// padded with a space where s starts or ends with a backtick or space.
// Line breaks become spaces, control and bidirectional formatting
// characters U+FFFD, and "<!--" gets a zero-width space so a quote is never
// taken for a hidden marker. An empty s gives a code span of one space.
// Not for GFM table cells: there a "|" splits the cell even inside a code
// span (the summary uses no tables; use Escape in a cell).
func Quote(s string) string {
	s = clean(s)
	s = strings.ReplaceAll(s, "<!--", "<"+zwsp+"!--")
	if s == "" {
		return "` `"
	}
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	pad := ""
	allSpace := strings.Trim(s, " ") == ""
	if s[0] == '`' || s[len(s)-1] == '`' || (!allSpace && s[0] == ' ' && s[len(s)-1] == ' ') {
		pad = " "
	}
	return fence + pad + s + pad + fence
}

// inline renders trusted-shape text that may hold `code` spans (guidance
// items, rule messages, reasons) safely: each balanced backtick span goes
// through Quote, the rest through Escape. Nothing in s can inject Markdown.
func inline(s string) string {
	s = clean(s)
	var b strings.Builder
	textStart := 0
	first := true
	flush := func(end int, last bool) {
		if end > textStart || (first && last) {
			b.WriteString(escapeText(s[textStart:end], first, last))
		}
		first = false
	}
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := runLen(s, i)
		closeAt := -1
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := runLen(s, j)
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 {
			i += n
			continue
		}
		code := s[i+n : closeAt]
		if len(code) >= 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != "" {
			code = code[1 : len(code)-1]
		}
		flush(i, false)
		b.WriteString(Quote(code))
		i = closeAt + n
		textStart = i
	}
	flush(len(s), true)
	return b.String()
}

// runLen is the length of the backtick run starting at s[i].
func runLen(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == '`' {
		n++
	}
	return n
}

// shorten cuts s to at most n bytes on a rune boundary, marking the cut
// with "…"; middle keeps both ends (for paths).
func shorten(s string, n int, middle bool) string {
	if len(s) <= n {
		return s
	}
	const ell = "…"
	if n <= len(ell) {
		return ell
	}
	if !middle {
		return runePrefix(s, n-len(ell)) + ell
	}
	head := (n - len(ell)) / 2
	tail := n - len(ell) - head
	return runePrefix(s, head) + ell + runeSuffix(s, tail)
}

// runePrefix is the longest prefix of s of at most n bytes that does not
// cut a UTF-8 sequence.
func runePrefix(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// runeSuffix is the longest suffix of s of at most n bytes that starts on a
// rune boundary.
func runeSuffix(s string, n int) string {
	if n >= len(s) {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// wj is the word joiner LogSafe puts inside "##[" and a leading "::", so
// the runner reads no workflow command there.
const wj = "\u2060"

// LogSafe returns s safe to write as (part of) one line of a GitHub Actions
// job log, where the runner obeys workflow commands: "##[command]" anywhere
// in a line and "::command::" at its start. It is for any text a pull
// request controls (paths, hunk lines, labels, titles, quoted literals)
// that reaches the log, an annotation or an error message:
//   - line breaks become spaces and control characters U+FFFD (as in
//     Escape), so no ANSI escape sequence and no second line survives;
//   - every "##[" gets a word joiner after "##";
//   - a "::" at the start (after blanks) gets a word joiner between the
//     colons.
//
// What is left reads the same to a person and is no command to the runner.
func LogSafe(s string) string {
	s = clean(s)
	if strings.Contains(s, "##[") {
		s = strings.ReplaceAll(s, "##[", "##"+wj+"[")
	}
	lead := len(s) - len(strings.TrimLeft(s, " "))
	if strings.HasPrefix(s[lead:], "::") {
		s = s[:lead+1] + wj + s[lead+1:]
	}
	return s
}
