package source

import (
	"path"
	"sort"
	"strings"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// SourceLine is one line of a file's new side as a rule sees it.
type SourceLine struct {
	// N is the line number in the new file, from 1.
	N int
	// Text is the line without its terminator; empty when not Known.
	Text string
	// Added is set for a line the change added: only those get findings.
	Added bool
	// Known is set when the text is known (from the whole file or a hunk).
	Known bool
}

// Block is one fenced code block of a Markdown file.
type Block struct {
	// Lang is the first word of the info string, lower-cased ("csharp").
	Lang string
	// Open and Close are the lines of the opening and closing fences;
	// Close is 0 for a block left open at the end of what is known.
	Open, Close int
	// Start and End are the first and last content lines (End < Start for
	// an empty block).
	Start, End int
	// Intro is the prose, heading or list line right above the block that
	// introduces it, 0 when there is none.
	Intro int
}

// CSharp reports whether the block holds C#: a csharp, cs or c# info
// string, or none at all (unlabelled blocks are read as C# by the code
// rules, whose patterns are specific enough not to fire on diagrams).
func (b Block) CSharp() bool {
	switch b.Lang {
	case "", "csharp", "cs", "c#", "c-sharp", "dotnet":
		return true
	}
	return false
}

// Comment is one comment of C# code (a .cs file, or a C# block in
// Markdown), one entry per line for multi-line comments.
type Comment struct {
	Line int
	// Col is the 1-based byte column where the comment text starts.
	Col int
	// Text is the comment without its //, /// or /* */ markers, trimmed.
	Text string
	// Doc is set for /// XML documentation comments.
	Doc bool
	// Whole is set when the line holds nothing but the comment.
	Whole bool
}

// View is the new side of one file, with the structure rules need: line
// text by number, which lines were added, Markdown prose and code blocks,
// C# comments, and which lines lie in examples the document marks as bad.
type View struct {
	path  string
	text  []string // index = line number; text[0] unused
	known []bool
	added []bool

	md, code bool

	// blocks, inBlock, fence and front are Markdown's: nil for another
	// file.
	blocks  []Block
	inBlock []int32 // index+1 into blocks for a content line, 0 otherwise
	fence   []bool
	front   []bool // YAML front matter (Markdown)

	codeText []string // line with comments blanked out (code lines only)
	isCode   []bool   // line is C# code (whole .cs file, C# block content)
	comments []Comment
	bad      []bool
	lowered  map[int]string // lower-cased text, each line built on first use
	trig     *triggerIndex  // the trigger index, built on first use
	knownTxt *string        // KnownText, built on first use
	// addedLines and checkedProse are AddedLines and CheckedProse, built
	// on first use.
	addedLines, checkedProse []SourceLine
	checked                  []SourceLine // CheckedCode, built on first use
	codeLines                []SourceLine // CodeLines, built on first use
	docLines                 []SourceLine // DocLines, built on first use
	methods                  *methodMemo  // ScopeAt's method headers and extents, found on first use
}

// New builds the view of file f: from source, the whole new file, when it
// is given, otherwise from the added and context lines of the hunks (other
// lines are unknown and read as empty).
func New(f *diff.File, source []byte) *View {
	v := &View{}
	if f != nil {
		v.path = f.Path()
	}
	n := 0
	var srcLines []string
	if source != nil {
		s := string(source)
		s = strings.TrimSuffix(s, "\n")
		if s != "" || len(source) > 0 {
			srcLines = strings.Split(s, "\n")
		}
		n = len(srcLines)
	}
	if f != nil {
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op != diff.Delete && l.NewLine > n {
					n = l.NewLine
				}
			}
		}
	}
	v.text = make([]string, n+1)
	v.known = make([]bool, n+1)
	v.added = make([]bool, n+1)
	for i, s := range srcLines {
		v.text[i+1] = strings.TrimSuffix(s, "\r")
		v.known[i+1] = true
	}
	if f != nil {
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op == diff.Delete || l.NewLine <= 0 || l.NewLine > n {
					continue
				}
				if !v.known[l.NewLine] {
					v.text[l.NewLine] = l.Text
					v.known[l.NewLine] = true
				}
				if l.Op == diff.Add {
					v.added[l.NewLine] = true
				}
			}
		}
	}
	v.md = IsMarkdown(v.path)
	v.code = IsCode(v.path)
	if v.md {
		v.inBlock = make([]int32, n+1)
		v.fence = make([]bool, n+1)
		v.front = make([]bool, n+1)
	}
	v.codeText = make([]string, n+1)
	v.isCode = make([]bool, n+1)
	v.bad = make([]bool, n+1)
	if v.md {
		v.scanMarkdown()
	} else if v.code {
		v.scanCSharp(1, n)
		v.markBadCode()
	}
	return v
}

