package diff

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// errNoDiff is returned for input that holds text but no diff at all.
var errNoDiff = errors.New("input holds no unified diff (expected 'diff --git' or '---'/'+++' headers)")

// Parse reads a unified diff, as written by `git diff`, `git show` or
// `diff -u`, and returns its files in input order. Input in UTF-8 with a
// byte order mark, or in UTF-16 with one (what Windows PowerShell 5.1's `>`
// writes), is read as UTF-8.
//
// Paths lose git's a/ and b/ prefixes, and git's C-quoted names are
// unquoted. Text before the first file (a commit header, an email) and
// between files is ignored, but a +/- line right after a hunk is an error
// (the hunk header undercounts), as are hunks that overlap or go backwards.
// An empty input gives no files and no error; input that holds text but no
// diff, or a diff that does not parse, gives an error that names the
// input line ("diff: line 12: ...").
//
// A diff in the traditional form (no "diff --git" line) keeps only one name
// per file, so a rename there reads as a modification of the new name.
//
// The files of a git diff are read by fastParse where they are plain text
// hunks, and by github.com/bluekeyes/go-gitdiff otherwise; both give the
// same files, and every error is go-gitdiff's or the line checks'.
func Parse(r io.Reader) ([]*File, error) {
	text, err := readText(r)
	if err != nil {
		return nil, err
	}
	if files, ok := fastParse(text, true); ok {
		return files, nil
	}
	return parseText(text)
}

// readText reads r whole as UTF-8 text with LF line ends (toUTF8, then
// crlfToLF). Lines are cut from the one string it returns, so that line
// texts share it instead of costing an allocation each. Input in UTF-8,
// nearly all of it, is copied once: into a buffer of r's size when r says
// it (sizeHint), its CRLFs turned into LFs on the way in, with no second
// copy for crlfToLF; FuzzReadText holds it to toUTF8 and crlfToLF on the
// whole.
func readText(r io.Reader) (string, error) {
	var b strings.Builder
	if n := sizeHint(r); n > 0 {
		b.Grow(n)
	}
	buf := make([]byte, 32<<10)
	// The first four bytes say the encoding (toUTF8).
	n, err := io.ReadAtLeast(r, buf, 4)
	head := buf[:n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("diff: read input: %w", err)
	}
	// Only the first four bytes: string(head) would copy all of them.
	if s := string(head[:min(len(head), 4)]); strings.HasPrefix(s, "\xFF\xFE") || strings.HasPrefix(s, "\xFE\xFF") || looksUTF16(s) {
		// UTF-16, or its refusal: the whole as it is.
		b.Write(head)
		if _, err := io.CopyBuffer(&b, r, buf); err != nil {
			return "", fmt.Errorf("diff: read input: %w", err)
		}
		text, err := toUTF8(b.String())
		if err != nil {
			return "", fmt.Errorf("diff: %w", err)
		}
		return crlfToLF(text), nil
	}
	// A CR is dropped when an LF follows it, which may be in the next
	// read: a CR that ends a read waits in cr.
	cr := false
	for {
		if len(head) > 0 {
			if cr && head[0] != '\n' {
				b.WriteByte('\r')
			}
			cr = head[len(head)-1] == '\r'
			if cr {
				head = head[:len(head)-1]
			}
			for {
				i := bytes.Index(head, crlf)
				if i < 0 {
					break
				}
				b.Write(head[:i])
				head = head[i+1:]
			}
			b.Write(head)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("diff: read input: %w", err)
		}
		n, err = r.Read(buf)
		head = buf[:n]
	}
	if cr {
		b.WriteByte('\r')
	}
	// The first bytes said UTF-8: only its byte order mark goes. The CRs
	// dropped are each before an LF, so the text keeps the input's first
	// three bytes when they are the mark.
	return strings.TrimPrefix(b.String(), "\xEF\xBB\xBF"), nil
}

// maxSizeHint bounds the room sizeHint makes readText take before reading.
const maxSizeHint = 256 << 20

