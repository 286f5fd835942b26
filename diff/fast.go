package diff

import "strings"

// fastParse parses the common case, a well-formed git diff of text hunks,
// without go-gitdiff: it cuts every line's text out of text itself (no copy
// a line) and puts the lines of all files in one array. It reads text (LF
// line ends, see parseText) as go-gitdiff and the line checks of
// lineReader do, and declines a file on anything it does not read exactly
// as they do: quoted or unclean names, binary files, header lines it does
// not know, hunk headers with anything but plain numbers, miscounted or
// empty hunks, hunks that the line checks refuse, text after a hunk that
// has a line starting with '+', '-', '@' or '\\' (skipText).
//
// With pieces set, a declined file, from its "diff --git" line to the
// next, is parsed alone by go-gitdiff (parsePiece), which gives what it
// gives in the whole diff; without, and when that piece is unusual too
// (an error, say), or when the text does not end in a newline or has a
// "@@ -" line before its first "diff --git" (go-gitdiff's error, or a
// traditional file), fastParse declines the whole (ok false). The caller
// then parses the text with go-gitdiff (parseText), which gives the same
// files or the error, with its line number. FuzzFastParse holds both modes
// to parseText; TestFastParseCorpus checks that the real diffs take the
// fast path without pieces.
//
// go-gitdiff is kept as the oracle and for everything else; the reason for
// the second parser is measured in docs/benchmarks.md.
func fastParse(text string, pieces bool) ([]*File, bool) {
	if text == "" || text[len(text)-1] != '\n' {
		return nil, false
	}
	pos := 0
	if !strings.HasPrefix(text, "diff --git ") {
		i := strings.Index(text, "\ndiff --git ")
		if i < 0 {
			return nil, false
		}
		pos = i + 1
		// go-gitdiff reads a "@@ -" line before any file as an error (or
		// skips it), and a traditional file header ("--- ", "+++ ") needs
		// one right after it.
		pre := text[:pos]
		if strings.HasPrefix(pre, "@@ -") || strings.Contains(pre, "\n@@ -") {
			return nil, false
		}
	}
	// Every line of a hunk is a line of text after pos, so that the one
	// array of lines never grows (strings.Count of a byte is fast; of
	// "\n@@ -" it is not). A file's hunks are collected in scratch, then
	// copied into an array of their own.
	lines := make([]Line, 0, strings.Count(text[pos:], "\n"))
	var files []*File
	var scratch []Hunk
	p := fastParser{text: text, pos: pos}
	for p.pos < len(p.text) {
		start, mark := p.pos, len(lines)
		if f, ok := p.file(&lines, &scratch); ok {
			files = append(files, f)
			continue
		}
		if !pieces {
			return nil, false
		}
		// No line of the declined file was handed out: its room is reused.
		lines = lines[:mark]
		end := len(text)
		if i := strings.Index(text[start:], "\ndiff --git "); i >= 0 {
			end = start + i + 1
		}
		got, ok := parsePiece(text[start:end])
		if !ok {
			return nil, false
		}
		files = append(files, got...)
		p.pos = end
	}
	return files, true
}

// fastParser reads text line by line from pos.
type fastParser struct {
	text string
	pos  int
}

// peek returns the line at pos without its '\n' (the last line of a
// GitHub patch has none), or "", false at the end.
func (p *fastParser) peek() (string, bool) {
	if p.pos >= len(p.text) {
		return "", false
	}
	rest := p.text[p.pos:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		return rest[:i], true
	}
	return rest, true
}

// next moves past a line of length n that peek returned (and past the end
// of text for a last line without '\n').
func (p *fastParser) next(n int) { p.pos += n + 1 }

// isNoNewline is go-gitdiff's isNoNewlineMarker for the line l that peek
// returned at pos: "\ No newline at end of file" in any language, at
// least 12 bytes with its '\n'.
func (p *fastParser) isNoNewline(l string) bool {
	n := len(l)
	if p.pos+n < len(p.text) {
		n++ // its '\n'
	}
	return n >= 12 && l[0] == '\\' && l[1] == ' '
}

// gitFile is what go-gitdiff's file header parse sets.
type gitFile struct {
	oldName, newName                  string
	isNew, isDelete, isRename, isCopy bool
	oldMode, newMode                  uint32
}