// Path is the file's path.
func (v *View) Path() string { return v.path }

// Len is the highest line number the view knows.
func (v *View) Len() int { return len(v.text) - 1 }

func (v *View) ok(n int) bool { return n >= 1 && n < len(v.text) }

// Text returns line n, or "" when it is unknown or out of range.
func (v *View) Text(n int) string {
	if !v.ok(n) {
		return ""
	}
	return v.text[n]
}

// Known reports whether line n's text is known.
func (v *View) Known(n int) bool { return v.ok(n) && v.known[n] }

// Added reports whether the change added line n.
func (v *View) Added(n int) bool { return v.ok(n) && v.added[n] }

// Lines returns every line 1..Len, known or not.
func (v *View) Lines() []SourceLine {
	out := make([]SourceLine, 0, v.Len())
	for n := 1; n <= v.Len(); n++ {
		out = append(out, v.line(n))
	}
	return out
}

// AddedLines returns the lines the change added. The slice is shared by
// the rules of a pass: do not modify it.
func (v *View) AddedLines() []SourceLine {
	if v.addedLines == nil {
		v.addedLines = make([]SourceLine, 0, countLines(v.Len(), func(n int) bool { return v.added[n] }))
		for n := 1; n <= v.Len(); n++ {
			if v.added[n] {
				v.addedLines = append(v.addedLines, v.line(n))
			}
		}
	}
	return v.addedLines
}

func (v *View) line(n int) SourceLine {
	return SourceLine{N: n, Text: v.text[n], Added: v.added[n], Known: v.known[n]}
}

// IsMarkdown reports whether the view is of a Markdown file.
func (v *View) IsMarkdown() bool { return v.md }

// IsCode reports whether the view is of a C# source file.
func (v *View) IsCode() bool { return v.code }

// IsTest reports whether the view is of a test file.
func (v *View) IsTest() bool { return IsTest(v.path) }

// Blocks returns a Markdown file's fenced code blocks in order.
func (v *View) Blocks() []Block { return v.blocks }

// BlockAt returns the fenced block whose content holds line n.
func (v *View) BlockAt(n int) (Block, bool) {
	if !v.ok(n) || !v.md || v.inBlock[n] == 0 {
		return Block{}, false
	}
	return v.blocks[v.inBlock[n]-1], true
}

// Prose reports whether line n of a Markdown file is prose: known, outside
// fenced blocks, fences and front matter.
func (v *View) Prose(n int) bool {
	return v.md && v.ok(n) && v.known[n] && v.inBlock[n] == 0 && !v.fence[n] && !v.front[n]
}

// IsCodeLine reports whether line n is C# code: any known line of a .cs
// file, or a content line of a C# block in Markdown.
func (v *View) IsCodeLine(n int) bool { return v.ok(n) && v.isCode[n] }

// CodeLines returns the C# code lines (see IsCodeLine) in order. The slice
// is shared by the rules of a pass: do not modify it.
func (v *View) CodeLines() []SourceLine {
	if v.codeLines == nil {
		v.codeLines = make([]SourceLine, 0, countLines(v.Len(), func(n int) bool { return v.isCode[n] }))
		for n := 1; n <= v.Len(); n++ {
			if v.isCode[n] {
				v.codeLines = append(v.codeLines, v.line(n))
			}
		}
	}
	return v.codeLines
}

// Code returns C# code line n with its comments blanked out by spaces (so
// columns stay put) and string literals kept; "" for a line that is not
// code.
func (v *View) Code(n int) string {
	if !v.ok(n) {
		return ""
	}
	return v.codeText[n]
}

// Comments returns the comments of the C# code in line order.
func (v *View) Comments() []Comment { return v.comments }

// BadExample reports whether line n lies in an example the document marks
// as bad: a ❌, "Bad", "Anti-pattern", "NEVER" or "Problem:" marker on the
// line itself, on a comment line above it in the same code block (until a
// ✅/"Good" marker), on the prose line introducing the block, or on the
// prose paragraph or heading the line belongs to. Rules never report such
// lines: they quote anti-patterns on purpose.
func (v *View) BadExample(n int) bool { return v.ok(n) && v.bad[n] }