// sizeHint is how many bytes r says it holds, or 0: its Len (a
// bytes.Reader's, the CLI's diff file reader's), or the size of the regular
// file it is (standard input redirected from a file, which would otherwise
// grow the text by doubling: about 1,100 more page faults a run on the
// 20,000-line bench diff). It only sizes the text: TestReadTextLenHint and
// TestReadTextStatHint read a reader whose hint is wrong whole.
func sizeHint(r io.Reader) int {
	if l, ok := r.(interface{ Len() int }); ok {
		return min(max(l.Len(), 0), maxSizeHint)
	}
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return int(min(max(st.Size(), 0), maxSizeHint))
		}
	}
	return 0
}

// crlf is what crlfToLF and readText turn into an LF.
var crlf = []byte("\r\n")

// parseText parses the whole of text, whose CRLFs crlfToLF has turned into
// LFs, in one pass.
func parseText(text string) ([]*File, error) {
	lr := &lineReader{data: text}
	gfiles, preamble, err := gitdiff.Parse(lr)
	if lr.lintErr != nil && (err == nil || lr.lintLine <= gitdiffErrLine(err)) {
		return nil, lr.lintErr
	}
	if err != nil {
		return nil, lr.translateErr(err)
	}
	if len(gfiles) == 0 {
		if strings.TrimSpace(preamble) != "" {
			if strings.Contains(preamble, "\x1b[") {
				return nil, fmt.Errorf("diff: %w; it holds ANSI colour codes: make it with git diff --no-color", errNoDiff)
			}
			return nil, fmt.Errorf("diff: %w", errNoDiff)
		}
		return nil, nil
	}
	files := make([]*File, 0, len(gfiles))
	for i, gf := range gfiles {
		f := convertFile(gf, !lr.sawGitHeader)
		if missingPath(f) {
			// Only the traditional form gets here ("--- 0000" / "+++ a/"):
			// go-gitdiff refuses a git header without names.
			line := 1
			if i < len(lr.plusLines) {
				line = lr.plusLines[i]
			}
			return nil, fmt.Errorf("diff: line %d: file header names no path (e.g. \"+++ a/\"): every file needs its name after ---/+++", line)
		}
		files = append(files, f)
	}
	return files, nil
}

// crlfToLF turns CRLF line ends into LF (once: "\r\r\n" keeps one CR).
// readText does it for Parse (before the text is cut into lines and
// pieces); newLineReader does it for a patch.
func crlfToLF(text string) string {
	if strings.Contains(text, "\r\n") {
		return strings.ReplaceAll(text, "\r\n", "\n")
	}
	return text
}

// parsePiece parses, with go-gitdiff, a piece of a diff (LF line ends, see
// parseText) that starts at a "diff --git" line and ends before the next
// one, or at the end. Each piece starts with a file header, and the line
// checks start over at one, so a piece parses as it does in the whole. ok
// is false (parse the whole text instead) when the piece is unusual: any
// error, no files, a file without a path. So every error, and its line
// number, comes from parsing the whole; FuzzParseSplit holds the pieces to
// the whole.
func parsePiece(piece string) ([]*File, bool) {
	lr := &lineReader{data: piece}
	gfiles, _, err := gitdiff.Parse(lr)
	if err != nil || lr.lintErr != nil || len(gfiles) == 0 || !lr.sawGitHeader {
		return nil, false
	}
	files := make([]*File, 0, len(gfiles))
	for _, gf := range gfiles {
		// The piece starts with a "diff --git" line, so the whole text
		// has one: no name is traditional.
		f := convertFile(gf, false)
		if missingPath(f) {
			return nil, false
		}
		files = append(files, f)
	}
	return files, true
}

// missingPath reports a file without the name its status needs: the new
// one unless removed, the old one unless added.
func missingPath(f *File) bool {
	return f.Status != Removed && f.NewPath == "" || f.Status != Added && f.OldPath == ""
}

// setStatus gives f the status git's header flags say, the first that is
// set of new, deleted, renamed and copied (modified for none), and drops
// the path that status has none of. git names an unchanged mode once, on
// the index line, which both parsers file as the old mode: it is the new
// mode too.
func setStatus(f *File, isNew, isDelete, isRename, isCopy bool) {
	switch {
	case isNew:
		f.Status, f.OldPath = Added, ""
	case isDelete:
		f.Status, f.NewPath = Removed, ""
	case isRename:
		f.Status = Renamed
	case isCopy:
		f.Status = Copied
	default:
		f.Status = Modified
	}
	if f.NewMode == 0 && f.OldMode != 0 && f.Status != Removed {
		f.NewMode = f.OldMode
	}
}

