package review

import (
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/reviewbot/reviewbot/diff"
)

// Novelty counts the added lines of a change that are not new content and
// were not reviewed.
type Novelty struct {
	// Moved lines equal, ignoring indentation, a line the same change
	// removes elsewhere (across files and file moves).
	Moved int `json:"moved"`
	// Renamed lines equal a removed line once the identifier renames the
	// change applies consistently are undone.
	Renamed int `json:"renamed"`
}

// lineRef names one added line: its file and new line number.
type lineRef struct {
	path string
	line int
}

// markNovelty finds the added lines of files that are not new content:
// moved lines and renamed lines. files is every file of the change, so a
// line moved out of a file the guidance does not cover still counts.
func markNovelty(files []*diff.File) (map[lineRef]string, Novelty) {
	marks := map[lineRef]string{}
	var n Novelty
	removed := map[string]int{}
	for _, f := range files {
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op == diff.Delete {
					if k := moveKey(l.Text); k != "" {
						removed[k]++
					}
				}
			}
		}
	}
	renames := consistentRenames(files)
	for _, f := range files {
		code := source.IsCode(f.Path())
		for _, h := range f.Hunks {
			// Renamed lines first, within their change block; then moved.
			if code && len(renames) > 0 {
				eachPair(h, func(del, add int) {
					if isRenamed(h.Lines[del].Text, h.Lines[add].Text, renames) {
						ref := lineRef{f.Path(), h.Lines[add].NewLine}
						marks[ref] = "renamed"
						n.Renamed++
						if k := moveKey(h.Lines[del].Text); removed[k] > 0 {
							removed[k]--
						}
					}
				})
			}
		}
	}
	for _, f := range files {
		if len(removed) == 0 {
			break
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op != diff.Add {
					continue
				}
				ref := lineRef{f.Path(), l.NewLine}
				if n.Renamed > 0 && marks[ref] != "" {
					continue
				}
				k := moveKey(l.Text)
				if k != "" && removed[k] > 0 {
					removed[k]--
					marks[ref] = "moved"
					n.Moved++
				}
			}
		}
	}
	return marks, n
}

// moveKey is a line's text with its white space folded, or "" for a line
// too plain to say it moved (blank, braces, punctuation): fewer than three
// word bytes. Folding drops no word byte, so they are counted first, and
// only up to three.
func moveKey(s string) string {
	k := strings.TrimSpace(s)
	letters := 0
	for i := 0; i < len(k) && letters < 3; i++ {
		if wordByte[k[i]] {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	if needsFold(k) {
		k = strings.Join(strings.Fields(k), " ")
	}
	return k
}

// needsFold reports, in one pass, whether s holds a tab, line feed,
// vertical tab, form feed or carriage return (bytes 9 to 13), or two
// spaces in a row.
func needsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c-'\t' < 5 || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return true
		}
	}
	return false
}

// byFile splits marks by path: each file's marks by line.
func byFile(marks map[lineRef]string) map[string]map[int]string {
	out := map[string]map[int]string{}
	for ref, kind := range marks {
		fm := out[ref.path]
		if fm == nil {
			fm = map[int]string{}
			out[ref.path] = fm
		}
		fm[ref.line] = kind
	}
	return out
}

// withoutNovelty returns a copy of f in which the added lines marked (f's
// marks, by line) are context lines: the rules judge only new content, and
// they still see the moved lines around it. Only the hunks that hold a marked line get lines
// of their own; the others share f's (each hunk's lines are capped at
// their end, so no append reaches the next).
func withoutNovelty(f *diff.File, marks map[int]string) *diff.File {
	marked := func(l diff.Line) bool {
		return l.Op == diff.Add && marks[l.NewLine] != ""
	}
	var c *diff.File
	for i, h := range f.Hunks {
		if !slices.ContainsFunc(h.Lines, marked) {
			continue
		}
		if c == nil {
			cp := *f
			cp.Hunks = slices.Clone(f.Hunks)
			c = &cp
		}
		lines := slices.Clone(h.Lines)
		for j, l := range lines {
			if marked(l) {
				lines[j].Op = diff.Context
			}
		}
		c.Hunks[i].Lines = lines[:len(lines):len(lines)]
	}
	if c == nil {
		return f
	}
	return c
}

// hasNewLine reports whether f adds a line that is new content.
func hasNewLine(f *diff.File) bool {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Op == diff.Add && strings.TrimSpace(l.Text) != "" {
				return true
			}
		}
	}
	return false
}

// token is one piece of a line of code: an identifier, a whole string
// literal, or one other character.
type token struct {
	text  string
	ident bool
}

func isWord(c byte) bool {
	return wordByte[c]
}

// wordByte says which bytes make up words: ASCII letters, digits and '_'.
var wordByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return t
}()

// nextToken returns the token of s that starts at or after i (white space
// skipped: a space, a tab or a CR) and the index after it; ok is false when
// s holds no more tokens.
func nextToken(s string, i int) (t token, next int, ok bool) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	if i >= len(s) {
		return token{}, i, false
	}
	switch c := s[i]; {
	case c == '"' || c == '\'':
		j := i + 1
		for j < len(s) && s[j] != c {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j+1, len(s))
		return token{text: s[i:j]}, j, true
	case wordByte[c] && !(c >= '0' && c <= '9'):
		j := i
		for j < len(s) && wordByte[s[j]] {
			j++
		}
		return token{text: s[i:j], ident: true}, j, true
	}
	return token{text: s[i : i+1]}, i + 1, true
}