// IsMarkdown reports whether p names a Markdown file.
func IsMarkdown(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".mdx":
		return true
	}
	return false
}

// IsCode reports whether p names a C# source file.
func IsCode(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".cs", ".csx":
		return true
	}
	return false
}

// IsTest reports whether p names a test file: under a tests/ or test/
// directory, in a *.Test* project directory, or named *Test(s).cs.
func IsTest(p string) bool {
	parts := strings.Split(strings.ReplaceAll(p, "\\", "/"), "/")
	for i, s := range parts {
		ls := strings.ToLower(s)
		if i < len(parts)-1 {
			if ls == "tests" || ls == "test" || strings.HasPrefix(ls, "test.") || strings.Contains(ls, ".test") {
				return true
			}
			continue
		}
		base := strings.TrimSuffix(s, path.Ext(s))
		if strings.HasSuffix(base, "Tests") || strings.HasSuffix(base, "Test") || strings.HasSuffix(ls, "_test.cs") {
			return true
		}
	}
	return false
}

var (
	// The markers are alternations written one alternative per regexp:
	// each has its own literal guard (NEVER, roblem, ...), so a comment
	// runs the regexp engine only for the alternatives whose literal it
	// holds, not the whole alternation at every position.
	badMarker = markerSet{
		anyOf{"❌", "🚫", "⛔", "✗", "✘"},
		prefilter.MustCompile(`\b[Aa]nti-?[Pp]atterns?\b`),
		prefilter.MustCompile(`\bANTI-?PATTERNS?\b`),
		prefilter.MustCompile(`\bNEVER\b`),
		withColon(`\b[Pp]roblem\s*:`),
		prefilter.MustCompile(`\bPROBLEM\b`),
		prefilter.MustCompile(`\bBAD\b`),
		prefilter.MustCompile(`\b[Bb]ad\s*(?::|-|—|\(|[Ee]xample|[Pp]ractice|[Pp]attern|[Cc]ode)`),
		prefilter.MustCompile(`^\W*[Bb]ad\b`),
		withColon(`\b[Ww]rong\s*:`),
		prefilter.MustCompile(`\bWRONG\b`),
		withColon(`\b[Ii]ncorrect\s*:`),
		prefilter.MustCompile(`\bDON'?T\b`),
		withColon(`\b[Dd]on'?t\s*:`),
		withColon(`\b[Aa]void\s*:`),
	}
	goodMarker = markerSet{
		anyOf{"✅", "✔", "☑"},
		withColon(`\bGOOD\s*:`),
		withColon(`\b[Gg]ood\s*:`),
		withColon(`\b[Cc]orrect\s*:`),
		withColon(`\bCORRECT\s*:`),
		withColon(`\b[Ss]olution\s*:`),
		withColon(`\b[Ff]ix\s*:`),
		withColon(`\b[Rr]ecommended\s*:`),
		withColon(`\b[Rr]ight\s*:`),
		withColon(`\bRIGHT\s*:`),
		prefilter.MustCompile(`^\W*(?:Good|GOOD|Correct|CORRECT|Recommended)\b`),
		prefilter.MustCompile(`\bRIGHT\b`),
	}
)

// withColon is a marker regexp whose every match ends in a colon ("Fix
// :"): a text without one skips it, which most comments that hold its
// word ("Copyright", "prefix", "fixture") are.
func withColon(expr string) colonMarker {
	return colonMarker{prefilter.MustCompile(expr)}
}

// colonMarker is a marker regexp every match of which holds a ':'.
type colonMarker struct{ re *prefilter.Regexp }

// MatchString reports whether s holds a ':' and the regexp matches s.
func (c colonMarker) MatchString(s string) bool {
	return strings.IndexByte(s, ':') >= 0 && c.re.MatchString(s)
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

// HeadingLevel returns the level of the ATX heading s (1 for "# x"), or 0
// when s is not one.
func HeadingLevel(s string) int {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 {
		return 0
	}
	l := 0
	for l < len(t) && t[l] == '#' {
		l++
	}
	if l == 0 || l > 6 || (l < len(t) && t[l] != ' ' && t[l] != '\t') {
		return 0
	}
	return l
}

// fenceOf reports whether s opens or closes a fence: its char, length and
// info string.
func fenceOf(s string) (ch byte, n int, info string, ok bool) {
	t := strings.TrimLeft(s, " \t>")
	t = strings.TrimLeft(t, " \t")
	// Fences inside list items: "- ```csharp" is not a fence; "   ```" is.
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return 0, 0, "", false
	}
	ch = t[0]
	for n < len(t) && t[n] == ch {
		n++
	}
	if n < 3 {
		return 0, 0, "", false
	}
	info = strings.TrimSpace(t[n:])
	if ch == '`' && strings.Contains(info, "`") {
		return 0, 0, "", false
	}
	return ch, n, info, true
}

