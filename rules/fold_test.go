package rules

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzFoldMatchers holds the literal tests of fold.go to the plain
// versions they replace: a lower-cased copy searched or counted, and the
// regexps themselves (without prefilter's guard).
func FuzzFoldMatchers(f *testing.F) {
	for _, s := range []string{
		"use the PoP scheme", "AuthenticationScheme", "scheme_x", "(Scheme)", "SCHEME.",
		"the Authorization header", "authorisation header!", "an authorization headers", "xauthorization header",
		"popop POP mtls_pop MTLS_POP mtls_popop", "ſcheme", "\u212aey", "\u0130pop",
		"WithMtlsProofOfPossession", "mtls_pop", "MtlsPop", "mTLS", "mtls", "TokenBindingCertificate",
		"\xffpop\xfe", "po\u0130p", "✅ the scheme — see", "é scheme", "\xffscheme\xff", "bind\u00e9", "\u00e9bind", "Token\u212aindingCertificate", "ver\u0131fy",
		"Signed HTTP Request", "signed-http-request", "signedhttprequest", "signed  http request", "ClientSignedAssertion",
		"SHR", "an SHR token", "SHRINK", "_shr", "WithProofOfPossession (", "WithProofOfPossession\t\n(", "WithProofOfPossessionX(",
		"PoPAuthenticationConfiguration", "\"PopTokenType\" MtlsPopTokenType \u212aPOPTOKENTYPE",
		"## Verification", "**Verify**: x", "Verifying", "- success criteria:", "How to verify", "  verify_", "\u017fuccess criteria", "» Verify",
		"using var cert = new X509Certificate2(path);", "using (X509Certificate2? c = Load())", "usingvar x=1", "using(var\tx =\n y", "xusing var a = b; using var c = d",
		"using var 1x = 2; using var y = 3", "using X509Certificate2?  = 1", "using var x == y", "using  (  var _a9 =", "using var x", "using var é = 1",
		"If Leg 2 requests mTLS PoP: bind", "only when leg2 uses an mtls pop", "when  is a pop", "if uses   an\tPOP!", "xif is pop", "if is popx", "if leg 2uses pop", "if leg 3 uses pop",
		"when wants a  mtls  pop", "if needs an pop", "if is anpop", "if is mtlspop", "if is a mtls pop_", "when needs \u212apop", "if isa pop",
		"https://login.microsoftonline.com/your-tenant-id/?a=b&c", "  /a//b.. c\t\nd ", "", "YOUR_VALUE", "\u0130your", "yo\xffur/x",
		"TokenBindingCertificate", "bindCertificate: true", "bind", "binding", "bindings", "rebind", "_bind", "Bind(", "tokenbindingcertificate", "Token bindingcertificate",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<10 {
			return
		}
		low := strings.ToLower(s)
		for _, w := range []string{"pop", "mtls_pop", "mtls", "bearer", "popop", `"pop"`, `"bearer"`, "poptokentype", "mtlspoptokentype", "ik"} {
			if got, want := lowerHas(s, w), strings.Contains(low, w); got != want {
				t.Errorf("lowerHas(%q, %q) = %v, strings.Contains of the lower-cased text %v", s, w, got, want)
			}
			if got, want := lowerCount(s, w), strings.Count(low, w); got != want {
				t.Errorf("lowerCount(%q, %q) = %d, strings.Count of the lower-cased text %d", s, w, got, want)
			}
		}
		if got, want := isSchemeWord(s), schemeWordRe.Plain().MatchString(s); got != want {
			t.Errorf("isSchemeWord(%q) = %v, schemeWordRe says %v", s, got, want)
		}
		if got, want := isShrWords(s), shrWordsRe.Plain().MatchString(s); got != want {
			t.Errorf("isShrWords(%q) = %v, shrWordsRe says %v", s, got, want)
		}
		if got, want := isBindingWord(s), bindingWord.Plain().MatchString(s); got != want {
			t.Errorf("isBindingWord(%q) = %v, bindingWord says %v", s, got, want)
		}
		if got, want := isVerificationLabel(s), verificationLabel.Plain().MatchString(s); got != want {
			t.Errorf("isVerificationLabel(%q) = %v, verificationLabel says %v", s, got, want)
		}
		if got, want := usingCert(s), usingCertRe.Plain().FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Errorf("usingCert(%q) = %q, usingCertRe says %q", s, got, want)
		}
		if got, want := isIfLegUsesPop(s), ifLegUsesPopRe.Plain().MatchString(s); got != want {
			t.Errorf("isIfLegUsesPop(%q) = %v, ifLegUsesPopRe says %v", s, got, want)
		}
		var pieces []string
		for _, p := range segmentSplitRe.Plain().Split(s, -1) {
			if p != "" {
				pieces = append(pieces, p)
			}
		}
		if got := placeholderSegments(s); !reflect.DeepEqual(got, pieces) {
			t.Errorf("placeholderSegments(%q) = %q, the non-empty pieces of segmentSplitRe.Split are %q", s, got, pieces)
		}
		if got, want := foldedAt(s, 0, "your"), strings.HasPrefix(low, "your"); got != want {
			t.Errorf("foldedAt(%q, 0, \"your\") = %v, strings.HasPrefix of the lower-cased text %v", s, got, want)
		}
		if got, want := isMtlsSignal(s), mtlsSignalRe.Plain().MatchString(s); got != want {
			t.Errorf("isMtlsSignal(%q) = %v, mtlsSignalRe says %v", s, got, want)
		}
	})
}
