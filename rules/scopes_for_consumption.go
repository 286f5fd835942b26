package rules

import "github.com/reviewbot/reviewbot/topic"

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
	Triggers: trigScope,
}

func checkScopesForConsumption(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	done := map[int]bool{}
	for _, s := range addedProse(v, false, trigScope, func(s string) bool { return containsFold(s, "scope") }) {
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