func (v *View) scanMarkdown() {
	n := v.Len()
	start := 1
	if n >= 1 && v.known[1] && strings.TrimSpace(v.text[1]) == "---" {
		for i := 2; i <= n && v.known[i]; i++ {
			if t := strings.TrimSpace(v.text[i]); t == "---" || t == "..." {
				for j := 1; j <= i; j++ {
					v.front[j] = true
				}
				start = i + 1
				break
			}
		}
	}
	// Fenced blocks.
	var cur *Block
	var curCh byte
	var curN int
	lastProse := 0
	for i := start; i <= n; i++ {
		if !v.known[i] {
			if cur == nil {
				lastProse = 0
			}
			continue
		}
		s := v.text[i]
		if cur == nil && i > start && !v.known[i-1] && v.regionStartsInBlock(i) {
			// A hunk that begins inside a fenced block whose opening
			// fence is not in view: a block of unknown language.
			cur = &Block{Start: i, End: i - 1}
			curCh, curN = '`', 3
		}
		if cur != nil {
			if ch, k, info, ok := fenceOf(s); ok && ch == curCh && k >= curN && info == "" {
				cur.Close = i
				cur.End = i - 1
				v.fence[i] = true
				v.blocks = append(v.blocks, *cur)
				cur = nil
				continue
			}
			v.inBlock[i] = int32(len(v.blocks) + 1)
			cur.End = i
			continue
		}
		if ch, k, info, ok := fenceOf(s); ok {
			lang := ""
			if fs := strings.Fields(info); len(fs) > 0 {
				lang = strings.Trim(strings.ToLower(fs[0]), "{}.")
			}
			cur = &Block{Lang: lang, Open: i, Start: i + 1, End: i, Intro: lastProse}
			curCh, curN = ch, k
			v.fence[i] = true
			continue
		}
		if strings.TrimSpace(s) != "" {
			lastProse = i
		} else if lastProse != 0 && lastProse < i-1 {
			// Keep the intro across one blank line only.
			lastProse = 0
		}
	}
	if cur != nil {
		v.blocks = append(v.blocks, *cur)
	}
	v.markBadProse(start)
	for bi := range v.blocks {
		b := &v.blocks[bi]
		if !b.CSharp() {
			continue
		}
		v.scanCSharp(b.Start, b.End)
		v.markBadBlock(b)
	}
}

// regionStartsInBlock guesses, for a run of known lines starting at i
// after unknown ones (a hunk without the whole file), whether it begins
// inside a fenced block: its first fence closes one (no info string, and
// the next fence has one, or the lines before it read as code), or it has
// no fence and its lines read as code.
func (v *View) regionStartsInBlock(i int) bool {
	var fences []int
	var infos []string
	end := i
	for j := i; j <= v.Len() && v.known[j]; j++ {
		end = j
		if _, _, info, ok := fenceOf(v.text[j]); ok {
			fences = append(fences, j)
			infos = append(infos, info)
		}
	}
	upto := end
	if len(fences) > 0 {
		if infos[0] != "" {
			return false
		}
		if len(fences) > 1 && infos[1] != "" {
			return true
		}
		upto = fences[0] - 1
	}
	code, prose := 0, 0
	for j := i; j <= upto; j++ {
		t := strings.TrimSpace(v.text[j])
		switch {
		case t == "":
		case CodeLike(t):
			code++
		default:
			prose++
		}
	}
	return code > 0 && code > prose
}

// CodeLike reports whether a trimmed line reads as C# rather than prose.
func CodeLike(t string) bool {
	if strings.HasPrefix(t, "//") || strings.HasPrefix(t, ".") || strings.HasPrefix(t, "using ") || strings.HasPrefix(t, "var ") {
		return true
	}
	switch t[len(t)-1] {
	case ';', '{', '}', '(', ',', ')':
		return !strings.HasPrefix(t, "- ") && !strings.HasPrefix(t, "* ")
	}
	return false
}

