package source

import "strings"

// This file holds the example markers: what makes a comment, a prose line
// or a heading say that the example under it is bad (or good again). Each
// marker is a byte loop that FuzzMarkerGuards holds to the regexp it
// replaces.

var (
	// The markers are alternations written one alternative per matcher:
	// each a byte loop over its words (FuzzMarkerGuards holds each to its
	// regexp), so no comment or prose line runs a regexp engine for them.
	badMarker = markerSet{
		anyOf{"❌", "🚫", "⛔", "✗", "✘"},
		word(`\b[Aa]nti-?[Pp]atterns?\b`, expand([]string{"A", "a"}, []string{"nti"}, []string{"-", ""}, []string{"P", "p"}, []string{"attern"}, []string{"s", ""})...),
		word(`\bANTI-?PATTERNS?\b`, expand([]string{"ANTI"}, []string{"-", ""}, []string{"PATTERN"}, []string{"S", ""})...),
		word(`\bNEVER\b`, "NEVER"),
		withColon(`\b[Pp]roblem\s*:`, "Problem", "problem"),
		word(`\bPROBLEM\b`, "PROBLEM"),
		word(`\bBAD\b`, "BAD"),
		wordMarker{expr: `\b[Bb]ad\s*(?::|-|—|\(|[Ee]xample|[Pp]ractice|[Pp]attern|[Cc]ode)`, words: []string{"Bad", "bad"}, then: []string{":", "-", "—", "(", "Example", "example", "Practice", "practice", "Pattern", "pattern", "Code", "code"}},
		wordMarker{expr: `^\W*[Bb]ad\b`, words: []string{"Bad", "bad"}, first: true},
		withColon(`\b[Ww]rong\s*:`, "Wrong", "wrong"),
		word(`\bWRONG\b`, "WRONG"),
		withColon(`\b[Ii]ncorrect\s*:`, "Incorrect", "incorrect"),
		word(`\bDON'?T\b`, "DON'T", "DONT"),
		withColon(`\b[Dd]on'?t\s*:`, "Don't", "don't", "Dont", "dont"),
		withColon(`\b[Aa]void\s*:`, "Avoid", "avoid"),
	}
	goodMarker = markerSet{
		anyOf{"✅", "✔", "☑"},
		withColon(`\bGOOD\s*:`, "GOOD"),
		withColon(`\b[Gg]ood\s*:`, "Good", "good"),
		withColon(`\b[Cc]orrect\s*:`, "Correct", "correct"),
		withColon(`\bCORRECT\s*:`, "CORRECT"),
		withColon(`\b[Ss]olution\s*:`, "Solution", "solution"),
		withColon(`\b[Ff]ix\s*:`, "Fix", "fix"),
		withColon(`\b[Rr]ecommended\s*:`, "Recommended", "recommended"),
		withColon(`\b[Rr]ight\s*:`, "Right", "right"),
		withColon(`\bRIGHT\s*:`, "RIGHT"),
		wordMarker{expr: `^\W*(?:Good|GOOD|Correct|CORRECT|Recommended)\b`, words: []string{"Good", "GOOD", "Correct", "CORRECT", "Recommended"}, first: true},
		word(`\bRIGHT\b`, "RIGHT"),
	}
)

// withColon is a marker whose every match ends in a colon ("Fix :"): the
// regexp expr, `\b` one of words `\s*:`, matched as a byte loop from each
// colon back (FuzzMarkerGuards holds it to expr). A text without a colon,
// which most comments that hold its word ("Copyright", "prefix",
// "fixture") are, is passed over at once.
func withColon(expr string, words ...string) colonMarker {
	return colonMarker{expr, words}
}

// colonMarker is a marker every match of which ends in a ':': one of its
// words at an ASCII word boundary, then ASCII white space (Go's \s) and
// the colon.
type colonMarker struct {
	expr  string
	words []string
}

