package source

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// ChangelogDoc matches change logs and release notes: they tell what a
// bug was ("TokenType was "pop""), not what to write.
var ChangelogDoc = prefilter.MustCompile(`(?i)(^|/)(changelog|changes|release[-_ ]?notes?|history)[^/]*$`)

// StatementAt returns the C# statement around code line n: back to the
// line after the previous one ending in ";", "{" or "}" and on to the line
// ending in ";", at most ten lines each way, comments blanked.
func (v *View) StatementAt(n int) string {
	start := n
	for i := n - 1; i >= n-10 && v.IsCodeLine(i) && v.Known(i); i-- {
		t := strings.TrimSpace(v.Code(i))
		if t == "" || strings.HasSuffix(t, ";") || strings.HasSuffix(t, "{") || strings.HasSuffix(t, "}") {
			break
		}
		start = i
	}
	var b strings.Builder
	for i := start; i <= n+10 && v.IsCodeLine(i) && v.Known(i); i++ {
		b.WriteString(v.Code(i))
		b.WriteByte('\n')
		if i >= n && strings.HasSuffix(strings.TrimSpace(v.Code(i)), ";") {
			break
		}
	}
	return b.String()
}

// MemberNamed reports whether the C# member around line n has a name
// holding one of words (lower case).
func MemberNamed(v *View, n int, words ...string) bool {
	sc, ok := v.ScopeAt(n)
	if !ok || sc.Header == 0 {
		return false
	}
	return ContainsAny(strings.ToLower(v.Code(sc.Header)), words...)
}

// LibraryCode reports whether v is a C# file of the library itself (under
// src/, not a test, sample or document), which handles every kind of
// token and is judged only on what it visibly does.
func LibraryCode(v *View) bool {
	if !v.IsCode() || v.IsTest() {
		return false
	}
	p := "/" + strings.ReplaceAll(v.Path(), "\\", "/")
	return strings.Contains(p, "/src/")
}

// MemberCode returns the code rules read around line n: the member holding
// it (scoped set), or for a document or an unknown member every known code
// line of the file.
func MemberCode(v *View, n int) (string, bool) {
	if sc, ok := v.ScopeAt(n); ok && !v.IsMarkdown() {
		return v.ScopeSpan(sc).Text, true
	}
	var b strings.Builder
	for _, l := range v.CodeLines() {
		b.WriteString(v.Code(l.N))
		b.WriteByte('\n')
	}
	return b.String(), false
}

// BlankLiterals returns code with the text inside its string literals
// replaced by spaces, so words in messages are not read as code.
func BlankLiterals(code string) string { return Blank(code, false) }
