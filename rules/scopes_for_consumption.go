package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// ScopesForConsumption flags "scopes" used for calling a resource.
var ScopesForConsumption = &Rule{
	ID:       "scopes-for-consumption",
	Severity: Warning,
	Topics:   []topic.Topic{topic.TermScopes},
	Doc: `Prose uses "scopes" for calling a resource instead of acquiring a token.

Scopes are what a token is requested for; a resource is called with the access
token (the mTLS PoP token and its binding certificate), never "with the
scopes". Mixing the two suggests scopes travel to the API and hides what the
call really needs. The rule reads Markdown prose and code comments, not code:
sentences about acquiring a token ("acquire a token with the scopes") and
"scopes" quoted as a term are fine.

Bad:
    // Call the Key Vault API with the scopes from the configuration.

Good:
    // Call the Key Vault resource with the mTLS PoP access token.`,
	Check:    checkScopesForConsumption,
	Triggers: source.TrigScope,
}

func checkScopesForConsumption(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	done := map[int]bool{}
	for _, s := range source.AddedProse(v, false, source.TrigScope, func(s string) bool { return source.ContainsFold(s, "scope") }) {
		if done[s.Line] {
			continue
		}
		if i := scopesForConsumption(s.Text); i >= 0 {
			done[s.Line] = true
			reportLine(p, v, s.Line, s.Col+i,
				`"scopes" used for calling a resource: scopes are only for acquiring a token; write "call the API with the access token" or "call the Key Vault resource with the mTLS PoP token"`)
		}
	}
}

// consumeVerb starts a clause about calling a resource with a token.
var consumeVerb = prefilter.MustCompile(`(?i)\b(?:call|calls|calling|invoke|invokes|invoking|consume|consumes|consuming|access|accesses|accessing|hit|hits|hitting|query|queries|querying)\b`)

// scopesAfterVerb finds "with the scopes" / "using its scopes" / "pass the
// scopes" after a consumption verb, within one clause.
var scopesAfterVerb = prefilter.MustCompile(`(?i)\b(?:with|using|passing|pass|sending|send|presenting|present)\s+(?:the\s+|its\s+|their\s+|your\s+|our\s+|these\s+|those\s+)?(?:\w+\s+)?scopes?\b`)

// scopesToResource is the other shape: the scopes sent to a resource or in
// the Authorization header.
var scopesToResource = prefilter.MustCompile(`(?i)\b(?:pass|passes|passing|send|sends|sending|present|presents|presenting|attach|attaches|attaching)\s+(?:the\s+|its\s+|their\s+|your\s+)?(?:\w+\s+)?scopes?\s+(?:to|in|with)\s+(?:the\s+|a\s+|an\s+|your\s+)?(?:\w+\s+)?(?:api|resource|endpoint|service|server|request|header|authorization header|graph|key vault|vault)\b|\bscopes?\s+in\s+the\s+authorization\s+header\b`)

// resourceNoun names what is called with a token: the verb's object must
// be one ("call the API with the scopes"), not a method or the token cache.
var resourceNoun = prefilter.MustCompile(`(?i)\b(?:apis?|resources?|endpoints?|services?|graph|key ?vault|vault|servers?|urls?|backends?|downstream|storage|web ?apps?)\b`)

// acquisitionWords mark a clause about acquiring a token, where "scopes" is
// the right word.
var acquisitionWords = prefilter.MustCompile(`(?i)acquir|AcquireToken|ExecuteAsync|\btoken\s+request|\brequest(?:s|ing)?\s+(?:a\s+|an\s+|the\s+)?(?:mtls\s+pop\s+|access\s+)?token|\b(?:get|gets|getting|obtain|obtains|obtaining|fetch|fetching|mint|minting)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?token|\bMSAL\b`)

// consumptionClauseBreak ends a clause for the scopes test.
var consumptionClauseBreak = prefilter.MustCompile(`[.;:!?()|"“”]`)

// scopesForConsumption returns the byte offset of "scopes" used for calling
// a resource ("call the API with the scopes"), or -1. "Scopes" quoted as a
// term and clauses about acquiring a token are not findings.
func scopesForConsumption(text string) int {
	if !source.ContainsFold(text, "scope") {
		return -1
	}
	if m := scopesToResource.FindStringIndex(text); m != nil {
		clause := clauseAround(text, m[0], m[1])
		if !acquisitionWords.MatchString(clause) && !quotedScopes(text[m[0]:m[1]]) {
			return m[0]
		}
	}
	for _, v := range consumeVerb.FindAllStringIndex(text, -1) {
		rest := text[v[1]:]
		if b := consumptionClauseBreak.FindStringIndex(rest); b != nil {
			rest = rest[:b[0]]
		}
		s := scopesAfterVerb.FindStringIndex(rest)
		if s == nil {
			continue
		}
		if !resourceNoun.MatchString(rest[:s[0]]) || acquisitionWords.MatchString(rest[:s[1]]) || legNegation.MatchString(clauseBefore(text, v[0])) {
			continue
		}
		return v[0]
	}
	return -1
}

// clauseAround returns the clause of text holding text[i:j].
func clauseAround(text string, i, j int) string {
	start := 0
	if locs := consumptionClauseBreak.FindAllStringIndex(text[:i], -1); len(locs) > 0 {
		start = locs[len(locs)-1][1]
	}
	end := len(text)
	if b := consumptionClauseBreak.FindStringIndex(text[j:]); b != nil {
		end = j + b[0]
	}
	return text[start:end]
}

// quotedScopes reports whether the match quotes "scopes" as a term.
func quotedScopes(s string) bool {
	return strings.Contains(s, `"scope`) || strings.Contains(s, "“scope")
}