// markBadProse marks prose lines in bad examples: a line with a bad marker,
// the rest of its paragraph until a good marker, and every line under a
// heading with a bad marker until the next heading of the same or a higher
// level.
func (v *View) markBadProse(start int) {
	sectionLevel := 0 // level of the bad heading in force, 0 none
	para := false
	for i := start; i <= v.Len(); i++ {
		if !v.known[i] {
			para = false
			continue
		}
		if v.inBlock[i] != 0 || v.fence[i] {
			continue
		}
		s := v.text[i]
		if strings.TrimSpace(s) == "" {
			para = false
			continue
		}
		if l := HeadingLevel(s); l > 0 {
			para = false
			if sectionLevel != 0 && l <= sectionLevel {
				sectionLevel = 0
			}
			if v.badLine(i) {
				sectionLevel = l
				v.bad[i] = true
			}
			continue
		}
		switch {
		case v.badLine(i):
			v.bad[i] = true
			para = true
		case v.goodLine(i):
			para = false
		default:
			v.bad[i] = para || sectionLevel != 0
		}
	}
	// Fences and whole blocks under a bad heading or paragraph.
	for _, b := range v.blocks {
		if b.Intro != 0 && v.bad[b.Intro] {
			v.bad[b.Open] = true
		}
	}
}

// markBadBlock marks the lines of a C# block that lie in bad examples:
// the block starts bad when its intro line is; a whole-line comment with a
// bad marker makes the following lines bad and one with a good marker good;
// a trailing comment marks its own line.
func (v *View) markBadBlock(b *Block) {
	state := b.Intro != 0 && v.bad[b.Intro]
	byLine := map[int][]Comment{}
	for _, c := range v.comments {
		if c.Line >= b.Start && c.Line <= b.End {
			byLine[c.Line] = append(byLine[c.Line], c)
		}
	}
	for i := b.Start; i <= b.End; i++ {
		cs := byLine[i]
		whole := len(cs) > 0 && cs[0].Whole
		text := ""
		for _, c := range cs {
			text += " " + c.Text
		}
		switch {
		case whole && v.May(i, trigBad) && isBad(text):
			state = true
			v.bad[i] = true
		case whole && v.May(i, trigGood) && isGood(text):
			state = false
		case v.badLine(i):
			v.bad[i] = true
		case v.May(i, trigGood) && isGood(text):
			// A trailing ✅ marks its own line good.
		default:
			v.bad[i] = state
		}
	}
}

// markBadCode marks lines of a .cs file in bad examples: a bad marker on
// the line, or in the run of whole-line comments right above it.
func (v *View) markBadCode() {
	// Per line: 1 when its comments hold a bad marker, 2 a good one; and
	// whether the line is nothing but a comment.
	mark := make([]byte, len(v.text))
	whole := make([]bool, len(v.text))
	texts := map[int]string{}
	for _, c := range v.comments {
		if v.May(c.Line, trigBad|trigGood) {
			texts[c.Line] += " " + c.Text
		}
		whole[c.Line] = c.Whole
	}
	for n, t := range texts {
		switch {
		case v.May(n, trigBad) && isBad(t):
			mark[n] = 1
		case v.May(n, trigGood) && isGood(t):
			mark[n] = 2
		}
	}
	for i := 1; i <= v.Len(); i++ {
		if !v.known[i] {
			continue
		}
		if mark[i] == 1 {
			v.bad[i] = true
			continue
		}
		if whole[i] {
			continue
		}
		for j := i - 1; j >= 1 && v.known[j] && whole[j]; j-- {
			if mark[j] == 1 {
				v.bad[i] = true
				break
			}
			if mark[j] == 2 {
				break
			}
		}
	}
}