// convertFile maps a go-gitdiff file onto a File. traditional says the input
// had no "diff --git" headers, so the names still carry their a/ b/ prefixes.
func convertFile(gf *gitdiff.File, traditional bool) *File {
	f := &File{
		OldPath: gf.OldName,
		NewPath: gf.NewName,
		Binary:  gf.IsBinary,
		OldMode: uint32(gf.OldMode),
		NewMode: uint32(gf.NewMode),
	}
	if traditional {
		f.OldPath = trimTraditionalPrefix(f.OldPath)
		f.NewPath = trimTraditionalPrefix(f.NewPath)
	}
	setStatus(f, gf.IsNew, gf.IsDelete, gf.IsRename, gf.IsCopy)
	if len(gf.TextFragments) > 0 {
		// One array holds the lines of every hunk, each hunk's slice capped
		// at its own end, so an append to one never writes into the next.
		n := 0
		for _, frag := range gf.TextFragments {
			n += len(frag.Lines)
		}
		lines := make([]Line, n)
		f.Hunks = make([]Hunk, 0, len(gf.TextFragments))
		for _, frag := range gf.TextFragments {
			k := len(frag.Lines)
			f.Hunks = append(f.Hunks, convertFragment(frag, lines[:k:k]))
			lines = lines[k:]
		}
	}
	return f
}

// trimTraditionalPrefix drops the a/ or b/ that `diff -u a/x b/x` and
// `git diff` put in front of a name.
func trimTraditionalPrefix(name string) string {
	if strings.HasPrefix(name, "a/") || strings.HasPrefix(name, "b/") {
		return name[2:]
	}
	return name
}

// convertFragment numbers the lines of one hunk into lines, which has room
// for them all: a context line has both numbers, an added line only its new
// one, a deleted line only its old one.
func convertFragment(frag *gitdiff.TextFragment, lines []Line) Hunk {
	h := Hunk{
		OldStart: int(frag.OldPosition),
		OldLines: int(frag.OldLines),
		NewStart: int(frag.NewPosition),
		NewLines: int(frag.NewLines),
		Section:  frag.Comment,
		Lines:    lines,
	}
	oldN, newN := h.OldStart, h.NewStart
	for i, gl := range frag.Lines {
		l := &h.Lines[i]
		l.Text = strings.TrimSuffix(gl.Line, "\n")
		switch gl.Op {
		case gitdiff.OpAdd:
			l.Op = Add
			l.NewLine = newN
			newN++
		case gitdiff.OpDelete:
			l.Op = Delete
			l.OldLine = oldN
			oldN++
		default:
			l.Op = Context
			l.OldLine = oldN
			l.NewLine = newN
			oldN++
			newN++
		}
	}
	return h
}

// gitdiffErrLine returns the input line a go-gitdiff error names, or a very
// large number when it names none.
func gitdiffErrLine(err error) int {
	n, _, ok := splitGitdiffErr(err)
	if !ok {
		return int(^uint(0) >> 1)
	}
	return n
}

// splitGitdiffErr splits "gitdiff: line N: msg" into N and msg.
func splitGitdiffErr(err error) (int, string, bool) {
	const prefix = "gitdiff: line "
	s := err.Error()
	if !strings.HasPrefix(s, prefix) {
		return 0, "", false
	}
	rest := s[len(prefix):]
	i := strings.Index(rest, ": ")
	if i < 0 {
		return 0, "", false
	}
	n, convErr := strconv.Atoi(rest[:i])
	if convErr != nil {
		return 0, "", false
	}
	return n, rest[i+2:], true
}

// translateErr rewrites a go-gitdiff error in this package's words, moving
// its line number back by the lines a caller put in front of the input.
func (lr *lineReader) translateErr(err error) error {
	n, msg, ok := splitGitdiffErr(err)
	if !ok {
		return fmt.Errorf("diff: %s%w", lr.name, err)
	}
	if strings.HasPrefix(msg, "fragment header miscounts lines") && lr.lastHunkLine > 0 {
		// go-gitdiff finds a short hunk only at the end of the input, and
		// its line number there is off; the culprit is the last hunk header.
		n = lr.lastHunkLine
	}
	n -= lr.offset
	if n < 1 {
		n = 1
	}
	return fmt.Errorf("diff: %sline %d: %s", lr.name, n, msg)
}

