package rules

import (
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/prefilter"
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
	Triggers: trigVanilla | trigLeg,
}

const vanillaLegsFix = `the vanilla flow has no legs: write "the vanilla flow directly acquires ..." and keep "leg 1"/"leg 2" for the FIC two-leg flow`

func checkVanillaLegs(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	reported := map[int]bool{}
	for _, s := range addedProse(v, false, trigVanilla, func(s string) bool { return containsFold(s, "vanilla") }) {
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
	for _, g := range commentGroups(v) {
		var hit *Comment
		for k, c := range g.Comments {
			if v.may(c.Line, trigLeg) && containsFold(c.Text, "leg") && v.Added(c.Line) && !v.BadExample(c.Line) && !reported[c.Line] && mentionsLegs(c.Text) >= 0 {
				hit = &g.Comments[k]
				break
			}
		}
		if hit == nil || ficEvidence.MatchString(g.text()) || legProtocol.MatchString(hit.Text) || ficEvidence.MatchString(sectionContext(v, hit.Line)) {
			continue
		}
		first, last, complete := codeUnit(v, g.Comments[0].Line, g.Doc)
		if !complete || !singleCallPop.MatchString(unitCode(v, first, last)) || ficEvidence.MatchString(unitText(v, first, last)) {
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
	if !containsFold(text, "leg") || taskItemRe.MatchString(text) {
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
