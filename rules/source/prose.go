package source

import (
	"sort"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// This file holds the prose units the terminology rules (vanilla-legs,
// scopes-for-consumption, ambiguous-pop) read: a Markdown prose line or
// paragraph, a code comment's text or a message string; View decides which
// pieces are prose.

// ProseSpan is one piece of prose on an added line: a Markdown prose line,
// a C# comment's text, or a message string literal.
type ProseSpan struct {
	Line int
	// Col is the 1-based byte column where Text starts in the line.
	Col  int
	Text string
}

// AddedProse returns the prose of v's added lines that lie outside examples
// the document marks as bad: Markdown prose lines (not front matter, not
// fenced blocks) and C# comments, of .cs files and of C# blocks in
// Markdown. With withStrings set it adds the message string literals of C#
// code ("BindingCertificate should not be null for PoP token."): string
// literals with at least three words passed to an assertion, exception or
// log call. Only lines for which want returns true are looked at: a cheap
// filter that keeps large diffs fast; want returns true only on text that
// holds a literal of the trigger groups t, and lines that hold none are
// not given to it.
func AddedProse(v *View, withStrings bool, t Triggers, want func(line string) bool) []ProseSpan {
	var out []ProseSpan
	if v.IsMarkdown() {
		for n := 1; n <= v.Len(); n++ {
			if v.Added(n) && v.May(n, t) && want(v.Text(n)) && v.Prose(n) && !v.BadExample(n) {
				out = append(out, ProseSpan{Line: n, Col: 1, Text: v.Text(n)})
			}
		}
	}
	for _, c := range v.Comments() {
		if c.Text == "" || !v.May(c.Line, t) || !want(c.Text) || !v.Added(c.Line) || v.BadExample(c.Line) {
			continue
		}
		col := c.Col
		line := v.Text(c.Line)
		if c.Col >= 1 && c.Col <= len(line) {
			if k := strings.Index(line[c.Col-1:], c.Text); k >= 0 {
				col = c.Col + k
			}
		}
		out = append(out, ProseSpan{Line: c.Line, Col: col, Text: c.Text})
	}
	if withStrings {
		for n := 1; n <= v.Len(); n++ {
			if !v.Added(n) || !v.IsCodeLine(n) || !v.May(n, t) || !want(v.Text(n)) || v.BadExample(n) {
				continue
			}
			code := v.Code(n)
			if !strings.Contains(code, `"`) || !IsMessageCall(code) {
				continue
			}
			for _, lit := range Literals(code) {
				if len(strings.Fields(lit.Value)) >= 3 {
					out = append(out, ProseSpan{Line: n, Col: lit.Col + 1, Text: lit.Value})
				}
			}
		}
	}
	sortSpans(out)
	return out
}

// messageCalls are the code fragments that pass a message meant for people:
// an assertion, an exception, a log or a failure. Other strings (console
// output labels, protocol values) are data, not prose.
var messageCalls = []string{"Assert", "throw", "Exception(", ".Should", "Logger.", ".Log", "Fail(", "Inconclusive("}

// IsMessageCall reports whether a line of code passes a message.
func IsMessageCall(code string) bool {
	for _, m := range messageCalls {
		if strings.Contains(code, m) {
			return true
		}
	}
	return false
}

// ContainsFold reports whether s contains the word w in any case. For an
// ASCII w (every caller's) ASCII folding is exact: a slice of s as long as
// w in bytes and as many runes folds to w only if it is ASCII too.
func ContainsFold(s, w string) bool {
	if prefilter.IsASCII(w) {
		return prefilter.ContainsFold(s, strings.ToLower(w))
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// sortSpans orders spans by line, then column.
func sortSpans(s []ProseSpan) {
	sort.SliceStable(s, func(i, j int) bool {
		return s[i].Line < s[j].Line || s[i].Line == s[j].Line && s[i].Col < s[j].Col
	})
}

// KnownText returns every known line of v joined by newlines, built once
// per View (the documentation rules and ambiguous-pop all read it).
func KnownText(v *View) string {
	if v.knownTxt == nil {
		t := buildKnownText(v)
		v.knownTxt = &t
	}
	return *v.knownTxt
}

// buildKnownText is KnownText, built.
func buildKnownText(v *View) string {
	size := 0
	for _, l := range v.lines {
		size += len(l.Text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, l := range v.lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// CodeUnit returns the first and last line of the code a comment at line n
// speaks about. A /// doc comment documents the member after it: the unit
// runs to the end of that member's braces. Any other comment speaks inside
// the block that holds it: the unit is that whole block. A Markdown C#
// block is a unit of its own. The unit stops at lines the view does not
// know.
//
// complete is false when the unit ran into lines the view does not know
// (a diff without the whole file): what lies there is unknown.
func CodeUnit(v *View, n int, doc bool) (first, last int, complete bool) {
	if b, ok := v.BlockAt(n); ok {
		return b.Start, b.End, b.Close != 0
	}
	braces := func(i int) string {
		return Blank(v.Code(i), false)
	}
	const limit = 600
	first, last = n, n
	if !doc {
		depth, found := 0, false
		for i := n - 1; i >= 1 && i > n-limit && v.Known(i); i-- {
			s := braces(i)
			for k := len(s) - 1; k >= 0; k-- {
				switch s[k] {
				case '}':
					depth++
				case '{':
					depth--
				}
			}
			first = i
			if depth < 0 {
				// "{" alone on its line: take the signature above too.
				if strings.TrimSpace(s) == "{" && v.Known(i-1) {
					first = i - 1
				}
				found = true
				break
			}
		}
		if !found {
			return first, last, false
		}
	}
	depth, opened := 0, false
	for i := n; i <= v.Len() && i < n+limit && v.Known(i); i++ {
		last = i
		s := braces(i)
		done := false
		for k := 0; k < len(s) && !done; k++ {
			switch s[k] {
			case '{':
				depth++
				opened = true
			case '}':
				depth--
				if depth < 0 || doc && opened && depth == 0 {
					done = true
				}
			}
		}
		if done {
			return first, last, true
		}
	}
	return first, last, false
}

// SectionContext returns, for a line in a Markdown code block, the
// heading of its section: in a document, it says which flow an example
// belongs to ("## FIC Two-Leg Flow").
func SectionContext(v *View, n int) string {
	b, ok := v.BlockAt(n)
	if !ok {
		return ""
	}
	for i := b.Open - 1; i >= 1; i-- {
		if v.Prose(i) && HeadingLevel(v.Text(i)) > 0 {
			return v.Text(i)
		}
	}
	return ""
}

// UnitText returns lines first..last of v joined by newlines.
func UnitText(v *View, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(v.Text(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// DocLines returns the known lines of v that are not in bad examples,
// with HTML comments (which readers never see) removed from prose lines:
// the document as its reader sees it. The documentation rules read it: it
// is built once per View, and the slice is shared (do not modify it).
func (v *View) DocLines() []SourceLine {
	if v.docLines == nil {
		v.docLines = v.buildDocLines()
	}
	return v.docLines
}

// buildDocLines is DocLines, built.
func (v *View) buildDocLines() []SourceLine {
	// A prose line that holds no "<!--" holds no HTML comment: when no
	// line is bad or holds one, the document is its known lines.
	commented := func(i int) bool { return v.md && v.prose(i) && strings.Contains(v.lines[i].Text, "<!--") }
	plain := true
	for i := range v.lines {
		if v.info[i].flags&flagBad != 0 || commented(i) {
			plain = false
			break
		}
	}
	if plain {
		return v.lines
	}
	out := []SourceLine{}
	for i, l := range v.lines {
		if v.info[i].flags&flagBad == 0 {
			if commented(i) {
				l.Text = HTMLComment.ReplaceAllString(l.Text, "")
			}
			out = append(out, l)
		}
	}
	return out
}

// HTMLComment matches an HTML comment on one line.
var HTMLComment = prefilter.MustCompile(`<!--.*?-->`)

// UnitCode returns the code of lines first..last of v, comments blanked.
func UnitCode(v *View, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(v.Code(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// CommentGroup is a run of whole-line comments on consecutive lines (a
// /// doc comment, a // paragraph), or one trailing comment.
type CommentGroup struct {
	Comments []Comment
	Doc      bool
}

// Text returns the group's comment text joined by spaces.
func (g CommentGroup) Text() string {
	var b strings.Builder
	for _, c := range g.Comments {
		b.WriteString(c.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// CommentGroups splits v's comments into groups.
func CommentGroups(v *View) []CommentGroup {
	var out []CommentGroup
	for _, c := range v.Comments() {
		if n := len(out); n > 0 && c.Whole {
			g := &out[n-1]
			last := g.Comments[len(g.Comments)-1]
			if last.Whole && last.Doc == c.Doc && (last.Line == c.Line || last.Line+1 == c.Line) {
				g.Comments = append(g.Comments, c)
				continue
			}
		}
		out = append(out, CommentGroup{Comments: []Comment{c}, Doc: c.Doc})
	}
	return out
}