// lineReader feeds go-gitdiff one line at a time. It turns CRLF line ends
// into LF (so a CRLF file, or a whole diff saved with CRLF, reads like an LF
// one: one trailing CR goes), and it checks what go-gitdiff lets pass
// silently: a hunk with more lines than its header counts. With strict set
// (GitHub's per-file patches) any line outside a hunk is an error.
type lineReader struct {
	data   string // input not yet read
	strict bool
	offset int    // lines put in front of the real input
	name   string // what errors call the input ("patch of x.cs: "), or ""

	lineno       int  // lines read so far, offset included
	sawGitHeader bool // a "diff --git" line was read
	lastHunkLine int  // line number of the last "@@ -" header read

	// Hunk tracking: inside a hunk, the old and new lines it still owes;
	// just after one, a stray +/- line means the header undercounted.
	inHunk     bool
	oldN, newN int64
	afterHunk  bool
	// The last old and new line numbers the file's hunks so far cover.
	lastOld, lastNew int64

	// plusLines are the input lines of the "+++ " headers that follow a
	// "--- " one, in order: one per file of a traditional diff.
	plusLines []int
	prevMinus bool

	lintErr  error // first problem the line checks found, at lintLine
	lintLine int
	pending  string // rest of a line Read has not handed out yet
}

func newLineReader(data string, strict bool, offset int) *lineReader {
	// One copy for the whole input rather than one per line.
	return &lineReader{data: crlfToLF(data), strict: strict, offset: offset}
}

// ReadString implements the interface go-gitdiff reads lines through: it
// returns the next line with its '\n' (delim is always '\n'), or the last
// one without it and io.EOF.
func (lr *lineReader) ReadString(delim byte) (string, error) {
	if lr.data == "" {
		return "", io.EOF
	}
	var s string
	var err error
	if i := strings.IndexByte(lr.data, delim); i >= 0 {
		s, lr.data = lr.data[:i+1], lr.data[i+1:]
	} else {
		s, lr.data, err = lr.data, "", io.EOF
	}
	if err == io.EOF && strings.HasSuffix(s, "\r") {
		// The last line of a CRLF file in a GitHub patch, which has no
		// final newline.
		s = s[:len(s)-1]
		if s == "" {
			return s, err
		}
	}
	lr.lineno++
	lr.lint(s)
	return s, err
}

// Read implements io.Reader on top of ReadString, for readers that do not
// look for ReadString.
func (lr *lineReader) Read(p []byte) (int, error) {
	if lr.pending == "" {
		s, err := lr.ReadString('\n')
		if s == "" {
			if err == nil {
				err = io.EOF
			}
			return 0, err
		}
		lr.pending = s
	}
	n := copy(p, lr.pending)
	lr.pending = lr.pending[n:]
	return n, nil
}

