package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
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
not checked, only literals in code and quoted values in documents.

Bad:
    .AcquireTokenForClient(new[] { "api://AzureAdTokenExchange/.default" })
    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange" })

Good:
    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })
    .AcquireTokenForManagedIdentity("api://AzureADTokenExchange")`,
	Severity: Warning,
	Topics:   []checklist.Topic{checklist.TopicExchangeAudience},
	Check:    checkExchangeAudience,
}

const (
	exchangeAudience = "api://AzureADTokenExchange"
	exchangeCore     = "AzureADTokenExchange"
)

var (
	// A URI-ish token: optional scheme, a name, an optional path.
	audTokenRe  = regexp.MustCompile(`(?:[A-Za-z][A-Za-z0-9+.-]*:/*)?[A-Za-z][\w-]*(?:/[\w.\-]*)*`)
	audSchemeRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:/*`)
	// Text before a literal that makes it a scope: AcquireTokenForClient(new[] { or scopes = {.
	scopeBeforeRe = regexp.MustCompile(`(?:AcquireTokenForClient\s*\(\s*(?:new\s*(?:string\s*)?\[\s*\]\s*)?\{?|\b\w*[Ss]copes?\w*\s*=\s*(?:new\s*(?:string\s*)?\[\s*\]\s*)?\{?|\bconst\s+string\s+\w*[Ss]cope\w*\s*=)\s*$`)
	inlineCodeRe  = regexp.MustCompile("`[^`]+`|\"[^\"]+\"")
)

// audienceHints hold (lower case) a piece that survives in any near-miss
// audienceProblem reports (edit distance 3 at most).
var audienceHints = []string{"azuread", "tokenex", "okenexc", "exchange"}

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
		if !containsAny(v.lower(l.N), audienceHints...) {
			continue
		}
		code := v.Code(l.N)
		for _, lit := range Literals(code) {
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
	for _, l := range v.CheckedProse() {
		if !containsAny(v.lower(l.N), audienceHints...) {
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
