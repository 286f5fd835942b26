package source

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/difftest"
)

// FuzzScanCSharp holds scanCSharp, which skips to the next slash or quote
// and copies a line only to blank a comment, to the plain byte-by-byte
// scan it replaces: the same code text, code lines and comments.
func FuzzScanCSharp(f *testing.F) {
	f.Add("var s = \"a // b\"; // c\n/* d\n e */ x = '/';\n@\"\"\"q\n\"\"\"\"")
	f.Add("string r = \"\"\"\n raw // not a comment\n \"\"\";\n")
	f.Add("x /* a */ y // z\n\t/// doc\n")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<12 {
			return
		}
		v := viewOf("src/A.cs", text)
		old := newPlain(difftest.AddedText("src/A.cs", text))
		plain := &plainView{text: old.text, known: old.known, codeText: make([]string, len(old.text)), isCode: make([]bool, len(old.text))}
		plain.scanCSharpPlain(1, v.Len())
		for n := 0; n <= v.Len(); n++ {
			if v.Code(n) != plain.codeText[n] || v.IsCodeLine(n) != plain.isCode[n] {
				t.Fatalf("line %d of %q: code %q (%v), want %q (%v)", n, text, v.Code(n), v.IsCodeLine(n), plain.codeText[n], plain.isCode[n])
			}
		}
		if len(v.comments) != len(plain.comments) || len(v.comments) > 0 && !reflect.DeepEqual(v.comments, plain.comments) {
			t.Fatalf("comments of %q:\n got %+v\nwant %+v", text, v.comments, plain.comments)
		}
	})
}

// scanCSharpPlain is scanCSharp as it was before it skipped ahead: one
// byte at a time, every line copied.
func (v *plainView) scanCSharpPlain(from, to int) {
	const (
		stCode = iota
		stBlockComment
		stVerbatim
		stRaw
	)
	state := stCode
	rawQuotes := 0
	for i := from; i <= to && i <= v.Len(); i++ {
		if !v.known[i] {
			state = stCode
			continue
		}
		v.isCode[i] = true
		s := v.text[i]
		out := []byte(s)
		var cmts []Comment
		commentStart := -1
		j := 0
		blank := func(a, b int) {
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
					j++
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
		code := string(out)
		whole := strings.TrimSpace(code) == ""
		for k := range cmts {
			cmts[k].Whole = whole
		}
		v.codeText[i] = code
		v.comments = append(v.comments, cmts...)
	}
}