// renamePairs returns the identifier pairs (old, new) in which line b
// differs from line a, or ok false when they differ in anything else or
// not at all. It reads the two lines' tokens side by side, so it stops at
// the first difference that is no rename and allocates only the pairs.
func renamePairs(a, b string) (pairs [][2]string, ok bool) {
	i, j := 0, 0
	for {
		ta, ni, oka := nextToken(a, i)
		tb, nj, okb := nextToken(b, j)
		switch {
		case oka != okb:
			return nil, false
		case !oka:
			return pairs, len(pairs) > 0
		case ta.text == tb.text:
		case !ta.ident || !tb.ident:
			return nil, false
		default:
			pairs = append(pairs, [2]string{ta.text, tb.text})
		}
		i, j = ni, nj
	}
}

// eachPair pairs, in each change block of h (a run of removed lines and
// the added lines after it), the i-th removed line with the i-th added
// line when the block removes and adds as many lines, and calls fn with
// their indexes into h.Lines, in order.
func eachPair(h diff.Hunk, fn func(del, add int)) {
	for i := 0; i < len(h.Lines); {
		if h.Lines[i].Op == diff.Context {
			i++
			continue
		}
		dels := i
		for i < len(h.Lines) && h.Lines[i].Op == diff.Delete {
			i++
		}
		adds := i
		for i < len(h.Lines) && h.Lines[i].Op == diff.Add {
			i++
		}
		if adds-dels == i-adds {
			for k := range adds - dels {
				fn(dels+k, adds+k)
			}
		}
	}
}

// consistentRenames finds the identifier renames a change applies
// consistently in its C# files: old always becomes the same new name, old
// is gone from the code the change adds, and new is not in the code it
// removes. A one-off edit of a name (logging AccessToken where ExpiresOn
// was) is not a rename, because the new name was already there.
func consistentRenames(files []*diff.File) map[string]string {
	cand := map[string]string{}
	bad := map[string]bool{}
	for _, f := range files {
		if !source.IsCode(f.Path()) {
			continue
		}
		for _, h := range f.Hunks {
			eachPair(h, func(del, add int) {
				pairs, ok := renamePairs(h.Lines[del].Text, h.Lines[add].Text)
				if !ok {
					return
				}
				for _, pr := range pairs {
					if n, seen := cand[pr[0]]; seen && n != pr[1] {
						bad[pr[0]] = true
					}
					cand[pr[0]] = pr[1]
				}
			})
		}
	}
	if len(cand) == 0 {
		return nil
	}
	// A rename replaces the old name everywhere the change touches and
	// brings in a name the removed code did not have. Names are words, so
	// a line holds one as a whole identifier exactly when one of its
	// words is it: each line's words are looked up in the candidates, not
	// every candidate searched for in every line. A word whose first byte
	// and length no name has is not looked up.
	olds := map[string][]string{}
	var oldNames, newNames wordFilter
	for old, nw := range cand {
		olds[nw] = append(olds[nw], old)
		oldNames.add(old)
		newNames.add(nw)
	}
	// bad holds only candidates: once it holds them all, no line can
	// change the answer.
	for _, f := range files {
		if len(bad) == len(cand) {
			break
		}
		if !source.IsCode(f.Path()) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				switch l.Op {
				case diff.Add:
					eachWord(l.Text, func(w string) {
						if !oldNames.may(w) {
							return
						}
						if _, ok := cand[w]; ok {
							bad[w] = true
						}
					})
				case diff.Delete:
					eachWord(l.Text, func(w string) {
						if newNames.may(w) {
							for _, old := range olds[w] {
								bad[old] = true
							}
						}
					})
				}
			}
		}
	}
	out := map[string]string{}
	for old, nw := range cand {
		if !bad[old] {
			out[old] = nw
		}
	}
	return out
}

// wordFilter is a cheap test before a map lookup of a word: for each first
// byte, the lengths (63 standing for 63 and over) of the words added.
type wordFilter [256]uint64

func (f *wordFilter) add(w string) {
	f[w[0]] |= 1 << min(len(w), 63)
}

// may reports whether w can be one of the words added: false means it is
// not.
func (f *wordFilter) may(w string) bool {
	return f[w[0]]&(1<<min(len(w), 63)) != 0
}

// eachWord calls fn with every maximal run of word characters in s.
func eachWord(s string, fn func(w string)) {
	for i := 0; i < len(s); {
		if !isWord(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWord(s[j]) {
			j++
		}
		fn(s[i:j])
		i = j
	}
}

// isRenamed reports whether added line b is removed line a with only
// consistent renames applied.
func isRenamed(a, b string, renames map[string]string) bool {
	pairs, ok := renamePairs(a, b)
	if !ok {
		return false
	}
	for _, p := range pairs {
		if renames[p[0]] != p[1] {
			return false
		}
	}
	return true
}

// goneLines returns, for each file, a file whose added lines are what the
// change removed, moved or renamed there: classified, it says whether the
// change took mTLS PoP code away (or only moved it) rather than editing
// around it.
func goneLines(files []*diff.File, marks map[lineRef]string) []*diff.File {
	var out []*diff.File
	for _, f := range files {
		g := &diff.File{OldPath: f.OldPath, NewPath: f.NewPath, Status: f.Status}
		for _, h := range f.Hunks {
			var gh diff.Hunk
			n := 0
			for _, l := range h.Lines {
				if l.Op == diff.Delete || l.Op == diff.Add && marks[lineRef{f.Path(), l.NewLine}] != "" {
					n++
					gh.Lines = append(gh.Lines, diff.Line{Op: diff.Add, Text: l.Text, NewLine: n})
				}
			}
			if len(gh.Lines) > 0 {
				gh.NewStart, gh.NewLines = 1, n
				g.Hunks = append(g.Hunks, gh)
			}
		}
		out = append(out, g)
	}
	return out
}
