package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// ExchangeAudience flags near-misses of api://AzureADTokenExchange.
var ExchangeAudience = &Rule{
	ID: "exchange-audience",
	Doc: `Leg 1 targets exactly api://AzureADTokenExchange.
The FIC two-leg flow's leg 1 acquires its assertion for the token exchange
audience api://AzureADTokenExchange (scope api://AzureADTokenExchange/.default
for a confidential client). A typo, a different case, a missing api:// or a
missing /.default in a scope gives an assertion leg 2 cannot exchange, and
the failure shows up far away, at the exchange. Names and constants are
not checked, only literals in code and quoted values in documents. A leg 1
whose audience is a placeholder ("api://your-app-id/.default") is reported
too, where the code shows it is leg 1: its token becomes leg 2's assertion,
or a comment or name says leg 1 in a file about the FIC exchange.

Bad:
    .AcquireTokenForClient(new[] { "api://AzureAdTokenExchange/.default" })
    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange" })

Good:
    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })
    .AcquireTokenForManagedIdentity("api://AzureADTokenExchange")`,
	Severity: Warning,
	Topics:   []topic.Topic{topic.ExchangeAudience},
	Check:    checkExchangeAudience,
	Triggers: source.TrigAudience | source.TrigAPIURI,
}

const (
	exchangeAudience = "api://AzureADTokenExchange"
	exchangeCore     = "AzureADTokenExchange"
)

