package rules

// All is the registry of rules, in the order docs/rules.md lists them. The
// CLI, the docs generator, the fuzz targets and the tests all read it; a
// new rule is added here with one line.
var All = []*Rule{
	// Code rules.
	SecretLogging,
	HardcodedSecret,
	PlaceholderRegion,
	PlaceholderValue,
	CertificateDisposal,
	AssertionWithoutBinding,
	Leg2UnboundAssertion,
	ExchangeAudience,
	AssertionType,
	PopTestAssertions,
	PopAuthScheme,
	TokenType,

	// Prose and documentation rules.
	VanillaLegs,
	ScopesForConsumption,
	AmbiguousPop,
	MangledText,
	DocWhenToUse,
	DocVerification,
	DocTestReferences,

	// Suppression comments.
	BadSuppression,
}

// ByID returns the rule with the given ID, or nil when there is none.
func ByID(id string) *Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}
