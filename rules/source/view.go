package source

import (
	"bytes"
	"encoding/binary"
	"path"
	"slices"
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
//
// It keeps only the lines it knows: a diff shows a few hunks of a long
// file, and a slot for every line number up to the highest cost several
// times the memory of the lines shown. lines holds them in order, info
// what the view found on each, and at maps a line number to its place.
type View struct {
	path  string
	lines []SourceLine // the known lines, in order
	info  []lineInfo   // info[i] is about lines[i]
	// at[n] is 1 + the index in lines of line n, 0 for a line not known;
	// len(at) is Len()+1.
	at  []int32
	all Triggers // the trigger groups of every known line together

	md, code, test bool

	blocks   []Block        // a Markdown file's fenced blocks
	blanked  []string       // the code of the lines whose comments are blanked (lineInfo.code)
	comments []Comment      // the comments of the C# code, in line order
	lowered  map[int]string // lower-cased text, each line built on first use
	knownTxt *string        // KnownText, built on first use
	// addedLines, checkedProse, checked, codeLines and docLines are
	// AddedLines, CheckedProse, CheckedCode, CodeLines and DocLines, built
	// on first use.
	addedLines, checkedProse, checked, codeLines, docLines []SourceLine
	// methods holds ScopeAt's method extents, found on first use.
	methods map[int]methodExtent
}

// lineInfo is what a view found on one known line.
type lineInfo struct {
	trig Triggers // the trigger groups whose literals the line holds
	// code is 1 + the index in View.blanked of the line's code with its
	// comments blanked, 0 when the code is the text (or not code).
	code  int32
	flags lineFlags
}

// lineFlags are a known line's yes-or-no facts.
type lineFlags uint16

const (
	flagCode     lineFlags = 1 << iota // C# code (IsCodeLine)
	flagBad                            // in a bad example (BadExample)
	flagFence                          // a Markdown fence
	flagFront                          // YAML front matter of Markdown
	flagTested                         // tested for a method header (isHeader)
	flagHeader                         // a method's declaration line
	flagWhole                          // holds nothing but comments
	flagBadMark                        // its comments hold a bad marker (markBadCode)
	flagGoodMark                       // its comments hold a good marker (markBadCode)
	flagInBlock                        // content of a Markdown fenced block
)

// New builds the view of file f: from source, the whole new file, when it
// is given, otherwise from the added and context lines of the hunks (other
// lines are unknown and read as empty).
func New(f *diff.File, source []byte) *View {
	v := &View{}
	if f != nil {
		v.path = f.Path()
	}
	var src string
	nsrc := 0
	if source != nil {
		src = strings.TrimSuffix(string(source), "\n")
		if src != "" || len(source) > 0 {
			nsrc = strings.Count(src, "\n") + 1
		}
	}
	// n is the highest line; count the hunks' new lines, which rise when
	// each is above the one before (as a parsed diff's do).
	n, count, rising := nsrc, 0, true
	if f != nil {
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op == diff.Delete {
					continue
				}
				rising = rising && l.NewLine > n
				n = max(n, l.NewLine)
				count++
			}
		}
	}
	if nsrc == 0 && rising {
		v.fromHunks(f, n, count)
	} else {
		v.index(f, nsrc, n)
		v.fill(f, src, nsrc)
	}
	// The trigger index: one pass of the automaton over every known line.
	a := triggerAutomaton()
	for i := range v.lines {
		m := a.scan(v.lines[i].Text)
		v.info[i].trig = m
		v.all |= m
	}
	v.md = IsMarkdown(v.path)
	v.code = IsCode(v.path)
	v.test = IsTest(v.path)
	if v.md {
		v.scanMarkdown()
	} else if v.code {
		v.scanCSharp(1, n)
		v.markBadCode()
	}
	return v
}

// fill sets the known lines' text and marks: the whole file's first
// (src, of nsrc lines), then the hunks' new sides.
func (v *View) fill(f *diff.File, src string, nsrc int) {
	for i := 1; i <= nsrc; i++ {
		line, rest, _ := strings.Cut(src, "\n")
		src = rest
		l := &v.lines[v.at[i]-1]
		l.Text, l.Known = strings.TrimSuffix(line, "\r"), true
	}
	if f != nil {
		for _, h := range f.Hunks {
			for _, hl := range h.Lines {
				if hl.Op == diff.Delete || hl.NewLine <= 0 {
					continue
				}
				l := &v.lines[v.at[hl.NewLine]-1]
				if !l.Known {
					l.Text, l.Known = hl.Text, true
				}
				if hl.Op == diff.Add {
					l.Added = true
				}
			}
		}
	}
}