var (
	// A URI-ish token: optional scheme, a name, an optional path.
	audTokenRe  = prefilter.MustCompile(`(?:[A-Za-z][A-Za-z0-9+.-]*:/*)?[A-Za-z][\w-]*(?:/[\w.\-]*)*`)
	audSchemeRe = prefilter.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:/*`)
	// Text before a literal that makes it a scope: AcquireTokenForClient(new[] { or scopes = {.
	scopeBeforeRe = prefilter.MustCompile(`(?:AcquireTokenForClient\s*\(\s*(?:new\s*(?:string\s*)?\[\s*\]\s*)?\{?|\b\w*[Ss]copes?\w*\s*=\s*(?:new\s*(?:string\s*)?\[\s*\]\s*)?\{?|\bconst\s+string\s+\w*[Ss]cope\w*\s*=)\s*$`)
	inlineCodeRe  = prefilter.MustCompile("`[^`]+`|\"[^\"]+\"")
)

// audienceProblem says what is wrong with token t as the exchange
// audience, or "" when t is not a near-miss (or is right). asScope is set
// when t is used as a scope, literal when t is a code string literal (a
// bare AzureADTokenExchange in prose may be a name, in a literal it is a
// value missing its scheme).
func audienceProblem(t string, asScope, literal bool) string {
	scheme := audSchemeRe.FindString(t)
	rest := t[len(scheme):]
	core, suffix := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		core, suffix = rest[:i], rest[i:]
	}
	if len(core) < 14 || len(core) > 26 {
		return ""
	}
	if d := editDistance(strings.ToLower(core), strings.ToLower(exchangeCore)); d > 3 {
		return ""
	}
	switch {
	case scheme == "" && suffix == "" && core == exchangeCore && !literal:
		// A bare name (a constant's name in prose): not a value.
		return ""
	case core != exchangeCore && strings.EqualFold(core, exchangeCore):
		return fmt.Sprintf("%q differs from the exchange audience in case", t)
	case core != exchangeCore:
		return fmt.Sprintf("%q looks like a misspelt exchange audience", t)
	case scheme != "api://":
		if scheme == "" {
			return fmt.Sprintf("%q is missing the api:// scheme", t)
		}
		return fmt.Sprintf("%q has the scheme %q instead of api://", t, scheme)
	case suffix != "" && suffix != "/.default":
		return fmt.Sprintf("%q has the path %q where a scope ends in /.default", t, suffix)
	case suffix == "" && asScope:
		return fmt.Sprintf("%q is used as a scope without /.default", t)
	}
	return ""
}

// audienceFix returns the exchange audience token t was meant to be: the
// audience, or its scope when t is used as a scope or has a path.
func audienceFix(t string, asScope bool) string {
	rest := t[len(audSchemeRe.FindString(t)):]
	if asScope || strings.Contains(rest, "/") {
		return exchangeAudience + "/.default"
	}
	return exchangeAudience
}

func checkExchangeAudience(p *Pass) {
	v := NewView(p)
	report := func(line, col int, problem, sugg string) {
		p.Report(Finding{
			Line:       line,
			Column:     col,
			Message:    problem + `: leg 1 of the FIC two-leg flow targets exactly "` + exchangeAudience + `" (scope "` + exchangeAudience + `/.default").`,
			Suggestion: sugg,
		})
	}
	for _, l := range v.CheckedCode() {
		if !v.HasFold(l.N, source.TrigAudience) {
			continue
		}
		code := v.Code(l.N)
		for _, lit := range source.Literals(code) {
			val := lit.Value
			if lit.Interpolated {
				val = interpolationRe.ReplaceAllString(val, " ")
			}
			before := code[max(0, lit.Col-1-120) : lit.Col-1]
			before = strings.TrimRight(before, "@$")
			whole := strings.TrimSpace(val)
			for _, t := range audTokenRe.FindAllString(val, -1) {
				asScope := t == whole && strings.HasSuffix(t, exchangeCore) && scopeBeforeRe.MatchString(before)
				if pr := audienceProblem(t, asScope, true); pr != "" {
					sugg := ""
					if t == lit.Value {
						sugg = literalSuggestion(v, l.N, lit, audienceFix(t, asScope))
					}
					report(l.N, lit.Col, pr, sugg)
					break
				}
			}
		}
	}
	checkLeg1Placeholder(p, v)
	for _, l := range v.CheckedProse() {
		if strings.Contains(l.Text, "api://") && leg1WordRe.MatchString(l.Text) {
			// "Leg 1 asks for `api://your-app-id/.default`": a placeholder
			// where the exchange audience belongs.
			for _, q := range inlineCodeRe.FindAllStringIndex(l.Text, -1) {
				seg := strings.TrimSpace(l.Text[q[0]+1 : q[1]-1])
				if strings.HasPrefix(seg, "api://") && placeholderIn(strings.TrimPrefix(seg, "api://")) != "" {
					p.Report(Finding{
						Line:    l.N,
						Column:  q[0] + 1,
						Message: fmt.Sprintf(`Leg 1 of the FIC two-leg flow asks for %q, a placeholder audience: leg 1 targets exactly "%s" (scope "%s/.default"), the audience the federated credential trusts.`, seg, exchangeAudience, exchangeAudience),
					})
					break
				}
			}
		}
		if !v.HasFold(l.N, source.TrigAudience) {
			continue
		}
		for _, q := range inlineCodeRe.FindAllStringIndex(l.Text, -1) {
			seg := l.Text[q[0]+1 : q[1]-1]
			for _, t := range audTokenRe.FindAllString(seg, -1) {
				if pr := audienceProblem(t, false, false); pr != "" {
					sugg := ""
					if t == seg {
						sugg = spanSuggestion(v, l.N, q[0]+1, q[1]-1, audienceFix(t, false))
					}
					report(l.N, q[0]+1, pr, sugg)
					break
				}
			}
		}
	}
}

var (
	// An acquisition whose audience a literal gives.
	acquireCallRe = prefilter.MustCompile(`\b(?:AcquireTokenForClient|AcquireTokenForManagedIdentity)\s*\(`)
	// The result a statement assigns: "var leg1 = await app...".
	resultAssignRe = prefilter.MustCompile(`(?:^|[\s(;{])([A-Za-z_]\w*)\s*=\s*(?:await\s+)?[^=;]*$`)
	// A comment or name that calls the acquisition leg 1.
	leg1WordRe = prefilter.MustCompile(`(?i)\bleg[- ]?1\b|\bleg[- ]?one\b|\bfirst leg\b|\bleg1`)
	ficWordRe  = prefilter.MustCompile(`(?i)\bFIC\b|federated|token exchange|WithClientAssertion|ClientSignedAssertion|two-leg`)
)

// checkLeg1Placeholder reports leg 1 acquisitions of the FIC two-leg flow
// whose audience is a placeholder ("api://your-app-id/.default") where
// leg 1 must ask for api://AzureADTokenExchange. An acquisition is leg 1
// when its token becomes the assertion of leg 2 (Assertion = r.AccessToken,
// WithClientAssertion(.. r.AccessToken ..), through one local), or when a
// comment or name on it says leg 1 in a file about the FIC exchange.
func checkLeg1Placeholder(p *Pass, v *source.View) {
	for _, l := range v.CheckedCode() {
		code := v.Code(l.N)
		if !strings.Contains(code, "api://") {
			continue
		}
		for _, lit := range source.Literals(code) {
			if !strings.HasPrefix(lit.Value, "api://") || lit.Interpolated {
				continue
			}
			ph := placeholderIn(strings.TrimPrefix(lit.Value, "api://"))
			if ph == "" {
				continue
			}
			if !isLeg1Acquisition(v, l.N) {
				continue
			}
			fix := exchangeAudience
			if strings.HasSuffix(lit.Value, "/.default") {
				fix += "/.default"
			}
			p.Report(Finding{
				Line:       l.N,
				Column:     lit.Col,
				Message:    fmt.Sprintf(`Leg 1 of the FIC two-leg flow asks for %q, a placeholder audience: leg 1 targets exactly "%s" (scope "%s/.default"), the audience the federated credential trusts.`, lit.Value, exchangeAudience, exchangeAudience),
				Suggestion: literalSuggestion(v, l.N, lit, fix),
			})
		}
	}
}

// isLeg1Acquisition reports whether code line n is part of an acquisition
// that is leg 1 of the FIC two-leg flow (see checkLeg1Placeholder).
func isLeg1Acquisition(v *source.View, n int) bool {
	stmt := v.StatementAt(n)
	call := acquireCallRe.FindStringIndex(stmt)
	if call == nil {
		return false
	}
	res := ""
	if m := resultAssignRe.FindStringSubmatch(stmt[:call[0]]); m != nil {
		res = m[1]
	}
	// The code the result may flow into: the member, else the file.
	text := ""
	if sc, ok := v.ScopeAt(n); ok && !v.IsMarkdown() {
		text = v.ScopeSpan(sc).Text
	} else {
		var b strings.Builder
		for _, l := range v.CodeLines() {
			b.WriteString(v.Code(l.N))
			b.WriteByte('\n')
		}
		text = b.String()
	}
	if res != "" && feedsAssertion(text, res) {
		return true
	}
	said := leg1WordRe.MatchString(res)
	for i := n - 3; i <= n+1 && !said; i++ {
		if v.IsCodeLine(i) {
			said = commentSays(v, i)
		}
	}
	if !said {
		return false
	}
	for i := 1; i <= v.Len(); i++ {
		if ficWordRe.MatchString(v.Text(i)) {
			return true
		}
	}
	return false
}

// commentSays reports whether a comment on line i says leg 1.
func commentSays(v *source.View, i int) bool {
	t := v.Text(i)
	c := v.Code(i)
	if len(c) > len(t) {
		return false
	}
	// Code blanks comments with spaces: what differs is comment text.
	var b strings.Builder
	for k := 0; k < len(t); k++ {
		if t[k] != c[k] {
			b.WriteByte(t[k])
		}
	}
	return leg1WordRe.MatchString(b.String())
}

// feedsAssertion reports whether the access token of result res becomes a
// client assertion in code text: Assertion = res.AccessToken, a
// WithClientAssertion call that reads it, or a local holding it that one
// of those uses.
func feedsAssertion(text, res string) bool {
	q := regexp.QuoteMeta(res)
	tok := `\b` + q + `\s*[?!]?\.\s*AccessToken\b`
	direct := regexp.MustCompile(`\bAssertion\s*=\s*` + tok + `|WithClientAssertion\s*\([^;]*` + tok)
	if direct.MatchString(text) {
		return true
	}
	local := regexp.MustCompile(`\b([A-Za-z_]\w*)\s*=\s*` + tok)
	for _, m := range local.FindAllStringSubmatch(text, -1) {
		l := regexp.QuoteMeta(m[1])
		uses := regexp.MustCompile(`\bAssertion\s*=\s*` + l + `\b|WithClientAssertion\s*\([^;]*\b` + l + `\b|FromResult\s*\(\s*` + l + `\s*\)`)
		if uses.MatchString(text) {
			return true
		}
	}
	return false
}
