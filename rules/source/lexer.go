package source

import "strings"

// This file is the one C# lexer of string and char literals every rule
// reads code through: regular "..." with backslash escapes, verbatim @"..."
// (a doubled quote is a quote), interpolated $"..." with {holes} ({{ is a
// brace), both ($@"..." or @$"..."), raw """...""" strings (C# 11: three or
// more quotes, closed by as many, no escapes; $"""...""" interpolated), and
// char literals 'x', '\n', '\u0041'. It works on one line of code (as
// View.Code gives it); a literal that does not close on the line runs to
// its end.

// Lexeme is one string or char literal on a line of code.
type Lexeme struct {
	// Start is the byte offset of the first prefix character ('@', '$')
	// or, without one, of the opening quote; Open that of the first quote.
	Start, Open int
	// Body and End delimit the text between the quotes: s[Body:End].
	Body, End int
	// Close is the offset just past the closing quote(s); len(s) when the
	// literal does not close on the line.
	Close  int
	Closed bool
	// Char is set for a char literal.
	Char bool
	// Verbatim, Interpolated and Raw say which kind of string it is.
	Verbatim, Interpolated, Raw bool
	// Holes are the interpolation holes, as [from, to) offsets of the code
	// between the braces.
	Holes [][2]int
}

// lexLiterals returns the literals of one line of code, in order.
func lexLiterals(s string) []Lexeme {
	var out []Lexeme
	for j := 0; j < len(s); {
		c := s[j]
		switch {
		case c == '/' && j+1 < len(s) && s[j+1] == '/':
			return out // a comment: View.Code has blanked them, raw text has not
		case c == '\'' || c == '"':
			l := lexAt(s, j)
			if !l.Char || l.Closed {
				out = append(out, l)
			}
			j = max(l.Close, j+1)
		default:
			j++
		}
	}
	return out
}

// lexAt lexes the literal whose opening quote is s[q].
func lexAt(s string, q int) Lexeme {
	if s[q] == '\'' {
		return lexChar(s, q)
	}
	l := Lexeme{Start: q, Open: q}
	for k := q - 1; k >= 0 && (s[k] == '@' || s[k] == '$'); k-- {
		l.Start = k
		if s[k] == '@' {
			l.Verbatim = true
		} else {
			l.Interpolated = true
		}
	}
	quotes := 0
	for q+quotes < len(s) && s[q+quotes] == '"' {
		quotes++
	}
	if quotes >= 3 {
		return lexRaw(s, l, quotes)
	}
	l.Body = q + 1
	for k := q + 1; k < len(s); k++ {
		switch c := s[k]; {
		case c == '\\' && !l.Verbatim:
			k++
		case c == '"' && l.Verbatim && k+1 < len(s) && s[k+1] == '"':
			k++
		case c == '"':
			l.End, l.Close, l.Closed = k, k+1, true
			return l
		case c == '{' && l.Interpolated:
			if k+1 < len(s) && s[k+1] == '{' {
				k++
				continue
			}
			end := holeEnd(s, k+1)
			l.Holes = append(l.Holes, [2]int{k + 1, end})
			k = end
		}
	}
	l.End, l.Close = len(s), len(s)
	return l
}

// lexRaw lexes a raw string literal opened by n quotes at l.Open.
func lexRaw(s string, l Lexeme, n int) Lexeme {
	l.Raw = true
	l.Body = l.Open + n
	closing := strings.Repeat(`"`, n)
	for k := l.Body; k < len(s); k++ {
		if l.Interpolated && s[k] == '{' {
			if k+1 < len(s) && s[k+1] == '{' {
				k++
				continue
			}
			end := holeEnd(s, k+1)
			l.Holes = append(l.Holes, [2]int{k + 1, end})
			k = end
			continue
		}
		if strings.HasPrefix(s[k:], closing) {
			l.End, l.Close, l.Closed = k, k+n, true
			return l
		}
	}
	l.End, l.Close = len(s), len(s)
	return l
}

// holeEnd returns the offset of the '}' that closes the interpolation hole
// whose code starts at from, skipping nested braces and the literals the
// code holds; len(s) when it does not close.
func holeEnd(s string, from int) int {
	depth := 0
	for k := from; k < len(s); k++ {
		switch s[k] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return k
			}
			depth--
		case '"', '\'':
			l := lexAt(s, k)
			if !l.Closed {
				return len(s)
			}
			k = l.Close - 1
		}
	}
	return len(s)
}

// lexChar lexes the char literal at s[q]: 'x', '\n', '\u0041'. A quote
// that starts no char literal is a lexeme of one byte.
func lexChar(s string, q int) Lexeme {
	l := Lexeme{Start: q, Open: q, Body: q + 1, Char: true}
	switch {
	case q+2 < len(s) && s[q+1] == '\\':
		if e := strings.IndexByte(s[q+3:], '\''); e >= 0 && e < 8 {
			l.End, l.Close, l.Closed = q+3+e, q+4+e, true
			return l
		}
	case q+2 < len(s) && s[q+2] == '\'':
		l.End, l.Close, l.Closed = q+2, q+3, true
		return l
	}
	l.End, l.Close = q+1, q+1
	return l
}

// Blank returns s with the text of every literal replaced by spaces, the
// quotes kept; with keepHoles the code in interpolation holes is kept.
func Blank(s string, keepHoles bool) string {
	lits := lexLiterals(s)
	if len(lits) == 0 {
		return s
	}
	b := []byte(s)
	for _, l := range lits {
		for k := l.Body; k < l.End && k < len(b); k++ {
			b[k] = ' '
		}
		if keepHoles {
			for _, h := range l.Holes {
				copy(b[h[0]:h[1]], s[h[0]:h[1]])
			}
		}
	}
	return string(b)
}
