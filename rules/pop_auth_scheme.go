package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
)

// PopAuthScheme flags Authorization headers that send an mTLS PoP token
// under "PoP", "pop" or "Bearer" instead of its token type.
var PopAuthScheme = &Rule{
	ID: "pop-auth-scheme",
	Doc: `Send an mTLS PoP token under its token type, not "PoP" or "Bearer".
The HTTP Authorization scheme for an mTLS PoP token is the token type MSAL
returns (result.TokenType, "mtls_pop"). "PoP" is the Signed-HTTP-Request
PoP scheme and "Bearer" is for unbound tokens; a resource that checks the
binding rejects both, and an mTLS PoP sample that hard-codes one teaches
the bug. Signed-HTTP-Request PoP code is left alone, and "Bearer" is only
reported when the token comes from a WithMtlsProofOfPossession acquisition
in the same scope.

Bad:
    new AuthenticationHeaderValue("PoP", result.AccessToken)

Good:
    new AuthenticationHeaderValue(result.TokenType, result.AccessToken)`,
	Severity: Error,
	Topics:   []checklist.Topic{checklist.TopicAuthScheme},
	Check:    checkPopAuthScheme,
}

var (
	// The scheme literal of an Authorization header and what follows it.
	authSchemeRe = regexp.MustCompile(`(?:\bAuthenticationHeaderValue\s*\(\s*(?:scheme\s*:\s*)?"(\w+)"\s*,\s*(?:parameter\s*:\s*)?([^)]*)|\bAuthorization"?\s*\]?\s*(?:=|,)\s*\$?"(\w+)\s+\{?([^}"]*))`)
	mtlsSignalRe = regexp.MustCompile(`WithMtlsProofOfPossession|BindingCertificate|mtls_pop|MtlsPop|mTLS|Mtls`)
	shrSignalRe  = regexp.MustCompile(`WithSignedHttpRequestProofOfPossession|WithProofOfPosession|WithProofOfPossession\s*\(|Po[Pp]AuthenticationConfiguration|SignedHttpRequest|WithPopNonce`)
)

func checkPopAuthScheme(p *Pass) {
	v := NewView(p)
	var cands []SourceLine
	for _, l := range v.CheckedCode() {
		if containsAny(v.Code(l.N), "Authorization", "AuthenticationHeaderValue") {
			cands = append(cands, l)
		}
	}
	if len(cands) == 0 {
		return
	}
	var mtls, shr bool
	for n := 1; n <= v.Len(); n++ {
		t := v.Text(n)
		mtls = mtls || containsAny(t, "Mtls", "mtls", "mTLS", "BindingCertificate") && mtlsSignalRe.MatchString(t)
		shr = shr || containsAny(t, "ProofOfPos", "AuthenticationConfiguration", "SignedHttpRequest", "WithPopNonce") && shrSignalRe.MatchString(t)
	}
	if !mtls || shr {
		return
	}
	for _, l := range cands {
		code := v.Code(l.N)
		for _, m := range authSchemeRe.FindAllStringSubmatch(code, -1) {
			scheme, tok := m[1], m[2]
			if scheme == "" {
				scheme, tok = m[3], m[4]
			}
			switch strings.ToLower(scheme) {
			case "pop":
			case "bearer":
				if !fromMtlsPop(v, l.N, tok) {
					continue
				}
			default:
				continue
			}
			p.Report(Finding{
				Line:    l.N,
				Message: fmt.Sprintf("Authorization scheme %q for an mTLS PoP token: the scheme is the token type (\"mtls_pop\"); use new AuthenticationHeaderValue(result.TokenType, result.AccessToken).", scheme),
			})
		}
	}
}

var bareIdentRe = regexp.MustCompile(`^[A-Za-z_]\w*$`)

var accessTokenOfRe = regexp.MustCompile(`([A-Za-z_]\w*)\s*[?!]?\.\s*AccessToken\b`)

// fromMtlsPop reports whether token expression tok, used on line n, is the
// access token of a result acquired with WithMtlsProofOfPossession in the
// same scope (following one local: var t = result.AccessToken).
func fromMtlsPop(v *View, n int, tok string) bool {
	sc, ok := v.ScopeAt(n)
	if !ok {
		return false
	}
	text := v.scopeSpan(sc).text
	res := ""
	if m := accessTokenOfRe.FindStringSubmatch(tok); m != nil {
		res = m[1]
	} else if id := strings.TrimSpace(tok); bareIdentRe.MatchString(id) {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(id) + `\s*=\s*([A-Za-z_]\w*)\s*[?!]?\.\s*AccessToken\b`)
		if m := re.FindStringSubmatch(text); m != nil {
			res = m[1]
		}
	}
	if res == "" {
		return false
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(res) + `\s*=\s*[^;]*?\.\s*WithMtlsProofOfPossession\s*\(`)
	return re.MatchString(text)
}