// MatchString reports whether s holds one of the words, then white space
// and a ':'.
func (c colonMarker) MatchString(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		e := i
		for e > 0 && isRESpace(s[e-1]) {
			e--
		}
		for _, w := range c.words {
			if b := e - len(w); b >= 0 && s[b:e] == w && (b == 0 || !isWordByte(s[b-1])) {
				return true
			}
		}
		k := strings.IndexByte(s[i+1:], ':')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// isRESpace reports whether c is white space to a regexp's \s.
func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isWordByte reports whether c is a word byte to a regexp's \b: an ASCII
// letter, digit or underscore.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// word is the marker `\b(?:words)\b`, expr: one of words, whole.
func word(expr string, words ...string) wordMarker {
	return wordMarker{expr: expr, words: words}
}

// expand returns every string made of one piece of each part, in order.
func expand(parts ...[]string) []string {
	out := []string{""}
	for _, p := range parts {
		var next []string
		for _, o := range out {
			for _, x := range p {
				next = append(next, o+x)
			}
		}
		out = next
	}
	return out
}

// wordMarker is a marker regexp (expr) of one of words at an ASCII word
// boundary (`\b`), as a byte loop: with first, only the text's first word
// (`^\W*`); then either another boundary, or with then, ASCII white space
// (`\s*`) and one of then.
type wordMarker struct {
	expr  string
	words []string
	first bool
	then  []string
}

// MatchString reports whether s holds one of the words as m says.
func (m wordMarker) MatchString(s string) bool {
	if m.first {
		i := 0
		for i < len(s) && !isWordByte(s[i]) {
			i++
		}
		for _, w := range m.words {
			if strings.HasPrefix(s[i:], w) && m.ends(s, i+len(w)) {
				return true
			}
		}
		return false
	}
	for _, w := range m.words {
		for from := 0; ; {
			k := strings.Index(s[from:], w)
			if k < 0 {
				break
			}
			at := from + k
			if (at == 0 || !isWordByte(s[at-1])) && m.ends(s, at+len(w)) {
				return true
			}
			from = at + 1
		}
	}
	return false
}

// ends reports whether what follows a word that ends at e is what m asks.
func (m wordMarker) ends(s string, e int) bool {
	if m.then == nil {
		return e == len(s) || !isWordByte(s[e])
	}
	for e < len(s) && isRESpace(s[e]) {
		e++
	}
	for _, t := range m.then {
		if strings.HasPrefix(s[e:], t) {
			return true
		}
	}
	return false
}

// markerSet is an alternation of regexps: it matches where one of them
// does.
type markerSet []interface{ MatchString(string) bool }

// anyOf matches a text that holds one of its strings: the emoji markers,
// which a regexp reads as a class of runes and prefilter cannot guard.
type anyOf []string

// MatchString reports whether s holds one of the strings.
func (a anyOf) MatchString(s string) bool {
	for _, x := range a {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// MatchString reports whether one of the regexps matches s.
func (m markerSet) MatchString(s string) bool {
	for _, re := range m {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// MarkerText strips Markdown emphasis so "**Problem**:" reads "Problem:".
func MarkerText(s string) string {
	if strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '`') < 0 {
		return s
	}
	return emphasis.Replace(s)
}

// emphasis drops the Markdown emphasis and code marks MarkerText strips.
var emphasis = strings.NewReplacer("*", "", "`", "")

// badHints and goodHints are substrings (lower case) one of which every
// marker match holds, in any ASCII case: a cheap test before the regexp.
var (
	badHints  = []string{"❌", "🚫", "⛔", "✗", "✘", "anti", "never", "problem", "bad", "wrong", "incorrect", "don", "avoid"}
	goodHints = []string{"✅", "✔", "☑", "good", "correct", "solution", "fix", "recommended", "right"}
)

// isBad and isGood report whether s holds a bad or a good marker. The
// trigger automaton tests the hints (in one pass, where a loop of
// prefilter.ContainsFold took one per hint) before the regexp runs.
func isBad(s string) bool  { return triggerAutomaton().scan(s)&trigBad != 0 && isBadMarked(s) }
func isGood(s string) bool { return triggerAutomaton().scan(s)&trigGood != 0 && isGoodMarked(s) }

// isBadMarked and isGoodMarked are isBad and isGood once s is known to
// hold a hint.
func isBadMarked(s string) bool  { return badMarker.MatchString(MarkerText(s)) }
func isGoodMarked(s string) bool { return goodMarker.MatchString(MarkerText(s)) }
