package flow

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

func TestLiteralSet(t *testing.T) {
	set := newLiteralSet("pop", "mtls", "two-leg", "fic")
	for _, tt := range []struct {
		s    string
		want []string
	}{
		{"", nil},
		{"p", nil},
		{"po", nil},
		{"pop", []string{"pop"}},
		{"POP", []string{"pop"}},
		{"WithMtlsProofOfPossession", []string{"mtls"}},
		{"a Two-Leg, specific flow (mTLS PoP)", []string{"pop", "mtls", "two-leg", "fic"}},
		{"two-le", nil},
		{"mtl\u212As", nil}, // the Kelvin sign is no ASCII k: ContainsFold's answer
		{"ppop", []string{"pop"}},
		{"popop", []string{"pop"}},
	} {
		var want uint64
		for _, w := range tt.want {
			want |= set.bit(w)
		}
		assert.Equal(t, want, set.scan(tt.s), "%q", tt.s)
	}
}

func TestLiteralSetRefusesWhatItCannotScan(t *testing.T) {
	assert.Panics(t, func() { newLiteralSet("x") }, "a one-byte literal")
	assert.Panics(t, func() { newLiteralSet("Pop") }, "an upper-case literal")
	assert.Panics(t, func() { newLiteralSet(strings.Split(strings.Repeat("ab ", 65), " ")...) }, "65 literals")
	assert.Panics(t, func() { lineLiterals.bit("absent") })
}

// FuzzLiteralSet holds the one-pass scan to the ContainsFold loop it
// replaces, and each signal's matchIn, and aboutPop, to the guard and
// expression they stood for.
func FuzzLiteralSet(f *testing.F) {
	for _, s := range []string{
		"var r = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession()",
		"api://AzureADTokenExchange", "new ClientSignedAssertion { TokenBindingCertificate = c }",
		"the FIC two-leg flow", "a two-leg exchange", "the vanilla mTLS PoP flow", "jwt-pop",
		".WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>",
		"Proof-of-Possession", "pOp", "popular", "mtl\u212As", "\xff\xfe",
	} {
		f.Add(s)
	}
	signals := []signal{reExchange, reSignedAssert, reBindingCert, reJwtPop, reAcquire, rePopExtension, reDeclaresPop, reAssertionDelegate, reAssertionApp, reDocVanilla, reDocFIC, reDocTwoLeg}
	plain := make([]*regexp.Regexp, len(signals))
	for i, sg := range signals {
		plain[i] = regexp.MustCompile(sg.re.String())
	}
	oldPopLiterals := []string{"mtls", "pop", "proof-of-possession", "bindingcertificate", "azureadtokenexchange", "clientsignedassertion"}
	f.Fuzz(func(t *testing.T, s string) {
		got := lineLiterals.scan(s)
		for i, l := range lineLiterals.lits {
			if want := prefilter.ContainsFold(s, l); want != (got&(1<<i) != 0) {
				t.Fatalf("scan(%q): %q: got %v, want %v", s, l, !want, want)
			}
		}
		for i, sg := range signals {
			guard := strings.Contains(s, sg.lit)
			if sg.fold {
				guard = prefilter.ContainsFold(s, strings.ToLower(sg.lit))
			}
			if a, b := sg.matchIn(s, got), guard && plain[i].MatchString(s); a != b {
				t.Fatalf("%s on %q: matchIn %v, want %v", sg.re, s, a, b)
			}
		}
		want := false
		for _, l := range oldPopLiterals {
			if prefilter.ContainsFold(s, l) {
				want = popContent.MatchString(s)
				break
			}
		}
		if a := aboutPop(s, got); a != want {
			t.Fatalf("aboutPop(%q) = %v, want %v", s, a, want)
		}
	})
}
