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
default. The rule runs only where the change does FIC with mTLS PoP, and
judges each member (method, test, documentation block) on its own: only
one that acquires an mTLS PoP token or is a FIC leg 2 (the exchange
audience, jwt-pop, a leg 1 result) is meant to bind. An explicit
TokenBindingCertificate = null (a negative test), an adapter from a string
assertion delegate (also through a local: string jwt = await
getAssertion(...); ... Assertion = jwt), a test named for bearer and a
bearer helper in a file of a FIC change are not findings. Documentation
and comments that bind the assertion only for an mTLS PoP leg 2 ("true for
PoP, false for Bearer", "If Leg 2 requests mTLS PoP: use ...
TokenBindingCertificate") are a warning: every FIC leg 2 passes leg 1's
certificate.

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
	Topics:   []topic.Topic{topic.TokenBinding},
	Check:    checkAssertionWithoutBinding,
	Triggers: source.TrigCSA | source.TrigPop,
}

var (
	newCSARe   = prefilter.MustCompile(`\bnew\s+(?:Microsoft\.Identity\.Client\.)?ClientSignedAssertion\b`)
	initOpenRe = prefilter.MustCompile(`^\s*(?:\(\s*\))?\s*\{`)
	// Assertion = await getAssertion(...) / _delegate.Invoke(...): an adapter
	// from a string assertion callback.
	adapterRe = prefilter.MustCompile(`\bAssertion\s*=\s*(?:await\s+)?[\w.]*(?:[Dd]elegate|[Cc]allback|[Pp]rovider|[Ff]unc)\w*\s*(?:\.Invoke)?\s*\(`)
	// TokenBindingCertificate = flag ? cert : null
	condBindRe = prefilter.MustCompile(`\bTokenBindingCertificate\s*=\s*([A-Za-z_]\w*)\s*\?[^:;]+:\s*null\b`)
)