// lint tracks hunk boundaries and records the first line that breaks them.
func (lr *lineReader) lint(s string) {
	prevMinus := lr.prevMinus
	lr.prevMinus = !lr.inHunk && strings.HasPrefix(s, "--- ")
	if prevMinus && !lr.inHunk && strings.HasPrefix(s, "+++ ") {
		lr.plusLines = append(lr.plusLines, lr.lineno-lr.offset)
	}
	if strings.HasPrefix(s, "@@ -") {
		lr.lastHunkLine = lr.lineno
	}
	if lr.lintErr != nil {
		return
	}
	if lr.inHunk {
		switch s[0] {
		case ' ', '\n':
			lr.oldN--
			lr.newN--
		case '+':
			lr.newN--
		case '-':
			lr.oldN--
		case '\\':
			return
		default:
			// go-gitdiff reports the short hunk itself.
			lr.inHunk = false
			return
		}
		if lr.oldN <= 0 && lr.newN <= 0 {
			lr.inHunk = false
			lr.afterHunk = true
		}
		return
	}
	if strings.HasPrefix(s, "@@ -") {
		lr.afterHunk = false
		r, ok := parseHunkRanges(s)
		if !ok {
			return // go-gitdiff reports the bad header
		}
		if msg := lr.checkHunk(r); msg != "" {
			lr.setLint(msg)
			return
		}
		if r.oldN > 0 || r.newN > 0 {
			lr.inHunk = true
			lr.oldN, lr.newN = r.oldN, r.newN
		}
		return
	}
	if lr.strict {
		if lr.lineno > lr.offset && !strings.HasPrefix(s, "\\ ") {
			lr.setLint("line outside any hunk (a patch holds only '@@' hunks)")
		}
		return
	}
	if strings.HasPrefix(s, "diff --git ") || strings.HasPrefix(s, "--- ") {
		// A new file: its hunks start over.
		lr.sawGitHeader = lr.sawGitHeader || s[0] == 'd'
		lr.afterHunk = false
		lr.lastOld, lr.lastNew = 0, 0
		return
	}
	if !lr.afterHunk {
		return
	}
	switch {
	case strings.HasPrefix(s, "\\ "):
		return
	case strings.HasPrefix(s, "+++ "), s == "-- \n", s == "--\n":
		lr.afterHunk = false
	case s[0] == '+' || s[0] == '-':
		lr.setLint("hunk holds more lines than its '@@' header counts")
	default:
		lr.afterHunk = false
	}
}

func (lr *lineReader) setLint(msg string) {
	lr.lintLine = lr.lineno
	lr.lintErr = fmt.Errorf("diff: %sline %d: %s", lr.name, lr.lineno-lr.offset, msg)
}

// maxLine bounds the line numbers and counts a hunk header may name, so
// that no arithmetic on them can overflow.
const maxLine = 1 << 30

// hunkRanges are the numbers of an "@@ -a,b +c,d @@" header.
type hunkRanges struct {
	oldStart, oldN, newStart, newN int64
}

// parseHunkRanges reads the numbers of an "@@ -a,b +c,d @@" header; a
// missing count is 1.
func parseHunkRanges(s string) (hunkRanges, bool) {
	rest := s[len("@@ -"):]
	end := strings.Index(rest, " @@")
	if end < 0 {
		return hunkRanges{}, false
	}
	// Exactly one " +" parts the old range from the new, without
	// allocating the parts as strings.Split would.
	oldRange, newRange, found := strings.Cut(rest[:end], " +")
	if !found || strings.Contains(newRange, " +") {
		return hunkRanges{}, false
	}
	parse := func(r string) (start, n int64, ok bool) {
		a, c, found := strings.Cut(r, ",")
		start, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return 0, 0, false
		}
		n = 1
		if found {
			if n, err = strconv.ParseInt(c, 10, 64); err != nil {
				return 0, 0, false
			}
		}
		return start, n, true
	}
	var r hunkRanges
	var ok1, ok2 bool
	r.oldStart, r.oldN, ok1 = parse(oldRange)
	r.newStart, r.newN, ok2 = parse(newRange)
	return r, ok1 && ok2
}

// checkHunk says what is wrong with a hunk header's numbers, alone or after
// the file's previous hunks, or "" when nothing is. It keeps line numbers
// positive and strictly increasing through a file.
func (lr *lineReader) checkHunk(r hunkRanges) string {
	for _, side := range []struct {
		name     string
		start, n int64
		last     *int64
	}{
		{"old", r.oldStart, r.oldN, &lr.lastOld},
		{"new", r.newStart, r.newN, &lr.lastNew},
	} {
		switch {
		case side.start < 0 || side.n < 0:
			return fmt.Sprintf("hunk header has a negative %s line number or count", side.name)
		case side.start > maxLine || side.n > maxLine:
			return fmt.Sprintf("hunk header %s line number or count is out of range", side.name)
		case side.n > 0 && side.start == 0:
			return fmt.Sprintf("hunk header has %d %s lines starting at line 0", side.n, side.name)
		case side.n > 0 && side.start <= *side.last:
			return fmt.Sprintf("hunk starts at %s line %d, inside or before the previous hunk (which ends at %d)", side.name, side.start, *side.last)
		}
		if side.n > 0 {
			*side.last = side.start + side.n - 1
		}
	}
	return ""
}
