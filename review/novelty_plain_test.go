package review

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/diff"
)

// The plain versions of novelty's line helpers, which the faster ones
// replace: FuzzNoveltyHelpers holds them to these.

func plainIsWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func plainMoveKey(s string) string {
	k := strings.TrimSpace(s)
	if strings.Contains(k, "  ") || strings.ContainsAny(k, "\t\r\n\v\f") {
		k = strings.Join(strings.Fields(k), " ")
	}
	letters := 0
	for i := 0; i < len(k); i++ {
		if plainIsWord(k[i]) {
			letters++
		}
	}
	if letters < 3 {
		return ""
	}
	return k
}

func plainTokens(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			out = append(out, token{text: s[i:j]})
			i = j
		case plainIsWord(c) && !(c >= '0' && c <= '9'):
			j := i
			for j < len(s) && plainIsWord(s[j]) {
				j++
			}
			out = append(out, token{text: s[i:j], ident: true})
			i = j
		default:
			out = append(out, token{text: s[i : i+1]})
			i++
		}
	}
	return out
}

func plainRenamePairs(a, b string) (pairs [][2]string, ok bool) {
	ta, tb := plainTokens(a), plainTokens(b)
	if len(ta) != len(tb) || len(ta) == 0 {
		return nil, false
	}
	for i := range ta {
		if ta[i].text == tb[i].text {
			continue
		}
		if !ta[i].ident || !tb[i].ident {
			return nil, false
		}
		pairs = append(pairs, [2]string{ta[i].text, tb[i].text})
	}
	return pairs, len(pairs) > 0
}

func plainPairedLines(h diff.Hunk) [][2]int {
	var out [][2]int
	for i := 0; i < len(h.Lines); {
		if h.Lines[i].Op == diff.Context {
			i++
			continue
		}
		var dels, adds []int
		for i < len(h.Lines) && h.Lines[i].Op == diff.Delete {
			dels = append(dels, i)
			i++
		}
		for i < len(h.Lines) && h.Lines[i].Op == diff.Add {
			adds = append(adds, i)
			i++
		}
		if len(dels) == len(adds) {
			for k := range dels {
				out = append(out, [2]int{dels[k], adds[k]})
			}
		}
	}
	return out
}

func TestRenamePairs(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want [][2]string
	}{
		{"var s_x = F(a);", "var s_y = F(a);", [][2]string{{"s_x", "s_y"}}},
		{"var x = F(a);", "var x = F(a);", nil},
		{"var x = F(a);", "var x = F(b, c);", nil},
		{`Log("a x");`, `Log("a y");`, nil},
		{"x = 1;", "y = 2;", nil},
		{"", "", nil},
		{"a  .  b", "c.d", [][2]string{{"a", "c"}, {"b", "d"}}},
	} {
		got, ok := renamePairs(tt.a, tt.b)
		assert.Equal(t, tt.want, got, "%q -> %q", tt.a, tt.b)
		assert.Equal(t, tt.want != nil, ok, "%q -> %q", tt.a, tt.b)
	}
}

// FuzzNoveltyHelpers holds moveKey, renamePairs, eachPair and wordFilter
// to the plain versions they replace.
func FuzzNoveltyHelpers(f *testing.F) {
	f.Add("    var s_x = F(\"a b\");", "var  s_y\t= F(\"a b\");", "-+ -+- ++--")
	f.Add("}", "  ab\u00a0 c", "+")
	f.Add("x\vy  z", "'a\\'b' c", "--++ -+")
	f.Fuzz(func(t *testing.T, a, b, ops string) {
		for _, s := range []string{a, b} {
			if got, want := moveKey(s), plainMoveKey(s); got != want {
				t.Fatalf("moveKey(%q) = %q, want %q", s, got, want)
			}
		}
		gp, gok := renamePairs(a, b)
		wp, wok := plainRenamePairs(a, b)
		assert.Equal(t, wok, gok, "renamePairs(%q, %q)", a, b)
		assert.Equal(t, wp, gp, "renamePairs(%q, %q)", a, b)

		var h diff.Hunk
		for _, c := range []byte(ops) {
			switch c {
			case '+':
				h.Lines = append(h.Lines, diff.Line{Op: diff.Add})
			case '-':
				h.Lines = append(h.Lines, diff.Line{Op: diff.Delete})
			default:
				h.Lines = append(h.Lines, diff.Line{Op: diff.Context})
			}
		}
		var got [][2]int
		eachPair(h, func(d, a int) { got = append(got, [2]int{d, a}) })
		assert.Equal(t, plainPairedLines(h), got, "pairs of %q", ops)

		var wf wordFilter
		var words []string
		eachWord(a, func(w string) { wf.add(w); words = append(words, w) })
		for _, w := range words {
			if !wf.may(w) {
				t.Fatalf("wordFilter refuses %q, which it holds", w)
			}
		}
	})
}