// scanCSharp splits lines from..to into code and comments, tracking block
// comments and multi-line (verbatim, raw) strings across lines. An unknown
// line resets the state.
func (v *View) scanCSharp(from, to int) {
	const (
		stCode = iota
		stBlockComment
		stVerbatim
		stRaw
	)
	state := stCode
	rawQuotes := 0
	// cmts is each line's comments, in one buffer the lines share: they
	// are copied to v.comments.
	var cmts []Comment
	for i := from; i <= to && i <= v.Len(); i++ {
		if !v.known[i] {
			state = stCode
			continue
		}
		v.isCode[i] = true
		s := v.text[i]
		// out is the line with its comments blanked, copied from s on the
		// first blank: most lines have no comment.
		var out []byte
		cmts = cmts[:0]
		commentStart := -1
		j := 0
		blank := func(a, b int) {
			if out == nil && a < b && a < len(s) {
				out = []byte(s)
			}
			for k := a; k < b && k < len(out); k++ {
				if out[k] != '\t' {
					out[k] = ' '
				}
			}
		}
		if state == stBlockComment {
			commentStart = 0
		}
		for j < len(s) {
			switch state {
			case stBlockComment:
				e := strings.Index(s[j:], "*/")
				if e < 0 {
					cmts = append(cmts, Comment{Line: i, Col: commentStart + 1, Text: cleanBlockComment(s[commentStart:])})
					blank(commentStart, len(s))
					j = len(s)
					continue
				}
				end := j + e + 2
				cmts = append(cmts, Comment{Line: i, Col: commentStart + 1, Text: cleanBlockComment(s[commentStart:end])})
				blank(commentStart, end)
				j = end
				state = stCode
			case stVerbatim:
				e := strings.IndexByte(s[j:], '"')
				if e < 0 {
					j = len(s)
					continue
				}
				j += e + 1
				if j < len(s) && s[j] == '"' {
					j++
					continue
				}
				state = stCode
			case stRaw:
				q := strings.Repeat(`"`, rawQuotes)
				e := strings.Index(s[j:], q)
				if e < 0 {
					j = len(s)
					continue
				}
				j += e + rawQuotes
				state = stCode
			default:
				c := s[j]
				switch {
				case c == '/' && j+1 < len(s) && s[j+1] == '/':
					doc := j+2 < len(s) && s[j+2] == '/'
					txt := strings.TrimLeft(s[j:], "/")
					cmts = append(cmts, Comment{Line: i, Col: j + 1, Text: strings.TrimSpace(txt), Doc: doc})
					blank(j, len(s))
					j = len(s)
				case c == '/' && j+1 < len(s) && s[j+1] == '*':
					state = stBlockComment
					commentStart = j
					j += 2
				case c == '"' || c == '\'':
					// One lexer for every literal: a raw or verbatim string
					// left open goes on on the next line.
					l := lexAt(s, j)
					switch {
					case l.Closed:
						j = l.Close
					case l.Raw:
						rawQuotes = l.Body - l.Open
						state = stRaw
						j = len(s)
					case l.Verbatim:
						state = stVerbatim
						j = len(s)
					default:
						j = max(l.Close, j+1)
					}
				default:
					// Only a slash or a quote starts anything: skip to
					// the next one (a byte loop: strings.IndexAny builds
					// its byte set on every call).
					j++
					for j < len(s) && s[j] != '/' && s[j] != '"' && s[j] != '\'' {
						j++
					}
				}
			}
		}
		if state == stBlockComment && commentStart >= 0 && j >= len(s) && len(cmts) == 0 {
			// Opened on this line and still open: record what is here.
			cmts = append(cmts, Comment{Line: i, Col: commentStart + 1, Text: cleanBlockComment(s[commentStart:])})
			blank(commentStart, len(s))
		}
		if state == stBlockComment {
			commentStart = 0
		}
		code := s
		if out != nil {
			code = string(out)
		}
		whole := len(cmts) > 0 && strings.TrimSpace(code) == ""
		for k := range cmts {
			cmts[k].Whole = whole
		}
		v.codeText[i] = code
		v.comments = append(v.comments, cmts...)
	}
}

func cleanBlockComment(s string) string {
	s = strings.TrimPrefix(s, "/*")
	s = strings.TrimSuffix(s, "*/")
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "*")
	return strings.TrimSpace(s)
}

// CheckedCode returns the C# code lines code rules report on: added, known,
// and not in a bad example. The slice is shared: do not modify it.
func (v *View) CheckedCode() []SourceLine {
	if v.checked == nil {
		checked := func(n int) bool { return v.isCode[n] && v.added[n] && !v.bad[n] }
		v.checked = make([]SourceLine, 0, countLines(v.Len(), checked))
		for n := 1; n <= v.Len(); n++ {
			if checked(n) {
				v.checked = append(v.checked, v.line(n))
			}
		}
	}
	return v.checked
}

// CheckedProse returns the Markdown prose lines prose rules report on:
// added and not in a bad example. The slice is shared: do not modify it.
func (v *View) CheckedProse() []SourceLine {
	if v.checkedProse == nil {
		checked := func(n int) bool { return v.Prose(n) && v.added[n] && !v.bad[n] }
		v.checkedProse = make([]SourceLine, 0, countLines(v.Len(), checked))
		for n := 1; n <= v.Len(); n++ {
			if checked(n) {
				v.checkedProse = append(v.checkedProse, v.line(n))
			}
		}
	}
	return v.checkedProse
}

