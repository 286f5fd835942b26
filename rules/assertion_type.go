package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// AssertionType flags near-misses of the jwt-pop client assertion type and
// FIC mTLS PoP tests that assert jwt-bearer.
var AssertionType = &Rule{
	ID: "assertion-type",
	Doc: `A bound assertion's client_assertion_type is jwt-pop, spelt exactly.
When leg 2 of the FIC two-leg flow returns a ClientSignedAssertion with a
TokenBindingCertificate, MSAL sends client_assertion_type
urn:ietf:params:oauth:client-assertion-type:jwt-pop. A misspelt value in a
test, a mock or a document checks nothing (or the wrong thing), and a test
that binds a certificate yet asserts jwt-bearer enshrines the fallback the
binding exists to prevent. Other URNs (grant types, jwt-bearer itself) are
not findings.

Bad:
    Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt_pop", clientAssertionType);
    Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", clientAssertionType); // with TokenBindingCertificate = cert

Good:
    Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-pop", clientAssertionType);`,
	Severity: Error,
	Topics:   []topic.Topic{topic.AssertionType},
	Check:    checkAssertionType,
	Triggers: source.TrigURN | source.TrigBearer,
}

const (
	jwtPopType    = "urn:ietf:params:oauth:client-assertion-type:jwt-pop"
	jwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
)

var (
	urnTokenRe = prefilter.MustCompile(`(?i)urn[:_][\w:.\-]+|[\w\-]*assertion[-_]type[\w:.\-]*`)
	assertRe   = prefilter.MustCompile(`\bAssert\w*\.\w+\s*\(|\.Should\w*\(`)
	bearerRe2  = prefilter.MustCompile(`"` + regexp.QuoteMeta(jwtBearerType) + `"|\bOAuth2AssertionType\.JwtBearer\b|"jwt-bearer"`)
	boundRe    = prefilter.MustCompile(`\bTokenBindingCertificate\s*=\s*([A-Za-z_][\w.]*)`)
)

// assertionTypeProblem returns what is wrong with token t, or "".
func assertionTypeProblem(t string) string {
	t = strings.TrimRight(t, ".:-")
	l := strings.ToLower(t)
	if t == jwtPopType || t == jwtBearerType || strings.Contains(l, "grant-type") || strings.Contains(l, "grant_type") || strings.Contains(l, "token-type") {
		return ""
	}
	dp := editDistance(l, jwtPopType)
	db := editDistance(l, jwtBearerType)
	if dp > 8 || db < dp {
		return ""
	}
	return fmt.Sprintf("%q is a near-miss of the jwt-pop client_assertion_type", t)
}

func checkAssertionType(p *Pass) {
	v := NewView(p)
	report := func(line, col int, msg, sugg string) {
		p.Report(Finding{Line: line, Column: col, Message: msg, Suggestion: sugg})
	}
	for _, l := range v.CheckedCode() {
		if !v.HasFold(l.N, source.TrigURN) {
			continue
		}
		code := v.Code(l.N)
		for _, lit := range source.Literals(code) {
			for _, t := range urnTokenRe.FindAllString(lit.Value, -1) {
				if pr := assertionTypeProblem(t); pr != "" {
					sugg := ""
					if t == lit.Value {
						sugg = literalSuggestion(v, l.N, lit, jwtPopType)
					}
					report(l.N, lit.Col, pr+`: use "`+jwtPopType+`" (OAuth2AssertionType.JwtPop).`, sugg)
					break
				}
			}
		}
	}
	for _, l := range v.CheckedProse() {
		if !v.HasFold(l.N, source.TrigURN) {
			continue
		}
		for _, t := range urnTokenRe.FindAllStringIndex(l.Text, -1) {
			if pr := assertionTypeProblem(l.Text[t[0]:t[1]]); pr != "" {
				sugg := ""
				if tt := strings.TrimRight(l.Text[t[0]:t[1]], ".:-"); tt == l.Text[t[0]:t[1]] {
					sugg = spanSuggestion(v, l.N, t[0], t[1], jwtPopType)
				}
				report(l.N, t[0]+1, pr+`: write "`+jwtPopType+`".`, sugg)
				break
			}
		}
	}
	if !p.Flow.Has(flow.FIC) || !(v.IsTest() || v.IsMarkdown()) {
		return
	}
	for _, l := range v.CheckedCode() {
		code := v.Code(l.N)
		if !source.ContainsAny(code, "Assert", "Should") {
			continue
		}
		hasBearer := false
		for i := l.N; i < l.N+6 && !hasBearer; i++ {
			hasBearer = v.HasFold(i, source.TrigBearer)
		}
		if !hasBearer || !assertRe.MatchString(code) {
			continue
		}
		sp := v.SpanFrom(l.N, 6)
		stmt := sp.Text
		if i := strings.IndexByte(stmt, ';'); i >= 0 {
			stmt = stmt[:i]
		}
		bm := bearerRe2.FindStringIndex(stmt)
		if bm == nil {
			continue
		}
		at := sp.LineAt(bm[0])
		sc, ok := v.ScopeAt(l.N)
		if !ok {
			continue
		}
		bound := ""
		for i := sc.Start; i <= sc.End; i++ {
			for _, m := range boundRe.FindAllStringSubmatch(v.Code(i), -1) {
				if m[1] != "null" {
					bound = m[1]
				}
			}
		}
		if bound == "" {
			continue
		}
		sugg := ""
		for _, lit := range source.Literals(v.Code(at)) {
			if lit.Value == jwtBearerType {
				sugg = literalSuggestion(v, at, lit, jwtPopType)
			}
		}
		report(at, 0, fmt.Sprintf("This FIC mTLS PoP test binds the assertion (TokenBindingCertificate = %s) yet asserts jwt-bearer: a bound assertion is sent as \"%s\"; assert that.", bound, jwtPopType), sugg)
	}
}
