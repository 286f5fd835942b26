package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/flow"
)

// AssertionWithoutBinding flags ClientSignedAssertion initializers without
// TokenBindingCertificate in FIC two-leg mTLS PoP changes.
var AssertionWithoutBinding = &Rule{
	ID: "assertion-without-binding",
	Doc: `In the FIC two-leg flow, ClientSignedAssertion carries TokenBindingCertificate.
Leg 2 exchanges the leg 1 assertion through WithClientAssertion; only when
the returned ClientSignedAssertion has a TokenBindingCertificate does MSAL
bind it with client_assertion_type jwt-pop and use the mTLS endpoint.
Without it the exchange silently falls back to a jwt-bearer assertion. A
helper whose binding switch defaults to false makes the unbound form the
default. The rule runs only where the change does FIC with mTLS PoP; an
explicit TokenBindingCertificate = null (a negative test), an adapter from
a string assertion delegate and a test named for bearer are not findings.

Bad:
    .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
    {
        Assertion = leg1Result.AccessToken
    }))

Good:
    .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
    {
        Assertion = leg1Result.AccessToken,
        TokenBindingCertificate = leg1Result.BindingCertificate
    }))`,
	Severity: Error,
	Topics:   []checklist.Topic{checklist.TopicTokenBinding},
	Check:    checkAssertionWithoutBinding,
}

var (
	newCSARe   = regexp.MustCompile(`\bnew\s+(?:Microsoft\.Identity\.Client\.)?ClientSignedAssertion\b`)
	initOpenRe = regexp.MustCompile(`^\s*(?:\(\s*\))?\s*\{`)
	// Assertion = await getAssertion(...) / _delegate.Invoke(...): an adapter
	// from a string assertion callback.
	adapterRe = regexp.MustCompile(`\bAssertion\s*=\s*(?:await\s+)?[\w.]*(?:[Dd]elegate|[Cc]allback|[Pp]rovider|[Ff]unc)\w*\s*(?:\.Invoke)?\s*\(`)
	// TokenBindingCertificate = flag ? cert : null
	condBindRe = regexp.MustCompile(`\bTokenBindingCertificate\s*=\s*([A-Za-z_]\w*)\s*\?[^:;]+:\s*null\b`)
)

func checkAssertionWithoutBinding(p *Pass) {
	if !p.Flow.Has(flow.FIC) {
		return
	}
	v := NewView(p)
	flags := map[string]int{}
	for _, l := range v.CodeLines() {
		code := v.Code(l.N)
		if !strings.Contains(code, "ClientSignedAssertion") && !strings.Contains(code, "TokenBindingCertificate") {
			continue
		}
		if strings.Contains(code, "null") && strings.Contains(code, "?") {
			if m := condBindRe.FindStringSubmatch(code); m != nil {
				flags[m[1]] = l.N
			}
		}
		loc := newCSARe.FindStringIndex(code)
		if loc == nil || v.BadExample(l.N) {
			continue
		}
		sp := v.spanFrom(l.N, 1)
		if strings.Count(sp.text[loc[1]:], "{") != strings.Count(sp.text[loc[1]:], "}") || !strings.Contains(sp.text[loc[1]:], "{") {
			sp = v.spanFrom(l.N, 40)
		}
		open := initOpenRe.FindStringIndex(sp.text[loc[1]:])
		if open == nil {
			continue // a constructor call or later assignments: cannot tell
		}
		brace := loc[1] + open[1] - 1
		end := closeParen(sp.text, brace)
		if end < 0 {
			continue
		}
		init := sp.text[brace : end+1]
		if strings.Contains(init, "TokenBindingCertificate") || adapterRe.MatchString(init) {
			continue
		}
		if sc, ok := v.ScopeAt(l.N); ok && sc.Header != 0 && v.IsTest() && strings.Contains(strings.ToLower(v.Code(sc.Header)), "bearer") {
			continue
		}
		line := 0
		for i := l.N; i <= sp.lineAt(end); i++ {
			if v.Added(i) && !v.BadExample(i) {
				line = i
				break
			}
		}
		if line == 0 {
			continue
		}
		p.Report(Finding{
			Line:    line,
			EndLine: sp.lineAt(end),
			Message: "ClientSignedAssertion has no TokenBindingCertificate, so leg 2 of the FIC two-leg flow sends a jwt-bearer assertion instead of jwt-pop: set TokenBindingCertificate = leg1Result.BindingCertificate (a deliberate bearer test sets it to null explicitly).",
		})
	}
	if len(flags) == 0 {
		return
	}
	res := map[string]*regexp.Regexp{}
	for name := range flags {
		res[name] = regexp.MustCompile(`\bbool\s+` + regexp.QuoteMeta(name) + `\s*=\s*false\b`)
	}
	for _, l := range v.CheckedCode() {
		code := v.Code(l.N)
		if !strings.Contains(code, "bool") {
			continue
		}
		for name, at := range flags {
			if res[name].MatchString(code) {
				p.Report(Finding{
					Line: l.N,
					Message: fmt.Sprintf("%s defaults to false, so the ClientSignedAssertion built at line %d has no TokenBindingCertificate unless every caller opts in and leg 2 is not jwt-pop: bind by default (%s = true) or require the argument.",
						name, at, name),
				})
			}
		}
	}
}