// file reads one file, from its "diff --git" line to the next one or the
// end, appending its lines to lines. scratch is room for its hunks, kept
// from file to file.
func (p *fastParser) file(lines *[]Line, scratch *[]Hunk) (*File, bool) {
	head, _ := p.peek()
	header, ok := strings.CutPrefix(head, "diff --git ")
	if !ok || strings.IndexByte(header, '"') >= 0 {
		return nil, false
	}
	p.next(len(head))
	defaultName := gitHeaderName(header)
	var g gitFile
	for {
		l, more := p.peek()
		if !more {
			break
		}
		end, ok := g.headerLine(l, defaultName)
		if !ok {
			return nil, false
		}
		if end {
			break
		}
		p.next(len(l))
	}
	if g.oldName == "" && g.newName == "" {
		if defaultName == "" {
			return nil, false
		}
		g.oldName, g.newName = defaultName, defaultName
	}
	if g.newName == "" && !g.isDelete || g.oldName == "" && !g.isNew {
		return nil, false
	}
	f := &File{OldPath: g.oldName, NewPath: g.newName, OldMode: g.oldMode, NewMode: g.newMode}
	setStatus(f, g.isNew, g.isDelete, g.isRename, g.isCopy)
	if missingPath(f) {
		return nil, false
	}
	hunks := (*scratch)[:0]
	var lastOld, lastNew int64
	for {
		l, more := p.peek()
		if !more {
			break
		}
		if strings.HasPrefix(l, "diff --git ") {
			break
		}
		if !strings.HasPrefix(l, "@@ -") {
			// Text after the hunks (the next commit's header in `git log
			// -p`) up to the next file is skipped, as go-gitdiff skips it,
			// if no line of it could be anything to go-gitdiff or the line
			// checks. Binary files, an email signature, a file with no
			// hunks: go-gitdiff's to read.
			if len(hunks) == 0 || !p.skipText() {
				return nil, false
			}
			break
		}
		p.next(len(l))
		h, ok := p.hunk(l, &g, &lastOld, &lastNew, lines)
		if !ok {
			return nil, false
		}
		hunks = append(hunks, h)
	}
	if len(hunks) > 0 {
		f.Hunks = append([]Hunk(nil), hunks...)
	}
	*scratch = hunks
	return f, true
}

// skipText moves past the lines up to the next "diff --git" line or the
// end, and reports whether they are plain text to go-gitdiff and the line
// checks (after a hunk): no line starts with '+' or '-' (a hunk that
// undercounts, a traditional file header), '@' (a hunk without a file) or
// '\\'.
func (p *fastParser) skipText() bool {
	for {
		l, more := p.peek()
		if !more || strings.HasPrefix(l, "diff --git ") {
			return true
		}
		if l != "" && (l[0] == '+' || l[0] == '-' || l[0] == '@' || l[0] == '\\') {
			return false
		}
		p.next(len(l))
	}
}

// headerLine reads one line after "diff --git" as go-gitdiff's
// parseGitHeaderData does: end says it ends the header (and is not part of
// it), ok false that go-gitdiff would refuse it or read it otherwise than
// here.
func (g *gitFile) headerLine(l, defaultName string) (end, ok bool) {
	switch {
	case strings.HasPrefix(l, "@@ -"):
		return true, true
	case strings.HasPrefix(l, "--- "):
		name, ok := headerPath(l[len("--- "):])
		if !ok {
			return false, false
		}
		if g.oldName == "" && !g.isNew {
			g.oldName = name
			return false, true
		}
		return false, sameName(name, g.oldName, g.isNew)
	case strings.HasPrefix(l, "+++ "):
		name, ok := headerPath(l[len("+++ "):])
		if !ok {
			return false, false
		}
		if g.newName == "" && !g.isDelete {
			g.newName = name
			return false, true
		}
		return false, sameName(name, g.newName, g.isDelete)
	case strings.HasPrefix(l, "old mode "):
		g.oldMode, ok = fileMode(l[len("old mode "):])
		return false, ok
	case strings.HasPrefix(l, "new mode "):
		g.newMode, ok = fileMode(l[len("new mode "):])
		return false, ok
	case strings.HasPrefix(l, "deleted file mode "):
		g.isDelete, g.oldName = true, defaultName
		g.oldMode, ok = fileMode(l[len("deleted file mode "):])
		return false, ok
	case strings.HasPrefix(l, "new file mode "):
		g.isNew, g.newName = true, defaultName
		g.newMode, ok = fileMode(l[len("new file mode "):])
		return false, ok
	case strings.HasPrefix(l, "copy from "):
		g.isCopy = true
		g.oldName, ok = plainName(l[len("copy from "):])
		return false, ok
	case strings.HasPrefix(l, "copy to "):
		g.isCopy = true
		g.newName, ok = plainName(l[len("copy to "):])
		return false, ok
	case strings.HasPrefix(l, "rename old "):
		g.isRename = true
		g.oldName, ok = plainName(l[len("rename old "):])
		return false, ok
	case strings.HasPrefix(l, "rename new "):
		g.isRename = true
		g.newName, ok = plainName(l[len("rename new "):])
		return false, ok
	case strings.HasPrefix(l, "rename from "):
		g.isRename = true
		g.oldName, ok = plainName(l[len("rename from "):])
		return false, ok
	case strings.HasPrefix(l, "rename to "):
		g.isRename = true
		g.newName, ok = plainName(l[len("rename to "):])
		return false, ok
	case strings.HasPrefix(l, "similarity index "):
		return false, score(l[len("similarity index "):])
	case strings.HasPrefix(l, "dissimilarity index "):
		return false, score(l[len("dissimilarity index "):])
	case strings.HasPrefix(l, "index "):
		oids, mode, hasMode := strings.Cut(l[len("index "):], " ")
		if !strings.Contains(oids, "..") {
			return false, false
		}
		if hasMode {
			g.oldMode, ok = fileMode(mode)
			return false, ok
		}
		return false, true
	}
	// Any other line ends the header; only a "diff --git" line (the next
	// file) may follow a header without hunks, which file checks.
	return true, true
}

