package rules

import (
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// Leg2UnboundAssertion flags a FIC leg 2 that requests an mTLS PoP token
// but hands WithClientAssertion a bare string, which carries no binding.
var Leg2UnboundAssertion = &Rule{
	ID: "leg2-unbound-assertion",
	Doc: `An mTLS PoP leg 2 returns a ClientSignedAssertion, not a bare string.
Leg 2 of the FIC two-leg flow is bound with jwt-pop only when its
WithClientAssertion callback returns a ClientSignedAssertion whose
TokenBindingCertificate is leg 1's binding certificate. Passing leg 1's
token as a string (WithClientAssertion(leg1Token), or a callback returning
Task.FromResult(jwt)) leaves MSAL nothing to bind, so a leg 2 that asks for
an mTLS PoP token (WithMtlsProofOfPossession on the same application)
cannot get a bound one. The rule judges samples and documents, which
teach the flow (unit tests drive the combination on purpose, with mocks),
and reports only strings it can see: leg 1's AccessToken, a string local or
literal; method groups are left alone.

Bad:
    var leg2App = ConfidentialClientApplicationBuilder.Create(clientId)
        .WithClientAssertion((options, ct) => Task.FromResult(leg1Result.AccessToken))
        .Build();
    var result = await leg2App.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();

Good:
    var leg2App = ConfidentialClientApplicationBuilder.Create(clientId)
        .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
        {
            Assertion = leg1Result.AccessToken,
            TokenBindingCertificate = leg1Result.BindingCertificate
        }))
        .Build();`,
	Severity: Error,
	Topics:   []topic.Topic{topic.TokenBinding},
	Check:    checkLeg2UnboundAssertion,
	Triggers: source.TrigWithClientAssertion,
}

var (
	withClientAssertionRe = prefilter.MustCompile(`\.\s*WithClientAssertion\s*\(`)
	// A lambda's parameter list and arrow: "(options, ct) =>", "async o =>", "() =>".
	lambdaHeadRe = prefilter.MustCompile(`^\s*(?:async\s+)?(?:\([^()]*\)|[A-Za-z_]\w*)\s*=>\s*`)
	// What a lambda returns: Task.FromResult(x), or x itself.
	fromResultRe  = prefilter.MustCompile(`^Task\s*\.\s*FromResult\s*(?:<\s*string\s*>)?\s*\(`)
	memberChainRe = prefilter.MustCompile(`^[A-Za-z_]\w*(?:\s*[?!]?\.\s*[A-Za-z_]\w*)*$`)
	// The application a statement builds: "var leg2App = ...".
	appAssignRe = prefilter.MustCompile(`\b([A-Za-z_]\w*)\s*=\s*(?:await\s+)?(?:ConfidentialClientApplicationBuilder|[A-Za-z_]\w*\s*\.\s*Create\b|new\b)`)
)

func checkLeg2UnboundAssertion(p *Pass) {
	v := NewView(p)
	if v.IsTest() || source.LibraryCode(v) {
		// Unit tests drive this combination on purpose (with mocks, to
		// check a flag or an error), and the library implements it: the
		// rule is for samples and documents that teach the flow.
		return
	}
	for _, l := range v.CheckedCode() {
		code := v.Code(l.N)
		if !strings.Contains(code, "WithClientAssertion") {
			continue
		}
		loc := withClientAssertionRe.FindStringIndex(code)
		if loc == nil {
			continue
		}
		csa := false
		for i := l.N; i < l.N+6 && !csa; i++ {
			csa = strings.Contains(v.Code(i), "ClientSignedAssertion")
		}
		if csa {
			continue // assertion-without-binding judges those
		}
		open := loc[1] - 1
		sp := v.SpanFrom(l.N, 1)
		end := source.CloseParen(sp.Text, open)
		if end < 0 {
			sp = v.SpanFrom(l.N, 20)
			end = source.CloseParen(sp.Text, open)
		}
		if end < 0 {
			continue
		}
		arg := strings.TrimSpace(sp.Text[open+1 : end])
		if strings.Contains(arg, "ClientSignedAssertion") {
			continue // assertion-without-binding judges those
		}
		var text string
		var scoped, built bool
		member := func() string {
			if !built {
				text, scoped = source.MemberCode(v, l.N)
				built = true
			}
			return text
		}
		what := bareStringAssertion(arg, member)
		if what == "" {
			continue
		}
		member()
		if !leg2RequestsMtlsPop(v, l.N, text, scoped) {
			continue
		}
		if scoped && expectsThrowRe.MatchString(text) {
			continue // a negative test: the call is meant to fail
		}
		p.Report(Finding{
			Line:    l.N,
			Column:  loc[0] + 2,
			Message: "Leg 2 of the FIC two-leg flow passes the assertion to WithClientAssertion as a bare string (" + what + ") yet requests an mTLS PoP token: a string has no TokenBindingCertificate, so there is no jwt-pop binding; return new ClientSignedAssertion { Assertion = leg1Result.AccessToken, TokenBindingCertificate = leg1Result.BindingCertificate }.",
		})
	}
}

// bareStringAssertion returns the string WithClientAssertion's argument
// arg passes as the assertion, or "": an AccessToken, a string literal or
// a local the member's code (text) assigns a string to, given directly or returned by a
// lambda (Task.FromResult(x) or => x).
func bareStringAssertion(arg string, text func() string) string {
	if strings.Contains(arg, "ClientSignedAssertion") || arg == "" {
		return ""
	}
	body := arg
	if m := lambdaHeadRe.FindString(arg); m != "" {
		body = strings.TrimSpace(arg[len(m):])
		if strings.HasPrefix(body, "{") {
			// A block body: what it returns.
			i := strings.LastIndex(body, "return ")
			if i < 0 {
				return ""
			}
			body = strings.TrimSpace(body[i+len("return "):])
			if j := strings.IndexByte(body, ';'); j >= 0 {
				body = strings.TrimSpace(body[:j])
			}
		}
		body = strings.TrimPrefix(body, "await ")
		if m := fromResultRe.FindStringIndex(body); m != nil {
			end := source.CloseParen(body, m[1]-1)
			if end < 0 {
				return ""
			}
			body = strings.TrimSpace(body[m[1]:end])
		}
	}
	switch {
	case strings.HasPrefix(body, `"`) && strings.HasSuffix(body, `"`) && len(body) >= 2:
		return "a string literal"
	case !memberChainRe.MatchString(body):
		return ""
	case strings.HasSuffix(body, "AccessToken"):
		return strings.Join(strings.Fields(body), "")
	}
	if strings.Contains(body, ".") {
		return ""
	}
	if stringLocal(text(), body) {
		return body
	}
	return ""
}

// stringLocal reports whether code text declares name a string: string
// name = ..., or var/name = x.AccessToken or a string literal.
func stringLocal(text, name string) bool {
	q := regexp.QuoteMeta(name)
	re := regexp.MustCompile(`\bstring\s+` + q + `\b|\b` + q + `\s*=\s*(?:[A-Za-z_][\w?!.]*\.\s*AccessToken\b|@?"|\$")`)
	return re.MatchString(text)
}

// leg2RequestsMtlsPop reports whether the application whose builder calls
// WithClientAssertion on line n acquires with WithMtlsProofOfPossession:
// the application variable the statement assigns, followed to an
// AcquireTokenForClient(..).WithMtlsProofOfPossession() in text; without a
// variable, a WithMtlsProofOfPossession after line n in the same member.
func leg2RequestsMtlsPop(v *source.View, n int, text string, scoped bool) bool {
	stmt := v.StatementAt(n)
	if m := appAssignRe.FindStringSubmatch(stmt); m != nil {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(m[1]) + `\s*\.\s*AcquireTokenForClient\s*\([^;]*?\.\s*WithMtlsProofOfPossession\s*\(`)
		return re.MatchString(text)
	}
	if !scoped {
		return false
	}
	sc, _ := v.ScopeAt(n)
	for i := n; i <= sc.End; i++ {
		if withMtlsPopRe.MatchString(v.Code(i)) {
			return true
		}
	}
	return false
}
