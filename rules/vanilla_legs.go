package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// VanillaLegs flags prose that gives the vanilla flow legs.
var VanillaLegs = &Rule{
	ID:       "vanilla-legs",
	Severity: Warning,
	Topics:   []topic.Topic{topic.TermFlows},
	Doc: `Prose gives the vanilla flow legs.

The vanilla flow is one acquisition (AcquireTokenForClient or
AcquireTokenForManagedIdentity with WithMtlsProofOfPossession); only the FIC
two-leg flow has a leg 1 and a leg 2. Calling a single-call acquisition
"two-leg" or "single-leg", talking about the vanilla flow's first leg, or
saying a leg "uses the vanilla flow", mixes the two flows and sends readers
to the wrong pattern. A checklist item ("- [ ] Vanilla flow has no legs")
states the rule and is never a finding. The rule reads Markdown prose and the
comments of code; it fires when a sentence gives "vanilla" legs, or when a
comment speaks of legs over code that makes one mTLS PoP acquisition and shows
nothing of the FIC flow (no api://AzureADTokenExchange, WithClientAssertion,
ClientSignedAssertion, jwt-pop), in a change that is not FIC (there, one
acquisition can be a leg-1 helper). A bare "leg" is no evidence: managed identity
calls one protocol step its token leg. Code is never read as prose, and
quoted terms (no "legs" in vanilla) are not findings.

Bad:
    /// Repro for the cache bug in the two-leg mTLS PoP flow.
    public async Task CacheKeyTestAsync()
    {
        var result = await app.AcquireTokenForClient(scopes)
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
    }

Good:
    /// Repro for the cache bug in the vanilla mTLS PoP flow.
    public async Task CacheKeyTestAsync()
    {
        var result = await app.AcquireTokenForClient(scopes)
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
    }`,
	Check:    checkVanillaLegs,
	Triggers: source.TrigVanilla | source.TrigLeg,
}

const vanillaLegsFix = `the vanilla flow has no legs: write "the vanilla flow directly acquires ..." and keep "leg 1"/"leg 2" for the FIC two-leg flow`

func checkVanillaLegs(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	reported := map[int]bool{}
	for _, s := range source.AddedProse(v, false, source.TrigVanilla, func(s string) bool { return source.ContainsFold(s, "vanilla") }) {
		if reported[s.Line] {
			continue
		}
		if i := vanillaLegsAt(s.Text); i >= 0 {
			reported[s.Line] = true
			reportLine(p, v, s.Line, s.Col+i, "prose gives the vanilla flow legs; "+vanillaLegsFix)
		}
	}
	// Comments that speak of legs over a single-call mTLS PoP acquisition.
	// In a FIC change, one acquisition can be a leg of the exchange (a leg 1
	// helper), and files named for FIC hold real legs.
	if p.Flow.Has(flow.FIC) || ficPath.MatchString(v.Path()) {
		return
	}
	for _, g := range source.CommentGroups(v) {
		var hit *source.Comment
		for k, c := range g.Comments {
			if v.May(c.Line, source.TrigLeg) && source.ContainsFold(c.Text, "leg") && v.Added(c.Line) && !v.BadExample(c.Line) && !reported[c.Line] && mentionsLegs(c.Text) >= 0 {
				hit = &g.Comments[k]
				break
			}
		}
		if hit == nil || ficEvidence.MatchString(g.Text()) || legProtocol.MatchString(hit.Text) || ficEvidence.MatchString(source.SectionContext(v, hit.Line)) {
			continue
		}
		first, last, complete := source.CodeUnit(v, g.Comments[0].Line, g.Doc)
		if !complete || !singleCallPop.MatchString(source.UnitCode(v, first, last)) || ficEvidence.MatchString(source.UnitText(v, first, last)) {
			continue
		}
		reported[hit.Line] = true
		reportLine(p, v, hit.Line, hit.Col,
			"comment speaks of legs over one mTLS PoP acquisition with no token exchange, which is the vanilla flow; "+vanillaLegsFix)
	}
}