// gitHeaderName is go-gitdiff's parseGitHeaderName for a header without
// quotes: the name both halves of "a/x b/x" give, or "" when none does (a
// rename).
func gitHeaderName(header string) string {
	first := trimTreePrefix(header)
	for i := 0; i < len(first)-1; i++ {
		if c := first[i]; c != ' ' && c != '\t' && c != '\n' {
			continue
		}
		if name := first[:i]; name == trimTreePrefix(first[i+1:]) {
			return name
		}
	}
	return ""
}

// trimTreePrefix drops the first path component ("a/"), as go-gitdiff's
// trimTreePrefix(name, 1) does.
func trimTreePrefix(name string) string {
	if i := strings.IndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return ""
}

// headerPath is the name of a "--- " or "+++ " line as go-gitdiff's
// parseName(s, '\t', 1) gives it ("/dev/null", or the name without its
// first component), with ok false where that would differ or fail: a
// quoted or empty name, a "//", a name that is empty once cleaned.
func headerPath(s string) (string, bool) {
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	if s == "" || s[0] == '"' {
		return "", false
	}
	if s == "/dev/null" {
		return s, true
	}
	if strings.Contains(s, "//") {
		return "", false
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	return s, s != ""
}

// plainName is a "rename from" or "copy to" name as go-gitdiff's
// parseName(s, 0, 0) gives it, ok false where that would differ or fail.
func plainName(s string) (string, bool) {
	if s == "" || s[0] == '"' || s != "/dev/null" && strings.Contains(s, "//") {
		return "", false
	}
	return s, true
}

// sameName is go-gitdiff's verifyGitHeaderName: a second name for a side
// must match the first, and a new file's old side (a removed file's new
// side) must be /dev/null.
func sameName(parsed, existing string, isNull bool) bool {
	if existing != "" && (isNull || existing != parsed) {
		return false
	}
	return !isNull || parsed == "/dev/null"
}

// fileMode reads an octal git file mode; ok false for anything but 1 to
// 8 octal digits (go-gitdiff also takes spaces around it and signs).
func fileMode(s string) (uint32, bool) {
	if s == "" || len(s) > 8 {
		return 0, false
	}
	var m uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '7' {
			return 0, false
		}
		m = m<<3 | uint32(c-'0')
	}
	return m, true
}

// score checks a similarity score: 1 to 3 digits and an optional '%'.
func score(s string) bool {
	s = strings.TrimSuffix(s, "%")
	_, ok := decimal(s, 3)
	return ok
}

