package prefilter

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSet(t *testing.T) {
	set := NewSet("pop", "mtls", "two-leg", "fic")
	for _, tt := range []struct {
		s    string
		want []string
		high bool
	}{
		{"", nil, false},
		{"p", nil, false},
		{"po", nil, false},
		{"pop", []string{"pop"}, false},
		{"POP", []string{"pop"}, false},
		{"WithMtlsProofOfPossession", []string{"mtls"}, false},
		{"a Two-Leg, specific flow (mTLS PoP)", []string{"pop", "mtls", "two-leg", "fic"}, false},
		{"two-le", nil, false},
		{"mtl\u212As", nil, true}, // the Kelvin sign is no ASCII k: ContainsFold's answer
		{"ppop", []string{"pop"}, false},
		{"popop", []string{"pop"}, false},
		{"pop\xff", []string{"pop"}, true},
		{"\xff", nil, true},
	} {
		var want uint64
		for _, w := range tt.want {
			want |= set.Bit(w)
		}
		if tt.high {
			want |= NonASCII
		}
		assert.Equal(t, want, set.Scan(tt.s), "%q", tt.s)
	}
}

func TestSetRefusesWhatItCannotScan(t *testing.T) {
	assert.Panics(t, func() { NewSet("x") }, "a one-byte literal")
	assert.Panics(t, func() { NewSet("Pop") }, "an upper-case literal")
	assert.Panics(t, func() { NewSet(strings.Split(strings.Repeat("ab ", 64), " ")...) }, "64 literals")
	assert.Panics(t, func() { NewSet("ab").Bit("absent") })
}

func TestMaskIn(t *testing.T) {
	set := NewSet("withcertificate", "tokentype", "token", "mtls")
	for _, tt := range []struct {
		expr string
		want []string
		high bool
		ok   bool
	}{
		{`\.\s*WithCertificate\s*\(`, []string{"withcertificate"}, false, true},
		{`\.\s*TokenType\b|(?i)mtls`, []string{"tokentype", "mtls"}, true, true}, // the s of mtls folds to the long s
		{`\w+`, nil, false, false},
		{`(?i)absent`, nil, false, false},
		{`\bToken\b`, []string{"token"}, false, true},
		{`(?i)token`, []string{"token"}, true, true}, // the k folds to the Kelvin sign
	} {
		r := MustCompile(tt.expr)
		var want uint64
		for _, w := range tt.want {
			want |= set.Bit(w)
		}
		if tt.high {
			want |= NonASCII
		}
		got, ok := r.MaskIn(set)
		assert.Equal(t, tt.ok, ok, tt.expr)
		assert.Equal(t, want, got, tt.expr)
	}
	assert.Empty(t, MustCompile(`\w+`).FoldedLiterals())
	assert.Empty(t, MustCompile(`x|yz`).FoldedLiterals(), "a one-byte literal")
	assert.Empty(t, MustCompile(`é\w`).FoldedLiterals(), "a non-ASCII literal")
	assert.Equal(t, []string{"withcertificate"}, MustCompile(`\.\s*WithCertificate\s*\(`).FoldedLiterals())
}

// FuzzSet holds Scan to the ContainsFold loop it replaces, and MaskIn to
// the plain expression: a text whose mask misses a guard cannot match.
func FuzzSet(f *testing.F) {
	for _, s := range []string{
		"var r = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession()",
		"the FIC two-leg flow", "Assert.AreEqual(\"mtls_pop\", result.TokenType);", "mtl\u212As",
		"logger.LogInformation(token)", "\xff\xfe", "ToKen", "tokEN\u212A",
	} {
		f.Add(s)
	}
	exprs := []string{
		`(?i)\bjwt-(pop|bearer)\b|\bJwt(Pop|Bearer)\b`, `\.\s*TokenType\b.*("mtls_pop"|\bMtlsPoPTokenType\b)`,
		`(?i)\b\w*log(ger)?\w*\s*\.\s*\w+\s*\(|\bconsole\s*\.\s*write`, `(?i)token`, `\bToken\b`, `(?i)mtls|\bpop\b`,
	}
	var lits []string
	res := make([]*Regexp, len(exprs))
	plain := make([]*regexp.Regexp, len(exprs))
	for i, e := range exprs {
		res[i], plain[i] = MustCompile(e), regexp.MustCompile(e)
		for _, l := range res[i].FoldedLiterals() {
			if !slices.Contains(lits, l) {
				lits = append(lits, l)
			}
		}
	}
	set := NewSet(lits...)
	masks := make([]uint64, len(exprs))
	for i, r := range res {
		m, ok := r.MaskIn(set)
		if !ok {
			f.Fatalf("%s: no mask", exprs[i])
		}
		masks[i] = m
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := set.Scan(s)
		for i, l := range lits {
			if want := ContainsFold(s, l); want != (got&(1<<i) != 0) {
				t.Fatalf("Scan(%q): %q: got %v, want %v", s, l, !want, want)
			}
		}
		if want := !IsASCII(s); want != (got&NonASCII != 0) {
			t.Fatalf("Scan(%q): NonASCII %v, want %v", s, !want, want)
		}
		for i, p := range plain {
			if got&masks[i] == 0 && p.MatchString(s) {
				t.Fatalf("%s matches %q, whose mask %b misses %b", exprs[i], s, got, masks[i])
			}
		}
	})
}

// BenchmarkSetScan scans every line of the corpus's diffs for the flow
// classifier's literals, as flow.Classify does.
func BenchmarkSetScan(b *testing.B) {
	patches, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "msalnet", "diffs", "*.patch"))
	if len(patches) == 0 {
		b.Skip("../shared/corpus/msalnet/diffs is absent: the benchmark needs ../shared")
	}
	var lines []string
	for _, p := range patches {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	set := NewSet("azureadtokenexchange", "clientsignedassertion", "tokenbindingcertificate", "jwt",
		"acquiretokenfor", "withmtlsproofofpossession", "withclientassertion",
		"vanilla", "fic", "two-leg", "mtls", "pop", "proof-of-possession", "bindingcertificate")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			set.Scan(l)
		}
	}
}
