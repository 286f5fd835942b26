package flow

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// FuzzSignals holds each signal's matchIn, and aboutPop, to the guard and
// expression they stood for, given the line's lineLiterals mask.
func FuzzSignals(f *testing.F) {
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
		got := lineLiterals.Scan(s)
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