// countLines counts the lines 1..n for which keep holds, to size a slice
// of them once.
func countLines(n int, keep func(int) bool) int {
	c := 0
	for i := 1; i <= n; i++ {
		if keep(i) {
			c++
		}
	}
	return c
}

// Literal is a C# string literal on one line.
type Literal struct {
	// Value is the literal's text between its quotes, escapes unresolved.
	Value string
	// Col is the 1-based byte column of the opening quote.
	Col int
	// Interpolated is set for $"..." strings.
	Interpolated bool
}

// Literals returns the string literals that open and close on code line s
// (as View.Code returns it): regular, verbatim, interpolated and raw
// strings, as the one lexer (lexer.go) reads them. A verbatim string's
// doubled quotes are one quote in Value; other escapes are left as written.
func Literals(s string) []Literal {
	var out []Literal
	for _, l := range lexLiterals(s) {
		if l.Char || !l.Closed {
			continue
		}
		val := s[l.Body:l.End]
		if l.Verbatim && !l.Raw {
			val = strings.ReplaceAll(val, `""`, `"`)
		}
		out = append(out, Literal{Value: val, Col: l.Open + 1, Interpolated: l.Interpolated})
	}
	return out
}

// Span is consecutive code lines joined by "\n", with the line number of
// each byte offset recoverable.
type Span struct {
	Text   string
	Starts []int // offset where each line starts
	Lines  []int // line number of each line
}

// LineAt returns the line number holding offset off.
func (s Span) LineAt(off int) int {
	i := sort.SearchInts(s.Starts, off+1) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s.Lines) {
		return 0
	}
	return s.Lines[i]
}

// SpanFrom joins the comment-free code of lines from..from+max-1, stopping
// early at a line that is unknown or not code.
func (v *View) SpanFrom(from, max int) Span {
	var b strings.Builder
	var s Span
	for i := from; i < from+max && v.IsCodeLine(i) && v.Known(i); i++ {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		s.Starts = append(s.Starts, b.Len())
		s.Lines = append(s.Lines, i)
		b.WriteString(v.codeText[i])
	}
	s.Text = b.String()
	return s
}

// CloseParen returns the index of the bracket closing the one at open
// (one of ( [ {), skipping string and char literals; -1 when it does not
// close in s.
func CloseParen(s string, open int) int {
	if open < 0 || open >= len(s) {
		return -1
	}
	closer := map[byte]byte{'(': ')', '[': ']', '{': '}'}
	var stack []byte
	for j := open; j < len(s); j++ {
		c := s[j]
		switch c {
		case '(', '[', '{':
			stack = append(stack, closer[c])
		case ')', ']', '}':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return -1
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return j
			}
		case '"':
			verbatim := j > 0 && (s[j-1] == '@' || (s[j-1] == '$' && j > 1 && s[j-2] == '@'))
			j++
			for j < len(s) {
				if !verbatim && s[j] == '\\' {
					j += 2
					continue
				}
				if s[j] == '"' {
					if verbatim && j+1 < len(s) && s[j+1] == '"' {
						j += 2
						continue
					}
					break
				}
				j++
			}
		case '\'':
			if j+2 < len(s) && s[j+1] == '\\' {
				if e := strings.IndexByte(s[j+3:], '\''); e >= 0 && e < 8 {
					j += 3 + e
				}
			} else if j+2 < len(s) && s[j+2] == '\'' {
				j += 2
			}
		}
	}
	return -1
}

// MethodHeaderRe matches the header of a C# method, constructor or local
// function declaration, up to its opening parenthesis.
var MethodHeaderRe = prefilter.MustCompile(`^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|private|internal|protected|static|async|override|virtual|sealed|unsafe|extern|new)\s+)+[\w<>\[\],.? ]+?\s+\w+\s*(?:<[^>]*>)?\s*\(`)

// LooksLikeHeader is a cheap test before MethodHeaderRe: the line starts
// with an attribute or a modifier.
func LooksLikeHeader(s string) bool {
	t := strings.TrimLeft(s, " \t")
	if strings.HasPrefix(t, "[") {
		return true
	}
	for _, m := range []string{"public", "private", "internal", "protected", "static", "async", "override", "virtual", "sealed", "unsafe", "extern", "new"} {
		if strings.HasPrefix(t, m) && len(t) > len(m) && (t[len(m)] == ' ' || t[len(m)] == '\t') {
			return true
		}
	}
	return false
}

