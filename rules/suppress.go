package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
)

// Suppression is one reviewbot:ignore comment of a file's new side.
type Suppression struct {
	// Line and Col are where the comment's marker is.
	Line, Col int
	// Rule is the rule ID it names ("" when it names none).
	Rule string
	// Reason is the text after the rule ID ("" when it gives none).
	Reason string
	// From and To are the lines whose findings it silences: in C# its own
	// line, and the next one for a comment alone on its line; in Markdown
	// its own line and the next line or block (a paragraph or list up to
	// the next blank line, a fenced block up to its closing fence).
	From, To int
	// Added is set when the change adds the comment's line.
	Added bool
}

// Covers reports whether the suppression silences finding f: it names f's
// rule, gives a reason, and f's line is in its range.
func (s Suppression) Covers(f Finding) bool {
	return s.Rule != "" && s.Reason != "" && s.Rule == f.Rule && f.Line >= s.From && f.Line <= s.To
}

var mdSuppression = prefilter.MustCompile(`<!--\s*reviewbot:ignore\b(.*?)-->`)

// Suppressions returns the file's reviewbot:ignore comments, in line
// order: C# comments of a .cs file or of a C# block in Markdown, and HTML
// comments in Markdown prose.
func Suppressions(v *source.View) []Suppression {
	if !v.IsCode() && !v.IsMarkdown() {
		return nil
	}
	var out []Suppression
	for _, c := range v.Comments() {
		rest, ok := strings.CutPrefix(c.Text, source.SuppressionMarker)
		if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			continue
		}
		// A second // ends the reason: `// reviewbot:ignore x why // more`
		// is one comment in C#, but the rest is another remark.
		if i := strings.Index(rest, "//"); i >= 0 {
			rest = rest[:i]
		}
		s := parseSuppression(rest)
		s.Line, s.Col = c.Line, c.Col
		s.From, s.To = c.Line, c.Line
		if c.Whole {
			s.To = c.Line + 1
		}
		s.Added = v.Added(c.Line)
		out = append(out, s)
	}
	if v.IsMarkdown() {
		for _, l := range v.KnownLines() {
			if !l.Known || !strings.Contains(l.Text, source.SuppressionMarker) {
				continue
			}
			if _, in := v.BlockAt(l.N); in {
				continue // code, not an HTML comment
			}
			for _, m := range mdSuppression.FindAllStringSubmatchIndex(l.Text, -1) {
				s := parseSuppression(l.Text[m[2]:m[3]])
				s.Line, s.Col = l.N, m[0]+1
				s.From, s.To = l.N, mdTarget(v, l.N)
				s.Added = l.Added
				out = append(out, s)
			}
		}
	}
	return out
}

func parseSuppression(rest string) Suppression {
	fs := strings.Fields(rest)
	var s Suppression
	if len(fs) > 0 {
		s.Rule = fs[0]
		s.Reason = strings.Join(fs[1:], " ")
	}
	return s
}

// mdTarget returns the last line a Markdown suppression on line n covers:
// the next non-blank line, and when that opens a fenced block or starts a
// paragraph or list, the whole of it.
func mdTarget(v *source.View, n int) int {
	next := n + 1
	for next <= v.Len() && v.Known(next) && strings.TrimSpace(v.Text(next)) == "" {
		next++
	}
	if next > v.Len() || !v.Known(next) {
		return n
	}
	for _, b := range v.Blocks() {
		if b.Open == next {
			if b.Close != 0 {
				return b.Close
			}
			return b.End
		}
	}
	end := next
	for end+1 <= v.Len() && v.Known(end+1) && strings.TrimSpace(v.Text(end+1)) != "" {
		if _, ok := v.BlockAt(end + 1); ok {
			break
		}
		end++
	}
	return end
}
