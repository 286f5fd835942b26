package source

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestLexLiterals(t *testing.T) {
	tests := []struct {
		name string
		code string
		want []string // each literal's body, s[Body:End]
		// blanked is blank(code, true).
		blanked string
	}{
		{"regular with an escaped quote", `x("a\"b", "c")`, []string{`a\"b`, "c"}, `x("    ", " ")`},
		{"verbatim with a doubled quote", `x(@"C:\d ""q""")`, []string{`C:\d ""q""`}, `x(@"          ")`},
		{"interpolated with a nested string in a hole", `$"a {(ok ? "x" : "y")} b"`, []string{`a {(ok ? "x" : "y")} b`}, `$"   (ok ? "x" : "y")   "`},
		{"interpolated braces", `$"{{literal}} {v}"`, []string{`{{literal}} {v}`}, `$"             v "`},
		{"raw string holding quotes", `var j = """{"tokenType": "pop"}""";`, []string{`{"tokenType": "pop"}`}, `var j = """                    """;`},
		{"raw interpolated", `$"""x {y} "z" """`, []string{`x {y} "z" `}, `$"""   y      """`},
		{"char literals are not strings", `c == '"' || c == '\'' || s == "a"`, []string{`"`, `\'`, "a"}, `c == ' ' || c == '  ' || s == " "`},
		{"an apostrophe in a comment starts nothing", `x = "a"; // don't`, []string{"a"}, `x = " "; // don't`},
		{"unterminated runs to the end", `x("abc`, []string{"abc"}, `x("   `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range lexLiterals(tt.code) {
				got = append(got, tt.code[l.Body:l.End])
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.blanked, Blank(tt.code, true))
		})
	}
}

func TestLiteralsReadsRawStrings(t *testing.T) {
	lits := Literals(`Assert.AreEqual("""pop""", result.TokenType);`)
	if assert.Len(t, lits, 1) {
		assert.Equal(t, "pop", lits[0].Value)
		assert.Equal(t, 17, lits[0].Col)
	}
	lits = Literals(`var p = @"path ""x""";`)
	if assert.Len(t, lits, 1) {
		assert.Equal(t, `path "x"`, lits[0].Value)
	}
}

// FuzzLexLiterals: any line lexes into ordered literals inside it, without
// a panic, and blanking keeps its length.
func FuzzLexLiterals(f *testing.F) {
	for _, s := range []string{`x("a\"b")`, `$"{(a ? "b" : "c")}"`, `"""raw "q" """`, `'\u0041'`, `@"a""b"`, `$@"{x}" + '"'`, `"""`, `$"{`, `'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 {
			return
		}
		prev := 0
		for _, l := range lexLiterals(s) {
			if l.Start < prev || l.Open < l.Start || l.Body <= l.Open || l.End < l.Body && l.Closed || l.Close > len(s) || l.End > l.Close {
				t.Fatalf("bad lexeme %+v of %q", l, s)
			}
			for _, h := range l.Holes {
				if h[0] < l.Body || h[1] > len(s) || h[0] > h[1] {
					t.Fatalf("bad hole %v in %+v of %q", h, l, s)
				}
			}
			prev = l.Close
		}
		if b := Blank(s, true); len(b) != len(s) {
			t.Fatalf("blank changed the length of %q", s)
		} else if utf8.ValidString(s) && len(lexLiterals(s)) == 0 && b != s {
			t.Fatalf("blank changed %q, which has no literal", s)
		}
	})
}