// fromHunks builds the lines of a view of f's hunks alone, whose new
// lines (count of them, the highest n) rise: one pass, each line in its
// place.
func (v *View) fromHunks(f *diff.File, n, count int) {
	v.at = make([]int32, n+1)
	v.lines = make([]SourceLine, 0, count)
	v.info = make([]lineInfo, count)
	if f == nil {
		return
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Op != diff.Delete {
				v.lines = append(v.lines, SourceLine{N: l.NewLine, Text: l.Text, Added: l.Op == diff.Add, Known: true})
				v.at[l.NewLine] = int32(len(v.lines))
			}
		}
	}
}

// index sizes the view for lines 1..n, of which 1..nsrc (the whole file)
// and the new side of f's hunks are known: it fills at and numbers lines.
func (v *View) index(f *diff.File, nsrc, n int) {
	v.at = make([]int32, n+1)
	for i := 1; i <= nsrc; i++ {
		v.at[i] = 1
	}
	if f != nil {
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Op != diff.Delete && l.NewLine > 0 {
					v.at[l.NewLine] = 1
				}
			}
		}
	}
	count := int32(0)
	for i, k := range v.at {
		if k != 0 {
			count++
			v.at[i] = count
		}
	}
	v.lines = make([]SourceLine, count)
	v.info = make([]lineInfo, count)
	for i, k := range v.at {
		if k != 0 {
			v.lines[k-1].N = i
		}
	}
}

// Path is the file's path.
func (v *View) Path() string { return v.path }

// Len is the highest line number the view knows.
func (v *View) Len() int { return len(v.at) - 1 }

// slot returns the index in v.lines of line n, -1 when n is not known.
func (v *View) slot(n int) int {
	if uint(n) >= uint(len(v.at)) {
		return -1
	}
	return int(v.at[n]) - 1
}

// has reports whether line n is known and has one of the flags f.
func (v *View) has(n int, f lineFlags) bool {
	i := v.slot(n)
	return i >= 0 && v.info[i].flags&f != 0
}

// set gives known line n the flags f.
func (v *View) set(n int, f lineFlags) {
	if i := v.slot(n); i >= 0 {
		v.info[i].flags |= f
	}
}

// Text returns line n, or "" when it is unknown or out of range.
func (v *View) Text(n int) string {
	if i := v.slot(n); i >= 0 {
		return v.lines[i].Text
	}
	return ""
}

// Known reports whether line n's text is known.
func (v *View) Known(n int) bool { return v.slot(n) >= 0 }

// Added reports whether the change added line n.
func (v *View) Added(n int) bool {
	i := v.slot(n)
	return i >= 0 && v.lines[i].Added
}

// Lines returns every line 1..Len, known or not.
func (v *View) Lines() []SourceLine {
	out := make([]SourceLine, 0, v.Len())
	for n := 1; n <= v.Len(); n++ {
		if i := v.slot(n); i >= 0 {
			out = append(out, v.lines[i])
		} else {
			out = append(out, SourceLine{N: n})
		}
	}
	return out
}

// KnownLines returns the known lines in order. The slice is shared by the
// rules of a pass: do not modify it.
func (v *View) KnownLines() []SourceLine { return v.lines }

// AddedLines returns the lines the change added. The slice is shared by
// the rules of a pass: do not modify it.
func (v *View) AddedLines() []SourceLine {
	if v.addedLines == nil {
		v.addedLines = v.keep(func(i int) bool { return v.lines[i].Added })
	}
	return v.addedLines
}

// keep returns the known lines for whose index keep holds: v.lines itself
// when it holds for all (the slices are read-only), otherwise a slice of
// them sized once.
func (v *View) keep(keep func(i int) bool) []SourceLine {
	c := 0
	for i := range v.lines {
		if keep(i) {
			c++
		}
	}
	if c == len(v.lines) {
		return v.lines
	}
	out := make([]SourceLine, 0, c)
	for i := range v.lines {
		if keep(i) {
			out = append(out, v.lines[i])
		}
	}
	return out
}

