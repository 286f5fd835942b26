package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// This file holds the units of code that the mTLS PoP rules reason about
// beyond one line: a statement, a member, a comment's member, and what
// kind of file a line is in.

// changelogDoc matches change logs and release notes: they tell what a
// bug was ("TokenType was "pop""), not what to write.
var changelogDoc = prefilter.MustCompile(`(?i)(^|/)(changelog|changes|release[-_ ]?notes?|history)[^/]*$`)

// statementAt returns the C# statement around code line n: back to the
// line after the previous one ending in ";", "{" or "}" and on to the line
// ending in ";", at most ten lines each way, comments blanked.
func (v *View) statementAt(n int) string {
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

// mtlsUnit reports whether the code comment c speaks about deals with
// mTLS PoP: the file is named for mTLS (an mTLS-only component), or the
// member the comment sits in or documents mentions mTLS.
func mtlsUnit(v *View, c Comment) bool {
	if strings.Contains(strings.ToLower(v.Path()), "mtls") {
		return true
	}
	n := c.Line
	if c.Doc {
		// The member the doc comment documents: its first code line.
		for n = c.Line + 1; n <= v.Len() && v.IsCodeLine(n) && strings.TrimSpace(v.Code(n)) == ""; n++ {
		}
	}
	first, last := n, n
	if sc, ok := v.ScopeAt(n); ok {
		first, last = sc.Start, sc.End
	}
	for i := first; i <= last && i <= v.Len(); i++ {
		if v.hasFold(i, trigMtls) {
			return true
		}
	}
	return false
}

// memberNamed reports whether the C# member around line n has a name
// holding one of words (lower case).
func memberNamed(v *View, n int, words ...string) bool {
	sc, ok := v.ScopeAt(n)
	if !ok || sc.Header == 0 {
		return false
	}
	return containsAny(strings.ToLower(v.Code(sc.Header)), words...)
}

// libraryCode reports whether v is a C# file of the library itself (under
// src/, not a test, sample or document), which handles every kind of
// token and is judged only on what it visibly does.
func libraryCode(v *View) bool {
	p := "/" + strings.ReplaceAll(v.Path(), "\\", "/")
	return v.IsCode() && !v.IsTest() && strings.Contains(p, "/src/")
}

// memberCode returns the code rules read around line n: the member holding
// it (scoped set), or for a document or an unknown member every known code
// line of the file.
func memberCode(v *View, n int) (string, bool) {
	if sc, ok := v.ScopeAt(n); ok && !v.IsMarkdown() {
		return v.scopeSpan(sc).text, true
	}
	var b strings.Builder
	for _, l := range v.CodeLines() {
		b.WriteString(v.Code(l.N))
		b.WriteByte('\n')
	}
	return b.String(), false
}

// blankLiterals returns code with the text inside its string literals
// replaced by spaces, so words in messages are not read as code.
func blankLiterals(code string) string { return blank(code, false) }
