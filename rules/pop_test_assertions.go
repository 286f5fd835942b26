package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
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
helper (AssertMtlsPopResult(result)) are not findings. The
TokenBindingCertificate an assertion is built with and a mock that returns
tokenType "mtls_pop" assert nothing. Test snippets in documents (a C# block
that acquires and asserts) are judged too.

Bad:
    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    Assert.IsNotNull(result.AccessToken);

Good:
    var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    Assert.AreEqual("mtls_pop", result.TokenType);
    Assert.IsNotNull(result.BindingCertificate);`,
	Severity: Warning,
	Topics:   []topic.Topic{topic.TokenTypeAssert, topic.BindingCertCheck},
	Check:    checkPopTestAssertions,
	Triggers: source.TrigWithMtlsPop,
}

var (
	withMtlsPopRe  = prefilter.MustCompile(`\.\s*WithMtlsProofOfPossession\s*\(`)
	expectsThrowRe = prefilter.MustCompile(`Throws\w*\s*[<(]|\bErrorCode\b|\bAssert\.That\w*\s*\(.*Throws|\.Should\w*\(\)\s*\.\s*Throw|\bcatch\s*(?:\(|\{|$)|ExpectedException`)
	// The test checks the token itself (not only caches, mocks or metadata).
	tokenCheckedRe = prefilter.MustCompile(`\bAccessToken\b|\bAssert\.IsNotNull\(\s*\w+\s*[,)]`)
	assertHelperRe = prefilter.MustCompile(`\b(?:Assert|Verify|Validate|Check|Ensure)\w*(?:Pop|Mtls|MTLS|Token|Binding|Result|Cert)\w*\s*\(`)
	// A read of a result's TokenType or BindingCertificate (not a mock's
	// TokenType = ..., not the TokenBindingCertificate of an assertion).
	resultPropRe = prefilter.MustCompile(`\.\s*(?:TokenType|BindingCertificate)\b(?:\s*(?:[^=\s]|==)|\s*$)`)
	// What an assertion of the token type says besides a property read.
	tokenTypeValueRe = prefilter.MustCompile(`"mtls_pop"|\bMtlsPoPTokenType\b`)
	// A statement that asserts or checks.
	assertionStmtRe = prefilter.MustCompile(`\bAssert\w*\s*\.|\.\s*Should\w*\s*\(|\bthrow\b|\bVerify\w*\s*\(|\bExpect\w*\s*\(`)
	// The TokenBindingCertificate an assertion is built with.
	tokenBindingAssignRe = prefilter.MustCompile(`\bTokenBindingCertificate\s*=\s*[^,;}\n]*`)
	assertCallRe         = prefilter.MustCompile(`\bAssert\w*\s*\.\s*\w+\s*\(|\.\s*Should\w*\s*\(`)
)

// assertsPopProperty reports whether code line i of v checks what makes
// the token an mTLS PoP one: it reads a result's TokenType or
// BindingCertificate, or asserts "mtls_pop". A mock that returns
// tokenType "mtls_pop" and the TokenBindingCertificate given to an
// assertion are not such checks.
func assertsPopProperty(v *source.View, i int) bool {
	code := v.Code(i)
	if !source.ContainsAny(code, "TokenType", "BindingCertificate", "mtls_pop", "MtlsPoPTokenType") {
		return false
	}
	bare := tokenBindingAssignRe.ReplaceAllString(source.BlankLiterals(code), "")
	if resultPropRe.MatchString(bare) {
		return true
	}
	return tokenTypeValueRe.MatchString(code) && assertionStmtRe.MatchString(v.StatementAt(i))
}

// needsPopAsserts reports whether the code of lines from..to (a test
// method with the lines of attributes above it, or a test snippet of a
// document) acquires and checks an mTLS PoP token without asserting its
// type or binding certificate, and is not a negative, bearer or
// helper-asserted test. Lines before body do not count as checking the
// token (attributes, the header). It reads line by line, cheap substring
// tests first.
func needsPopAsserts(v *source.View, from, body, to int) bool {
	var executes, checksToken bool
	for i := from; i <= to; i++ {
		code := v.Code(i)
		if source.ContainsAny(code, "Throw", "ErrorCode", "catch", "ExpectedException") && expectsThrowRe.MatchString(code) {
			return false
		}
		if i < body {
			// Above the header: only its attributes ([ExpectedException])
			// count; the end of the member before is not this test.
			continue
		}
		if assertsPopProperty(v, i) {
			return false
		}
		executes = executes || strings.Contains(code, "ExecuteAsync")
		checksToken = checksToken || source.ContainsAny(code, "AccessToken", "IsNotNull") && tokenCheckedRe.MatchString(code)
		if source.ContainsAny(code, "Assert", "Verify", "Validate", "Check", "Ensure") && assertHelperRe.MatchString(code) {
			return false
		}
	}
	return executes && checksToken
}

func checkPopTestAssertions(p *Pass) {
	v := NewView(p)
	switch {
	case v.IsCode() && v.IsTest():
		checkPopTestMethods(p, v)
	case v.IsMarkdown():
		checkPopTestSnippets(p, v)
	}
}

// popTestMessage is the finding's message.
const popTestMessage = `This test acquires an mTLS PoP token but asserts neither its token type nor its binding certificate: add Assert.AreEqual("mtls_pop", result.TokenType) and Assert.IsNotNull(result.BindingCertificate).`

// lastAcquisition returns the last line of from..to that the change added
// and that calls WithMtlsProofOfPossession (the token the test ends with),
// outside bad examples; 0 when there is none.
func lastAcquisition(v *source.View, from, to int) int {
	line := 0
	for i := from; i <= to; i++ {
		if v.Added(i) && !v.BadExample(i) && withMtlsPopRe.MatchString(v.Code(i)) {
			line = i
		}
	}
	return line
}

func checkPopTestMethods(p *Pass, v *source.View) {
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
		if strings.Contains(strings.ToLower(v.Code(sc.Header)), "bearer") || !needsPopAsserts(v, max(1, sc.Header-6), sc.Start, sc.End) {
			continue
		}
		line := lastAcquisition(v, sc.Start, sc.End)
		if line == 0 && v.Added(sc.Header) {
			line = sc.Header
		}
		if line == 0 {
			continue
		}
		p.Report(Finding{Line: line, Message: popTestMessage})
	}
}

// checkPopTestSnippets judges the C# blocks of a document that hold a
// test: code that acquires with WithMtlsProofOfPossession and then
// asserts on the result. Everything from the acquisition to the end of
// the block must be known (the change may show only part of the block);
// the finding goes on the acquisition when the change added it, else on
// the first added assertion after it.
func checkPopTestSnippets(p *Pass, v *source.View) {
	for _, b := range v.Blocks() {
		if !b.CSharp() || b.Close == 0 {
			continue
		}
		acq := 0
		for i := b.Start; i <= b.End; i++ {
			if v.Known(i) && strings.Contains(v.Code(i), "WithMtlsProofOfPossession") && withMtlsPopRe.MatchString(v.Code(i)) {
				acq = i
			}
		}
		if acq == 0 {
			continue
		}
		from := acq
		for from > b.Start && v.Known(from-1) {
			from--
		}
		known, asserts := true, false
		for i := acq; i <= b.End; i++ {
			known = known && v.Known(i)
			asserts = asserts || assertCallRe.MatchString(v.Code(i))
		}
		header := strings.ToLower(v.Text(b.Intro))
		for i := from; i <= acq; i++ {
			if source.LooksLikeHeader(v.Code(i)) && source.MethodHeaderRe.MatchString(v.Code(i)) {
				header += strings.ToLower(v.Code(i))
			}
		}
		if !known || !asserts || strings.Contains(header, "bearer") || !needsPopAsserts(v, from, from, b.End) {
			continue
		}
		line := lastAcquisition(v, from, b.End)
		for i := acq + 1; line == 0 && i <= b.End; i++ {
			if v.Added(i) && !v.BadExample(i) && assertCallRe.MatchString(v.Code(i)) {
				line = i
			}
		}
		if line == 0 {
			continue
		}
		p.Report(Finding{Line: line, Message: popTestMessage})
	}
}