// IsMarkdown reports whether the view is of a Markdown file.
func (v *View) IsMarkdown() bool { return v.md }

// IsCode reports whether the view is of a C# source file.
func (v *View) IsCode() bool { return v.code }

// IsTest reports whether the view is of a test file.
func (v *View) IsTest() bool { return v.test }

// Blocks returns a Markdown file's fenced code blocks in order.
func (v *View) Blocks() []Block { return v.blocks }

// BlockAt returns the fenced block whose content holds line n.
func (v *View) BlockAt(n int) (Block, bool) {
	if !v.has(n, flagInBlock) {
		return Block{}, false
	}
	// The blocks are in order and apart: the first to end at or after n
	// holds it.
	return v.blocks[sort.Search(len(v.blocks), func(b int) bool { return v.blocks[b].End >= n })], true
}

// Prose reports whether line n of a Markdown file is prose: known, outside
// fenced blocks, fences and front matter.
func (v *View) Prose(n int) bool {
	i := v.slot(n)
	return v.md && i >= 0 && v.prose(i)
}

// prose is Prose of the line at index i of a Markdown file.
func (v *View) prose(i int) bool {
	return v.info[i].flags&(flagInBlock|flagFence|flagFront) == 0
}

// IsCodeLine reports whether line n is C# code: any known line of a .cs
// file, or a content line of a C# block in Markdown.
func (v *View) IsCodeLine(n int) bool { return v.has(n, flagCode) }

// CodeLines returns the C# code lines (see IsCodeLine) in order. The slice
// is shared by the rules of a pass: do not modify it.
func (v *View) CodeLines() []SourceLine {
	if v.codeLines == nil {
		v.codeLines = v.keep(func(i int) bool { return v.info[i].flags&flagCode != 0 })
	}
	return v.codeLines
}

// Code returns C# code line n with its comments blanked out by spaces (so
// columns stay put) and string literals kept; "" for a line that is not
// code.
func (v *View) Code(n int) string {
	i := v.slot(n)
	if i < 0 || v.info[i].flags&flagCode == 0 {
		return ""
	}
	if c := v.info[i].code; c != 0 {
		return v.blanked[c-1]
	}
	return v.lines[i].Text
}

// Comments returns the comments of the C# code in line order.
func (v *View) Comments() []Comment { return v.comments }

// BadExample reports whether line n lies in an example the document marks
// as bad: a ❌, "Bad", "Anti-pattern", "NEVER" or "Problem:" marker on the
// line itself, on a comment line above it in the same code block (until a
// ✅/"Good" marker), on the prose line introducing the block, or on the
// prose paragraph or heading the line belongs to. Rules never report such
// lines: they quote anti-patterns on purpose. An unknown line is in none.
func (v *View) BadExample(n int) bool { return v.has(n, flagBad) }

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
//
// It reads the path in place: the words it looks for are ASCII, and no
// rune but an ASCII letter lower-cases to an ASCII letter of theirs
// (FuzzIsTest holds it to the split and lower-cased path).
func IsTest(p string) bool {
	for {
		i := strings.IndexAny(p, "/\\")
		if i < 0 {
			break
		}
		s := p[:i]
		p = p[i+1:]
		if foldEq(s, "tests") || foldEq(s, "test") || len(s) >= 5 && foldEq(s[:5], "test.") || prefilter.ContainsFold(s, ".test") {
			return true
		}
	}
	base := strings.TrimSuffix(p, path.Ext(p))
	return strings.HasSuffix(base, "Tests") || strings.HasSuffix(base, "Test") || len(p) >= 8 && foldEq(p[len(p)-8:], "_test.cs")
}

// foldEq reports whether s is the lower-case ASCII w in any ASCII case.
func foldEq(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != w[i] && !('A' <= c && c <= 'Z' && c+'a'-'A' == w[i]) {
			return false
		}
	}
	return true
}

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

// from returns the index in v.lines of the first known line at or after
// line n.
func (v *View) from(n int) int {
	return sort.Search(len(v.lines), func(i int) bool { return v.lines[i].N >= n })
}

// follows reports whether the line at index i comes right after the one
// at index i-1: no unknown line lies between them.
func (v *View) follows(i int) bool {
	return i > 0 && v.lines[i-1].N == v.lines[i].N-1
}

