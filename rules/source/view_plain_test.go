package source

// This file is the view as it was before it kept only the known lines
// (one slot per line number up to the highest, in a dozen arrays): the
// reference FuzzViewIndex holds the compact view to. It is that code
// with View renamed plainView and New newPlain (and countLines, which only
// it uses now), nothing else changed.

import (
	"strings"

	"github.com/reviewbot/reviewbot/diff"
)

type plainView struct {
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
	lowered  map[int]string  // lower-cased text, each line built on first use
	trig     *plainTrigIndex // the trigger index, built on first use
	knownTxt *string         // KnownText, built on first use
	// addedLines and checkedProse are AddedLines and CheckedProse, built
	// on first use.
	addedLines, checkedProse []SourceLine
	checked                  []SourceLine // CheckedCode, built on first use
	codeLines                []SourceLine // CodeLines, built on first use
	docLines                 []SourceLine // DocLines, built on first use
	methods                  *plainMemo   // ScopeAt's method headers and extents, found on first use
}

func newPlain(f *diff.File, source []byte) *plainView {
	v := &plainView{}
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

func (v *plainView) Path() string { return v.path }

func (v *plainView) Len() int { return len(v.text) - 1 }

func (v *plainView) ok(n int) bool { return n >= 1 && n < len(v.text) }

func (v *plainView) Text(n int) string {
	if !v.ok(n) {
		return ""
	}
	return v.text[n]
}

func (v *plainView) Known(n int) bool { return v.ok(n) && v.known[n] }

func (v *plainView) Added(n int) bool { return v.ok(n) && v.added[n] }

func (v *plainView) Lines() []SourceLine {
	out := make([]SourceLine, 0, v.Len())
	for n := 1; n <= v.Len(); n++ {
		out = append(out, v.line(n))
	}
	return out
}

func (v *plainView) AddedLines() []SourceLine {
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

func (v *plainView) line(n int) SourceLine {
	return SourceLine{N: n, Text: v.text[n], Added: v.added[n], Known: v.known[n]}
}

func (v *plainView) IsMarkdown() bool { return v.md }

func (v *plainView) IsCode() bool { return v.code }

func (v *plainView) IsTest() bool { return IsTest(v.path) }

func (v *plainView) Blocks() []Block { return v.blocks }

func (v *plainView) BlockAt(n int) (Block, bool) {
	if !v.ok(n) || !v.md || v.inBlock[n] == 0 {
		return Block{}, false
	}
	return v.blocks[v.inBlock[n]-1], true
}

func (v *plainView) Prose(n int) bool {
	return v.md && v.ok(n) && v.known[n] && v.inBlock[n] == 0 && !v.fence[n] && !v.front[n]
}

func (v *plainView) IsCodeLine(n int) bool { return v.ok(n) && v.isCode[n] }

func (v *plainView) CodeLines() []SourceLine {
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

func (v *plainView) Code(n int) string {
	if !v.ok(n) {
		return ""
	}
	return v.codeText[n]
}

func (v *plainView) Comments() []Comment { return v.comments }

func (v *plainView) BadExample(n int) bool { return v.ok(n) && v.bad[n] }

func (v *plainView) scanMarkdown() {
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

func (v *plainView) regionStartsInBlock(i int) bool {
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

func (v *plainView) markBadProse(start int) {
	sectionLevel := 0
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

	for _, b := range v.blocks {
		if b.Intro != 0 && v.bad[b.Intro] {
			v.bad[b.Open] = true
		}
	}
}

func (v *plainView) markBadBlock(b *Block) {
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

		default:
			v.bad[i] = state
		}
	}
}

func (v *plainView) markBadCode() {

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

func (v *plainView) scanCSharp(from, to int) {
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

					j++
					for j < len(s) && s[j] != '/' && s[j] != '"' && s[j] != '\'' {
						j++
					}
				}
			}
		}
		if state == stBlockComment && commentStart >= 0 && j >= len(s) && len(cmts) == 0 {

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

func (v *plainView) CheckedCode() []SourceLine {
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

func (v *plainView) CheckedProse() []SourceLine {
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

func (v *plainView) SpanFrom(from, max int) Span {
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

func (v *plainView) ScopeAt(n int) (Scope, bool) {
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

func (v *plainView) headerAt(h int) bool {
	c := v.codeText[h]
	return strings.Contains(c, "(") && LooksLikeHeader(c) && MethodHeaderRe.MatchString(c) && !strings.HasSuffix(strings.TrimSpace(c), ";")
}

func (v *plainView) methodAt(h int) (Scope, bool) {
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

func (v *plainView) ScopeSpan(sc Scope) Span {
	return v.SpanFrom(sc.Start, sc.End-sc.Start+1)
}

func (v *plainView) BlockEnd(h int) (int, bool) {
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
					return 0, false
				}
			}
		}
	}
	return 0, false
}

func (v *plainView) lower(n int) string {
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

type plainMemo struct {
	// header is 0 when line h is not tested yet, 1 when it is a method's
	// declaration line (headerAt), 2 when it is not.
	header []uint8
	// method is methodAt of each declaration line tested so far.
	method map[int]plainExtent
}

type plainExtent struct {
	sc Scope
	ok bool
}

func (v *plainView) plainMemo() *plainMemo {
	if v.methods == nil {
		v.methods = &plainMemo{header: make([]uint8, len(v.text)), method: map[int]plainExtent{}}
	}
	return v.methods
}

func (v *plainView) isHeader(h int) bool {
	m := v.plainMemo()
	if m.header[h] == 0 {
		m.header[h] = 2
		if v.headerAt(h) {
			m.header[h] = 1
		}
	}
	return m.header[h] == 1
}

func (v *plainView) scopeOf(h int) (Scope, bool) {
	m := v.plainMemo()
	e, done := m.method[h]
	if !done {
		e.sc, e.ok = v.methodAt(h)
		m.method[h] = e
	}
	return e.sc, e.ok
}

type plainTrigIndex struct {
	line []Triggers
	all  Triggers
}

func (v *plainView) triggers() *plainTrigIndex {
	if v.trig == nil {
		ix := &plainTrigIndex{line: make([]Triggers, len(v.text))}
		for n, t := range v.text {
			if v.known[n] && t != "" {
				m := triggerAutomaton().scan(t)
				ix.line[n] = m
				ix.all |= m
			}
		}
		v.trig = ix
	}
	return v.trig
}

func (v *plainView) May(n int, t Triggers) bool {
	return v.ok(n) && v.triggers().line[n]&(t|trigUnicode) != 0
}

func (v *plainView) HasFold(n int, t Triggers) bool {
	if !v.ok(n) {
		return false
	}
	m := v.triggers().line[n]
	if m&trigUnicode != 0 {
		return ContainsAny(v.lower(n), groupLiterals(t)...)
	}
	return m&t != 0
}

func (v *plainView) MayHold(t Triggers) bool {
	return t == 0 || v.triggers().all&(t|trigUnicode) != 0
}

func (v *plainView) badLine(n int) bool {
	return v.ok(n) && v.triggers().line[n]&trigBad != 0 && isBadMarked(v.text[n])
}

func (v *plainView) goodLine(n int) bool {
	return v.ok(n) && v.triggers().line[n]&trigGood != 0 && isGoodMarked(v.text[n])
}

func (v *plainView) FileHas(t Triggers) bool { return v.triggers().all&t != 0 }

func (v *plainView) LinesHave(from, to int, t Triggers) bool {
	ix := v.triggers()
	for n := max(from, 1); n <= to && n < len(ix.line); n++ {
		if ix.line[n]&t != 0 {
			return true
		}
	}
	return false
}

func (v *plainView) DocLines() []SourceLine {
	if v.docLines == nil {
		v.docLines = v.buildDocLines()
	}
	return v.docLines
}

func (v *plainView) buildDocLines() []SourceLine {
	out := []SourceLine{}
	for _, l := range v.Lines() {
		if l.Known && !v.BadExample(l.N) {
			if v.Prose(l.N) {
				l.Text = HTMLComment.ReplaceAllString(l.Text, "")
			}
			out = append(out, l)
		}
	}
	return out
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
