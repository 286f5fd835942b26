package rules

import (
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
)

// PopTestAssertions flags tests that acquire an mTLS PoP token and assert
// neither its token type nor its binding certificate.
var PopTestAssertions = &Rule{
	ID: "pop-test-assertions",
	Doc: `A test that acquires an mTLS PoP token asserts what makes it one.
An mTLS PoP test that only checks for a non-empty access token passes when
MSAL silently returns a bearer token. The guidance's success criteria are
the token type ("mtls_pop") and the binding certificate; a test that checks
the token asserts at least one of them. Tests that expect an exception or
an error code, tests about caches or mocks that never look at the token,
tests named for bearer, and tests that hand the result to an assertion
helper (AssertMtlsPopResult(result)) are not findings.

Bad:
    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    Assert.IsNotNull(result.AccessToken);

Good:
    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    Assert.AreEqual("mtls_pop", result.TokenType);
    Assert.IsNotNull(result.BindingCertificate);`,
	Severity: Warning,
	Topics:   []checklist.Topic{checklist.TopicTokenTypeAssert, checklist.TopicBindingCertCheck},
	Check:    checkPopTestAssertions,
}

// tokenTypeSeen are what a test mentions when it checks the token type or
// the binding certificate (TokenType also covers MtlsPoPTokenType).
var tokenTypeSeen = []string{"TokenType", `"mtls_pop"`, "BindingCertificate"}

var (
	withMtlsPopRe  = regexp.MustCompile(`\.\s*WithMtlsProofOfPossession\s*\(`)
	expectsThrowRe = regexp.MustCompile(`Throws\w*\s*[<(]|\bErrorCode\b|\bAssert\.That\w*\s*\(.*Throws|\.Should\w*\(\)\s*\.\s*Throw|\bcatch\s*(?:\(|\{|$)|ExpectedException`)
	// The test checks the token itself (not only caches, mocks or metadata).
	tokenCheckedRe = regexp.MustCompile(`\bAccessToken\b|\bAssert\.IsNotNull\(\s*\w+\s*[,)]`)
	assertHelperRe = regexp.MustCompile(`\b(?:Assert|Verify|Validate|Check|Ensure)\w*(?:Pop|Mtls|MTLS|Token|Binding|Result|Cert)\w*\s*\(`)
)

// needsPopAsserts reports whether the test method sc acquires and checks
// an mTLS PoP token without asserting its type or binding certificate,
// and is not a negative, bearer or helper-asserted test. It reads line by
// line, cheap substring tests first.
func needsPopAsserts(v *View, sc Scope) bool {
	if strings.Contains(strings.ToLower(v.Code(sc.Header)), "bearer") {
		return false
	}
	var executes, checksToken bool
	for i := max(1, sc.Header-6); i <= sc.End; i++ {
		code := v.Code(i)
		if containsAny(code, tokenTypeSeen...) {
			return false
		}
		if containsAny(code, "Throw", "ErrorCode", "catch", "ExpectedException") && expectsThrowRe.MatchString(code) {
			return false
		}
		if i < sc.Start {
			continue
		}
		executes = executes || strings.Contains(code, "ExecuteAsync")
		checksToken = checksToken || containsAny(code, "AccessToken", "IsNotNull") && tokenCheckedRe.MatchString(code)
		if assertHelperRe.MatchString(code) {
			return false
		}
	}
	return executes && checksToken
}

func checkPopTestAssertions(p *Pass) {
	v := NewView(p)
	if !v.IsCode() || !v.IsTest() {
		return
	}
	done := map[int]bool{}
	for _, l := range v.CodeLines() {
		if !strings.Contains(v.Code(l.N), "WithMtlsProofOfPossession") || !withMtlsPopRe.MatchString(v.Code(l.N)) {
			continue
		}
		sc, ok := v.ScopeAt(l.N)
		if !ok || !sc.Test || done[sc.Start] {
			continue
		}
		done[sc.Start] = true
		if !needsPopAsserts(v, sc) {
			continue
		}
		line := 0
		for i := sc.Start; i <= sc.End; i++ {
			if v.Added(i) && !v.BadExample(i) && withMtlsPopRe.MatchString(v.Code(i)) {
				line = i
				break
			}
		}
		if line == 0 && v.Added(sc.Header) {
			line = sc.Header
		}
		if line == 0 {
			continue
		}
		p.Report(Finding{
			Line:    line,
			Message: `This test acquires an mTLS PoP token but asserts neither its token type nor its binding certificate: add Assert.AreEqual("mtls_pop", result.TokenType) and Assert.IsNotNull(result.BindingCertificate).`,
		})
	}
}