var (
	// A task-list item ("- [ ] Vanilla flow has no legs") states a rule
	// of the checklist; it does not describe a flow.
	taskItemRe = prefilter.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s`)
	// A leg named vanilla: "Leg 1 uses the vanilla flow", "leg 1 (vanilla)",
	// and vanilla named single-leg: "the vanilla (single-leg) flow".
	legIsVanilla = prefilter.MustCompile(`(?i)\bleg[- ]?(?:1|2|one|two)\s*(?:\(\s*|:\s*|(?:uses?|is|follows?|runs?|does|=)\s+(?:the\s+|a\s+|an\s+)?)vanilla\b|\b(?:single|one|1)[- ]leg(?:ged)?\s*\)?\s+vanilla\b|\bvanilla\b[\w\s-]{0,20}\(\s*(?:single|one|1)[- ]leg`)
)

// vanillaLegsAt is vanillaLegs with the shapes it does not read: a leg
// that "uses the vanilla flow" and a "single-leg" vanilla; a task-list
// item is never a finding.
func vanillaLegsAt(text string) int {
	// Every shape names a leg: without "leg" neither vanillaLegs nor
	// legIsVanilla can match.
	if !source.ContainsFold(text, "leg") || taskItemRe.MatchString(text) {
		return -1
	}
	if i := vanillaLegs(text); i >= 0 {
		return i
	}
	if m := legIsVanilla.FindStringIndex(text); m != nil && !legNegation.MatchString(clauseBefore(text, m[0])) && !legNegation.MatchString(text[m[0]:m[1]]) {
		return m[0]
	}
	return -1
}

// ficPath matches files whose name says they are about the FIC two-leg
// flow: their legs are real.
// "Fic" must stand alone or start a CamelCase word: "Certificate" holds
// "fic" too.
var ficPath = prefilter.MustCompile(`(?:^|[/_.-])(?i:fic)(?:[/_.-]|$)|Fic[A-Z0-9]|FIC|(?i:two-?leg|exchange|federat)`)

// legTerm matches words that give a flow legs: "leg 1", "Leg 2", "first
// leg", "second leg", "two-leg", "single-leg", "legs". A bare "leg" is no evidence: managed
// identity calls a protocol step its "token leg".
var legTerm = prefilter.MustCompile(`(?i)\b(?:two|2|multi|single|one|1)[- ]leg(?:ged)?\b|\bleg[- ]?(?:1|2|one|two)\b|\b(?:first|second|1st|2nd|both|two)\s+legs?\b|\blegs\b`)

// clauseBreak ends the clause a "vanilla" belongs to: punctuation, a table
// cell, a contrast ("vs", "or", "but") or the FIC flow taking over.
var clauseBreak = prefilter.MustCompile(`(?i)[.;:!?()|"“”]|\s(?:vs\.?|versus|or|but|while|whereas|unlike)\s|\bfic\b|federated|exchange`)

// legNegation marks a clause that denies legs ("vanilla has no legs",
// "never call the vanilla flow ...").
var legNegation = prefilter.MustCompile(`(?i)\b(?:no|not|never|without|don'?t|doesn'?t|isn'?t|lacks?|avoid|instead of)\b|n't\b`)

// vanillaWord finds "vanilla" as a word.
var vanillaWord = prefilter.MustCompile(`(?i)\bvanilla\b`)

// legOfVanilla is the reverse order: "the first leg of the vanilla flow".
var legOfVanilla = prefilter.MustCompile(`(?i)\b(?:first|second|1st|2nd)\s+leg\s+of\s+(?:the\s+|a\s+)?vanilla\b|\bleg[- ]?[12]\s+of\s+(?:the\s+|a\s+)?vanilla\b|\b(?:two|2)[- ]leg(?:ged)?\s+vanilla\b`)

// vanillaLegs returns the byte offset where text gives the vanilla flow
// legs ("the vanilla flow's first leg", "leg 1 of the vanilla flow"), or
// -1. Negations ("vanilla has no legs"), quoted terms (`no "legs" in
// vanilla`) and clauses that move on to the FIC flow ("the vanilla flow
// acquires directly, or the FIC flow's first leg") are not findings.
func vanillaLegs(text string) int {
	if !source.ContainsFold(text, "leg") {
		return -1
	}
	if m := legOfVanilla.FindStringIndex(text); m != nil && !legNegation.MatchString(clauseBefore(text, m[0])) {
		return m[0]
	}
	for _, m := range vanillaWord.FindAllStringIndex(text, -1) {
		// The leg term after "vanilla" first: most clauses have none, and
		// the negation before it reads the whole text up to it.
		rest := text[m[1]:]
		if strings.HasPrefix(rest, "-") {
			continue // a compound such as the rule ID vanilla-legs
		}
		if b := clauseBreak.FindStringIndex(rest); b != nil {
			rest = rest[:b[0]]
		}
		l := legTerm.FindStringIndex(rest)
		if l == nil || legNegation.MatchString(rest[:l[0]]) || quotedAt(rest, l[0], l[1]) {
			continue
		}
		if legNegation.MatchString(clauseBefore(text, m[0])) {
			continue
		}
		return m[0]
	}
	return -1
}

// clauseBefore returns the clause of text that ends at offset i.
func clauseBefore(text string, i int) string {
	before := text[:i]
	locs := clauseBreak.FindAllStringIndex(before, -1)
	if len(locs) > 0 {
		before = before[locs[len(locs)-1][1]:]
	}
	return before
}

// quotedAt reports whether text[i:j] is a quoted term: a quote mark right
// before i or right after j ("legs", 'Leg 1', “legs”, `legs`).
func quotedAt(text string, i, j int) bool {
	isQuote := func(r rune) bool {
		return r == '"' || r == '\'' || r == '`' || r == '“' || r == '”' || r == '‘' || r == '’'
	}
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isQuote(r) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && isQuote(r) {
		return true
	}
	return false
}

// mentionsLegs returns the byte offset of the first unquoted, not denied
// leg term in text ("the two-leg mTLS PoP flow", "Leg 1:"), or -1.
func mentionsLegs(text string) int {
	for _, l := range legTerm.FindAllStringIndex(text, -1) {
		if quotedAt(text, l[0], l[1]) || legNegation.MatchString(clauseBefore(text, l[0])) {
			continue
		}
		return l[0]
	}
	return -1
}

// ficEvidence matches code or prose that belongs to the FIC two-leg flow:
// the exchange audience, the assertion APIs, jwt-pop, leg variables.
var ficEvidence = prefilter.MustCompile(`(?i)AzureADTokenExchange|exchang|WithClientAssertion|ClientSignedAssertion|TokenBindingCertificate|jwt-?pop|\bFIC\b|federated|leg[12]|assertionJwt`)

// legProtocol marks comments whose legs are steps of a protocol (the
// IMDSv2 certificate and token requests, a TLS handshake), not flows.
var legProtocol = prefilter.MustCompile(`(?i)imds|\bcsr\b|handshake|attestation|probe|protocol|round[- ]?trip|retry`)

// singleCallPop matches an mTLS PoP acquisition, the evidence that a unit of
// code is the vanilla flow when nothing in it is FIC.
var singleCallPop = prefilter.MustCompile(`\.WithMtlsProofOfPossession\(`)