func (v *View) scanMarkdown() {
	start, first := 1, 0 // the first line after the front matter, and its index
	if len(v.lines) > 0 && v.lines[0].N == 1 && strings.TrimSpace(v.lines[0].Text) == "---" {
		for i := 1; i < len(v.lines) && v.follows(i); i++ {
			if t := strings.TrimSpace(v.lines[i].Text); t == "---" || t == "..." {
				for j := 0; j <= i; j++ {
					v.info[j].flags |= flagFront
				}
				start, first = v.lines[i].N+1, i+1
				break
			}
		}
	}
	// Fenced blocks.
	var cur *Block
	var curCh byte
	var curN int
	lastProse := 0
	for k := first; k < len(v.lines); k++ {
		i, s := v.lines[k].N, v.lines[k].Text
		after := !v.follows(k) && i > start // unknown lines lie right above
		if after && cur == nil {
			lastProse = 0
		}
		if cur == nil && after && v.regionStartsInBlock(k) {
			// A hunk that begins inside a fenced block whose opening
			// fence is not in view: a block of unknown language.
			cur = &Block{Start: i, End: i - 1}
			curCh, curN = '`', 3
		}
		if cur != nil {
			if ch, n, info, ok := fenceOf(s); ok && ch == curCh && n >= curN && info == "" {
				cur.Close = i
				cur.End = i - 1
				v.info[k].flags |= flagFence
				v.blocks = append(v.blocks, *cur)
				cur = nil
				continue
			}
			v.info[k].flags |= flagInBlock
			cur.End = i
			continue
		}
		if ch, n, info, ok := fenceOf(s); ok {
			lang := ""
			if fs := strings.Fields(info); len(fs) > 0 {
				lang = strings.Trim(strings.ToLower(fs[0]), "{}.")
			}
			cur = &Block{Lang: lang, Open: i, Start: i + 1, End: i, Intro: lastProse}
			curCh, curN = ch, n
			v.info[k].flags |= flagFence
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
	v.markBadProse(first)
	for bi := range v.blocks {
		b := &v.blocks[bi]
		if !b.CSharp() {
			continue
		}
		before := len(v.comments)
		v.scanCSharp(b.Start, b.End)
		v.markBadBlock(b, v.comments[before:])
	}
}

// regionStartsInBlock guesses, for a run of known lines starting at index
// k after unknown ones (a hunk without the whole file), whether it begins
// inside a fenced block: its first fence closes one (no info string, and
// the next fence has one, or the lines before it read as code), or it has
// no fence and its lines read as code.
func (v *View) regionStartsInBlock(k int) bool {
	var fences []int
	var infos []string
	end := k
	for j := k; j < len(v.lines) && (j == k || v.follows(j)); j++ {
		end = j
		if _, _, info, ok := fenceOf(v.lines[j].Text); ok {
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
	for j := k; j <= upto; j++ {
		t := strings.TrimSpace(v.lines[j].Text)
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

// markBadProse marks prose lines in bad examples, from the line at index
// first on: a line with a bad marker, the rest of its paragraph until a
// good marker, and every line under a heading with a bad marker until the
// next heading of the same or a higher level.
func (v *View) markBadProse(first int) {
	sectionLevel := 0 // level of the bad heading in force, 0 none
	para := false
	for k := first; k < len(v.lines); k++ {
		if k > first && !v.follows(k) {
			para = false
		}
		in := &v.info[k]
		if in.flags&(flagInBlock|flagFence) != 0 {
			continue
		}
		s := v.lines[k].Text
		if strings.TrimSpace(s) == "" {
			para = false
			continue
		}
		if l := HeadingLevel(s); l > 0 {
			para = false
			if sectionLevel != 0 && l <= sectionLevel {
				sectionLevel = 0
			}
			if v.badAt(k) {
				sectionLevel = l
				in.flags |= flagBad
			}
			continue
		}
		switch {
		case v.badAt(k):
			in.flags |= flagBad
			para = true
		case v.goodAt(k):
			para = false
		case para || sectionLevel != 0:
			in.flags |= flagBad
		}
	}
	// Fences and whole blocks under a bad heading or paragraph.
	for _, b := range v.blocks {
		if b.Intro != 0 && v.has(b.Intro, flagBad) {
			v.set(b.Open, flagBad)
		}
	}
}

// commentText is the text the example markers are looked for in, of a
// line's comments cs: their texts, each after a space. The space before
// one text is left out: no marker reads it (FuzzMarkerGuards).
func commentText(cs []Comment) string {
	if len(cs) == 1 {
		return cs[0].Text
	}
	var b strings.Builder
	for _, c := range cs {
		b.WriteByte(' ')
		b.WriteString(c.Text)
	}
	return b.String()
}

// lineComments returns the comments of cs[0]'s line: the first run of cs
// on that line (cs is in line order).
func lineComments(cs []Comment) []Comment {
	e := 1
	for e < len(cs) && cs[e].Line == cs[0].Line {
		e++
	}
	return cs[:e]
}

// markBadBlock marks the lines of a C# block that lie in bad examples:
// the block starts bad when its intro line is; a whole-line comment with a
// bad marker makes the following lines bad and one with a good marker good;
// a trailing comment marks its own line. cs are the block's comments.
func (v *View) markBadBlock(b *Block, cs []Comment) {
	state := b.Intro != 0 && v.has(b.Intro, flagBad)
	for k := v.from(b.Start); k < len(v.lines) && v.lines[k].N <= b.End; k++ {
		i := v.lines[k].N
		for len(cs) > 0 && cs[0].Line < i {
			cs = cs[1:]
		}
		var mine []Comment
		if len(cs) > 0 && cs[0].Line == i {
			mine = lineComments(cs)
		}
		whole := len(mine) > 0 && mine[0].Whole
		trig := v.info[k].trig
		may := func(t Triggers) bool { return trig&(t|trigUnicode) != 0 }
		switch {
		case whole && may(trigBad) && isBad(commentText(mine)):
			state = true
			v.info[k].flags |= flagBad
		case whole && may(trigGood) && isGood(commentText(mine)):
			state = false
		case v.badAt(k):
			v.info[k].flags |= flagBad
		case len(mine) > 0 && may(trigGood) && isGood(commentText(mine)):
			// A trailing ✅ marks its own line good.
		case state:
			v.info[k].flags |= flagBad
		}
	}
}

// markBadCode marks lines of a .cs file in bad examples: a bad marker on
// the line, or in the run of whole-line comments right above it (the
// nearest marker of the run decides).
func (v *View) markBadCode() {
	cs := v.comments
	run := lineFlags(0) // the marker of the run of whole-line comments above
	for k := range v.lines {
		in := &v.info[k]
		if !v.follows(k) {
			run = 0
		}
		var mark lineFlags
		whole := false
		if len(cs) > 0 && cs[0].Line == v.lines[k].N {
			mine := lineComments(cs)
			cs = cs[len(mine):]
			whole = mine[len(mine)-1].Whole
			if in.trig&(trigBad|trigGood|trigUnicode) != 0 {
				t := commentText(mine)
				switch {
				case in.trig&(trigBad|trigUnicode) != 0 && isBad(t):
					mark = flagBadMark
				case in.trig&(trigGood|trigUnicode) != 0 && isGood(t):
					mark = flagGoodMark
				}
			}
		}
		if mark == flagBadMark {
			in.flags |= flagBad
		}
		if whole {
			if mark != 0 {
				run = mark
			}
			continue
		}
		if run == flagBadMark {
			in.flags |= flagBad
		}
		run = 0
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
	// are copied to v.comments. out is the line with its comments
	// blanked, copied from s on the first blank (most lines have no
	// comment), in one buffer the lines share.
	var cmts []Comment
	var out []byte
	k0 := v.from(from)
	// The lines that may hold a comment size the comments and the blanked
	// code, which is kept in one buffer (code) that the lines' strings
	// slice.
	slashes, size, blanked := 0, 0, len(v.blanked)
	for k := k0; k < len(v.lines) && v.lines[k].N <= to; k++ {
		if v.info[k].trig&trigSlash != 0 {
			slashes++
			size += len(v.lines[k].Text)
		}
	}
	v.comments = slices.Grow(v.comments, slashes)
	v.blanked = slices.Grow(v.blanked, slashes)
	var code strings.Builder
	code.Grow(size)
	for k := k0; k < len(v.lines) && v.lines[k].N <= to; k++ {
		if k > k0 && !v.follows(k) {
			state = stCode
		}
		i, s := v.lines[k].N, v.lines[k].Text
		v.info[k].flags |= flagCode
		if state == stCode && v.info[k].trig&(trigSlash|trigQuote) == 0 {
			// Neither a comment nor a literal starts here (the trigger
			// index knows every "//", "/*" and quote): the code is the
			// text.
			continue
		}
		copied := false
		cmts = cmts[:0]
		commentStart := -1
		j := 0
		blank := func(a, b int) {
			if !copied && a < b && a < len(s) {
				out = append(out[:0], s...)
				copied = true
			}
			if !copied {
				return
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
					// the next one (a byte loop over a table:
					// strings.IndexAny builds its byte set on every call).
					j++
					for j < len(s) && !csharpStops[s[j]] {
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
		if copied {
			code.Write(out)
			v.blanked = append(v.blanked, "") // set below, from code
			v.info[k].code = int32(len(v.blanked))
		}
		if len(cmts) > 0 && (copied && isBlank(out) || !copied && strings.TrimSpace(s) == "") {
			for c := range cmts {
				cmts[c].Whole = true
			}
		}
		v.comments = append(v.comments, cmts...)
	}
	// Each blanked line is as long as its text.
	all, off := code.String(), 0
	for k := k0; blanked < len(v.blanked); k++ {
		if c := int(v.info[k].code); c > blanked {
			n := len(v.lines[k].Text)
			v.blanked[c-1] = all[off : off+n]
			off += n
			blanked = c
		}
	}
}

// isBlank reports whether b is white space alone, as
// strings.TrimSpace(string(b)) == "" does: a line of code gives up at its
// first byte after the indentation.
func isBlank(b []byte) bool {
	// A comment is blanked to spaces: pass over them eight at a time.
	for len(b) >= 8 && binary.LittleEndian.Uint64(b) == 0x2020202020202020 {
		b = b[8:]
	}
	for _, c := range b {
		switch {
		case c == ' ' || c == '\t':
		case c >= 0x80 || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return len(bytes.TrimSpace(b)) == 0
		default:
			return false
		}
	}
	return true
}

// csharpStops are the bytes that start a comment or a literal in C#.
var csharpStops = [256]bool{'/': true, '"': true, '\'': true}

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
		v.checked = v.keep(func(i int) bool {
			return v.lines[i].Added && v.info[i].flags&(flagCode|flagBad) == flagCode
		})
	}
	return v.checked
}

// CheckedProse returns the Markdown prose lines prose rules report on:
// added and not in a bad example. The slice is shared: do not modify it.
func (v *View) CheckedProse() []SourceLine {
	if v.checkedProse == nil {
		v.checkedProse = v.keep(func(i int) bool {
			return v.md && v.prose(i) && v.lines[i].Added && v.info[i].flags&flagBad == 0
		})
	}
	return v.checkedProse
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
	// Sized once: the lines, then their bytes.
	end, size := from, 0
	for ; end < from+max && v.IsCodeLine(end); end++ {
		size += len(v.Code(end)) + 1
	}
	if end == from {
		return Span{}
	}
	var b strings.Builder
	b.Grow(size - 1)
	s := Span{Starts: make([]int, 0, end-from), Lines: make([]int, 0, end-from)}
	for i := from; i < end; i++ {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		s.Starts = append(s.Starts, b.Len())
		s.Lines = append(s.Lines, i)
		b.WriteString(v.Code(i))
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
			if !v.Known(i) {
				return Scope{}, false
			}
		}
		return Scope{Start: b.Start, End: b.End}, true
	}
	if !v.code || !v.Known(n) {
		return Scope{}, false
	}
	for h := n; v.Known(h); h-- {
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
	c := v.Code(h)
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
	for a := h - 1; a >= h-6 && v.Known(a); a-- {
		t := strings.TrimSpace(v.Code(a))
		if testAttrRe.MatchString(t) {
			sc.Test = true
			break
		}
		if t != "" && !strings.HasPrefix(t, "[") {
			break
		}
	}
	if testAttrRe.MatchString(v.Code(h)) {
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
	for i := h; v.IsCodeLine(i); i++ {
		s := v.Code(i)
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
	if !v.Known(n) {
		return ""
	}
	l, ok := v.lowered[n]
	if !ok {
		if v.lowered == nil {
			v.lowered = map[int]string{}
		}
		l = strings.ToLower(v.Text(n))
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
