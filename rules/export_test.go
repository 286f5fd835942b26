package rules

import (
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules/source"
)

// The tests that run rules through review's driver live in package
// rules_test (review imports rules); these are the internals they reach.
var (
	MatchVanillaLegs          = vanillaLegs
	MatchMentionsLegs         = mentionsLegs
	MatchScopesForConsumption = scopesForConsumption
	MatchBarePoP              = barePoP
	CodeSkeleton              = codeSkeleton
	LiteralSuggestion         = literalSuggestion
)

// ViewOf is the View of a new file of text at path.
func ViewOf(path, text string) *source.View {
	f, src := difftest.AddedText(path, text)
	return NewView(&Pass{File: f, Source: src})
}