var testAttrRe = prefilter.MustCompile(`\[\s*(?:TestMethod|DataTestMethod|Fact|Theory|Test|TestCase)\b`)

// Scope is a range of lines rules reason about as one unit: a method of a
// .cs file, or a whole C# block of a Markdown file.
type Scope struct {
	Start, End int
	// Header is the method's declaration line (0 for a Markdown block).
	Header int
	// Test is set for a method with a test attribute ([TestMethod],
	// [Fact], ...).
	Test bool
}

// ScopeAt returns the method around line n (C# file) or the C# block
// holding n (Markdown). ok is false when the extent is not fully known.
func (v *View) ScopeAt(n int) (Scope, bool) {
	if v.md {
		b, ok := v.BlockAt(n)
		if !ok || !b.CSharp() {
			return Scope{}, false
		}
		for i := b.Start; i <= b.End; i++ {
			if !v.known[i] {
				return Scope{}, false
			}
		}
		return Scope{Start: b.Start, End: b.End}, true
	}
	if !v.code || !v.Known(n) {
		return Scope{}, false
	}
	for h := n; h >= 1 && v.known[h]; h-- {
		if !v.isHeader(h) {
			continue
		}
		sc, ok := v.scopeOf(h)
		if !ok || n > sc.End {
			return Scope{}, false
		}
		return sc, true
	}
	return Scope{}, false
}

// headerAt reports whether line h of a C# file is a method's declaration
// line, the test ScopeAt walks back with.
func (v *View) headerAt(h int) bool {
	c := v.codeText[h]
	return strings.Contains(c, "(") && LooksLikeHeader(c) && MethodHeaderRe.MatchString(c) && !strings.HasSuffix(strings.TrimSpace(c), ";")
}

// methodAt returns the method whose declaration is line h (see headerAt);
// ok is false when its body does not close within the known code.
func (v *View) methodAt(h int) (Scope, bool) {
	end, ok := v.BlockEnd(h)
	if !ok {
		return Scope{}, false
	}
	sc := Scope{Start: h, End: end, Header: h}
	for a := h - 1; a >= 1 && a >= h-6 && v.known[a]; a-- {
		t := strings.TrimSpace(v.codeText[a])
		if testAttrRe.MatchString(t) {
			sc.Test = true
			break
		}
		if t != "" && !strings.HasPrefix(t, "[") {
			break
		}
	}
	if testAttrRe.MatchString(v.codeText[h]) {
		sc.Test = true
	}
	return sc, true
}

// ScopeSpan returns the comment-free code of a scope.
func (v *View) ScopeSpan(sc Scope) Span {
	return v.SpanFrom(sc.Start, sc.End-sc.Start+1)
}

// BlockEnd returns the line closing the first { at or after line h (a
// method's body), counting braces outside string and char literals; ok is
// false when it does not close within the known code, or when the member
// is an expression body (=> before any {).
func (v *View) BlockEnd(h int) (int, bool) {
	depth := 0
	opened := false
	for i := h; i <= v.Len() && v.known[i] && v.isCode[i]; i++ {
		s := v.codeText[i]
		if !opened && i == h {
			if a, b := strings.Index(s, "=>"), strings.IndexByte(s, '{'); a >= 0 && (b < 0 || a < b) {
				return 0, false
			}
		}
		for j := 0; j < len(s); j++ {
			switch c := s[j]; c {
			case '{':
				depth++
				opened = true
			case '}':
				depth--
				if opened && depth == 0 {
					return i, true
				}
			case '"', '\'':
				if k := SkipLiteral(s, j); k > j {
					j = k
				}
			case ';':
				if !opened && depth == 0 {
					return 0, false // a declaration, not a body
				}
			}
		}
	}
	return 0, false
}

// SkipLiteral returns the index of the last byte of the string or char
// literal starting at s[j], or j when it does not close on the line.
func SkipLiteral(s string, j int) int {
	l := lexAt(s, j)
	if !l.Closed {
		return j
	}
	return l.Close - 1
}

// lower returns line n lower-cased, computed once per view.
func (v *View) lower(n int) string {
	if !v.ok(n) {
		return ""
	}
	l, ok := v.lowered[n]
	if !ok {
		if v.lowered == nil {
			v.lowered = map[int]string{}
		}
		l = strings.ToLower(v.text[n])
		v.lowered[n] = l
	}
	return l
}

// ContainsAny reports whether s holds one of subs.
func ContainsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