// decimal reads 1 to maxDigits decimal digits with no sign, and no leading
// zero but in "0".
func decimal(s string, maxDigits int) (int64, bool) {
	if s == "" || len(s) > maxDigits || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// fastRange reads "a,b" or "a" (b is then 1) of a hunk header.
func fastRange(s string) (start, n int64, ok bool) {
	a, c, found := strings.Cut(s, ",")
	// maxLine has 10 digits; a number of 10 digits may still pass it.
	if start, ok = decimal(a, 10); !ok {
		return 0, 0, false
	}
	n = 1
	if found {
		if n, ok = decimal(c, 10); !ok {
			return 0, 0, false
		}
	}
	return start, n, start <= maxLine && n <= maxLine
}

// hunk reads the hunk whose "@@ -" header is hl (already read), with
// go-gitdiff's ParseTextFragmentHeader and ParseTextChunk and lineReader's
// checks, appending its lines to lines.
func (p *fastParser) hunk(hl string, g *gitFile, lastOld, lastNew *int64, lines *[]Line) (Hunk, bool) {
	// go-gitdiff cuts at the first " @@"; its comment is the rest, trimmed.
	i := strings.Index(hl, " @@")
	if i < 0 {
		return Hunk{}, false
	}
	oldRange, newRange, found := strings.Cut(hl[len("@@ -"):i], " +")
	if !found {
		return Hunk{}, false
	}
	oldStart, oldN, ok1 := fastRange(oldRange)
	newStart, newN, ok2 := fastRange(newRange)
	if !ok1 || !ok2 {
		return Hunk{}, false
	}
	// lineReader's checkHunk: numbers positive and increasing in a file.
	for _, s := range [2]struct {
		start, n int64
		last     *int64
	}{{oldStart, oldN, lastOld}, {newStart, newN, lastNew}} {
		if s.n > 0 {
			if s.start == 0 || s.start <= *s.last {
				return Hunk{}, false
			}
			*s.last = s.start + s.n - 1
		}
	}
	if g.isNew && oldN > 0 || g.isDelete && newN > 0 || oldN == 0 && newN == 0 {
		return Hunk{}, false
	}
	h := Hunk{
		OldStart: int(oldStart), OldLines: int(oldN),
		NewStart: int(newStart), NewLines: int(newN),
		Section: strings.TrimSpace(hl[i+len(" @@"):]),
	}
	ls := *lines
	from := len(ls)
	changed := false
	oldNo, newNo := h.OldStart, h.NewStart
	leftOld, leftNew := oldN, newN
	text, pos := p.text, p.pos
	for leftOld > 0 || leftNew > 0 {
		if pos >= len(text) {
			return Hunk{}, false
		}
		l := text[pos:]
		if i := strings.IndexByte(l, '\n'); i >= 0 {
			l = l[:i]
		}
		n := len(l)
		if l == "" {
			// An empty line is an empty context line (GNU diff).
			l = " "
		}
		switch l[0] {
		case ' ':
			ls = append(ls, Line{Op: Context, Text: l[1:], OldLine: oldNo, NewLine: newNo})
			oldNo++
			newNo++
			leftOld--
			leftNew--
		case '-':
			ls = append(ls, Line{Op: Delete, Text: l[1:], OldLine: oldNo})
			oldNo++
			leftOld--
			changed = true
		case '+':
			ls = append(ls, Line{Op: Add, Text: l[1:], NewLine: newNo})
			newNo++
			leftNew--
			changed = true
		default:
			p.pos = pos
			if !p.isNoNewline(l) {
				return Hunk{}, false
			}
		}
		pos += n + 1
		if leftOld < 0 || leftNew < 0 {
			return Hunk{}, false
		}
	}
	p.pos = pos
	*lines = ls
	if !changed {
		return Hunk{}, false
	}
	// One "\ No newline" right after the hunk is the hunk's.
	if l, more := p.peek(); more && p.isNoNewline(l) {
		p.next(len(l))
	}
	n := len(ls)
	h.Lines = ls[from:n:n]
	return h, true
}

// fastPatch parses a GitHub patch (hunks only, see parseHunks) as
// gitdiffHunks does, without go-gitdiff, or declines (ok false): then
// gitdiffHunks parses it, and gives the same hunks or the error. It reads the
// patch as lineReader hands it to go-gitdiff in strict mode: CRLFs become
// LFs, one CR that ends the last line goes, and every line is part of a
// hunk (or one "\ No newline" after it). The hunks' lines share one array.
// FuzzFastPatch holds it to gitdiffHunks; TestFastPatchCorpus checks that
// the corpus files' patches take it.
func fastPatch(patch string) ([]Hunk, bool) {
	text := crlfToLF(patch)
	if !strings.HasSuffix(text, "\n") {
		text = strings.TrimSuffix(text, "\r")
	}
	if !strings.HasPrefix(text, "@@ -") {
		return nil, false
	}
	lines := make([]Line, 0, strings.Count(text, "\n")+1)
	var hunks []Hunk
	var g gitFile
	var lastOld, lastNew int64
	p := fastParser{text: text}
	for p.pos < len(p.text) {
		l, _ := p.peek()
		if !strings.HasPrefix(l, "@@ -") {
			return nil, false
		}
		p.next(len(l))
		h, ok := p.hunk(l, &g, &lastOld, &lastNew, &lines)
		if !ok {
			return nil, false
		}
		hunks = append(hunks, h)
	}
	return hunks, true
}