// memberText returns the code of the member (method, test, documentation
// block) around line n, or the known lines within 40 of it when the
// member's extent is not known.
func memberText(v *source.View, n int, sc source.Scope, ok bool) string {
	from, to := n-40, n+40
	if ok {
		from, to = sc.Start, sc.End
	}
	var b strings.Builder
	for i := max(1, from); i <= min(v.Len(), to); i++ {
		if v.Known(i) {
			b.WriteString(v.Code(i))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// bindSignals mark a member that is meant to bind its assertion: it
// acquires an mTLS PoP token, or it is leg 2 of the FIC two-leg flow (the
// exchange audience, jwt-pop, a leg 1 result).
var bindSignals = prefilter.MustCompile(`WithMtlsProofOfPossession|(?i:AzureADTokenExchange)|(?i:jwt[-_]?pop)|(?i:\bleg ?1\w*\.)|BindingCertificate`)

func meantToBind(unit string) bool { return bindSignals.MatchString(unit) }

var (
	// assertionLocalRe is "Assertion = name" with a plain local name.
	assertionLocalRe = prefilter.MustCompile(`\bAssertion\s*=\s*([A-Za-z_]\w*)\s*[,}\n]`)
)

// adaptsLocal reports whether the initializer's Assertion is a local the
// member fills from a string assertion callback ("string jwt = await
// getAssertion(options, ct); ... { Assertion = jwt }"): an adapter.
func adaptsLocal(init, unit string) bool {
	m := assertionLocalRe.FindStringSubmatch(init)
	if m == nil {
		return false
	}
	re := regexp.MustCompile(`\b(?:string|var)\s+` + regexp.QuoteMeta(m[1]) + `\s*=\s*(?:await\s+)?[\w.]*(?:[Dd]elegate|[Cc]allback|[Pp]rovider|[Ff]unc|[Gg]etAssertion)\w*\s*(?:\.Invoke)?\s*\(`)
	return re.MatchString(unit)
}

// conditionalBinding is advice that binds the assertion only for an mTLS
// PoP leg 2: "If Leg 2 requests mTLS PoP: use ... TokenBindingCertificate",
// "Certificate binding for PoP", "bindCertificate: true // false for
// Bearer". The guidance binds it in every FIC leg 2.
var (
	bindingWord = prefilter.MustCompile(`(?i)TokenBindingCertificate|bindCertificate|\bbind(ing)?\b`)
	// One regexp per shape, each behind a word it holds (every text here
	// holds "pop", prefilter's guard for most of them).
	conditionalBinding = guardedAlternation{
		{[]string{"bearer"}, prefilter.MustCompile(`(?i)\bfalse\s+for\s+bearer\b`)},
		{[]string{"if", "when"}, ifLegUsesPop},
		{[]string{"binding"}, prefilter.MustCompile(`(?i)\bbinding\s+(?:only\s+)?for\s+(?:mtls\s+)?pop\b`)},
		{[]string{"only"}, prefilter.MustCompile(`(?i)\bonly\s+(?:for|with)\s+(?:an?\s+)?(?:mtls\s+)?pop\b`)},
	}
)

// guardedAlternation is an alternation of regexps, each behind words one
// of which every match of it holds in ASCII case folding (words with no
// letter that folds to a non-ASCII rune, so (?i) finds nothing else).
type guardedAlternation []struct {
	words []string
	re    interface{ MatchString(string) bool }
}

// ifLegUsesPopRe is the conditional-binding shape "if leg 2 uses mTLS
// PoP"; ifLegUsesPop matches it with literal tests (fold.go).
var ifLegUsesPopRe = prefilter.MustCompile(`(?i)\b(?:only\s+)?(?:if|when)\s+(?:leg\s*2\s+)?(?:requests|uses|wants|needs|is)\s+(?:an?\s+)?(?:mtls\s+)?pop\b`)

// MatchString reports whether one of the regexps matches s.
func (g guardedAlternation) MatchString(s string) bool {
	for _, b := range g {
		for _, w := range b.words {
			if source.ContainsFold(s, w) {
				if b.re.MatchString(s) {
					return true
				}
				break
			}
		}
	}
	return false
}

// checkConditionalBinding reports prose and comments that bind the leg 2
// assertion only when leg 2 asks for an mTLS PoP token.
func checkConditionalBinding(p *Pass, v *source.View) {
	// The binding word may be in the code beside a comment:
	// "bindCertificate: true); // true for PoP, false for Bearer".
	want := func(s string) bool {
		return source.ContainsFold(s, "pop") && (source.ContainsFold(s, "bind") || source.ContainsFold(s, "bearer"))
	}
	for _, s := range source.AddedProse(v, false, source.TrigPop, want) {
		t := source.FoldPunctuation(s.Text)
		if !isBindingWord(source.FoldPunctuation(v.Text(s.Line))) {
			continue
		}
		if !conditionalBinding.MatchString(t) {
			continue
		}
		p.Report(Finding{
			Line:     s.Line,
			Column:   s.Col,
			Severity: Warning,
			Message:  "binds the leg 2 assertion only for an mTLS PoP leg 2, but the FIC two-leg flow always passes leg 1's certificate: write \"Always set TokenBindingCertificate = leg1Result.BindingCertificate in the ClientSignedAssertion\", for a Bearer leg 2 too.",
		})
	}
}

func checkAssertionWithoutBinding(p *Pass) {
	if !p.Flow.Has(flow.FIC) {
		return
	}
	v := NewView(p)
	checkConditionalBinding(p, v)
	flags := map[string]int{}
	for _, l := range v.CodeLines() {
		code := v.Code(l.N)
		if !v.May(l.N, source.TrigCSA) || !strings.Contains(code, "ClientSignedAssertion") && !strings.Contains(code, "TokenBindingCertificate") {
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
		sp := v.SpanFrom(l.N, 1)
		if strings.Count(sp.Text[loc[1]:], "{") != strings.Count(sp.Text[loc[1]:], "}") || !strings.Contains(sp.Text[loc[1]:], "{") {
			sp = v.SpanFrom(l.N, 40)
		}
		open := initOpenRe.FindStringIndex(sp.Text[loc[1]:])
		if open == nil {
			continue // a constructor call or later assignments: cannot tell
		}
		brace := loc[1] + open[1] - 1
		end := source.CloseParen(sp.Text, brace)
		if end < 0 {
			continue
		}
		init := sp.Text[brace : end+1]
		if strings.Contains(init, "TokenBindingCertificate") || adapterRe.MatchString(init) {
			continue
		}
		sc, scoped := v.ScopeAt(l.N)
		if scoped && sc.Header != 0 && v.IsTest() && strings.Contains(strings.ToLower(v.Code(sc.Header)), "bearer") {
			continue
		}
		unit := memberText(v, l.N, sc, scoped)
		if !meantToBind(unit) || adaptsLocal(init, unit) {
			// A bearer unit test or helper in a file of a FIC change, or
			// an adapter from a string assertion callback.
			continue
		}
		line := 0
		for i := l.N; i <= sp.LineAt(end); i++ {
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
			EndLine: sp.LineAt(end),
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
