package source

import (
	"strings"
	"testing"
)

// FuzzScopeAtMemo holds ScopeAt, which tests each line for a method
// header once and finds each method's extent once, to the plain walk it
// replaced: for every line of arbitrary C#, asked in any order, the same
// scope and answer.
func FuzzScopeAtMemo(f *testing.F) {
	f.Add("class A {\n    [TestMethod]\n    public async Task T()\n    {\n        var x = 1;\n    }\n    public void U() => V();\n    private int W(int a) { return a; }\n}\n", 3)
	f.Add("public void A(\n    int b)\n{\n    if (b) {\n    }\n}\npublic void B();\n", 1)
	f.Add("[Fact] public void A() {\n}\n", 0)
	f.Fuzz(func(t *testing.T, text string, stride int) {
		if len(text) > 1<<12 {
			return
		}
		v := viewOf("src/ATests.cs", text)
		plain := viewOf("src/ATests.cs", text)
		n := v.Len()
		if n == 0 {
			return
		}
		// Ask in an order that revisits lines of the same method.
		step := 1 + (stride%7+7)%7
		for k := 0; k < 2*n; k++ {
			i := 1 + (k*step)%n
			got, gotOK := v.ScopeAt(i)
			want, wantOK := plain.scopeAtPlain(i)
			if got != want || gotOK != wantOK {
				t.Fatalf("ScopeAt(%d) of %q = %+v, %v; the plain walk says %+v, %v", i, text, got, gotOK, want, wantOK)
			}
		}
	})
}

// scopeAtPlain is ScopeAt of a C# file as it was before the memo: the
// header regexp and the brace count run on every call.
func (v *View) scopeAtPlain(n int) (Scope, bool) {
	if !v.code || !v.Known(n) {
		return Scope{}, false
	}
	for h := n; v.Known(h); h-- {
		c := v.Code(h)
		if !strings.Contains(c, "(") || !LooksLikeHeader(c) || !MethodHeaderRe.MatchString(c) || strings.HasSuffix(strings.TrimSpace(c), ";") {
			continue
		}
		end, ok := v.BlockEnd(h)
		if !ok {
			return Scope{}, false
		}
		sc := Scope{Start: h, End: end, Header: h}
		if n > sc.End {
			return Scope{}, false
		}
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
	return Scope{}, false
}
