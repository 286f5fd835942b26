package checklist

import (
	"slices"
	"testing"
)

// TestClassifyRewording holds, for each topic, the seed's wording and
// rewordings that must land on the same topics, and look-alikes that must not.
func TestClassifyRewording(t *testing.T) {
	cases := []struct {
		section, text string
		kind          Kind
		topics        []Topic
	}{
		// secret logging, said many ways
		{"Security Review", "No secrets, tokens, or private keys logged", KindCode, []Topic{TopicSecretLogging}},
		{"Security Review", "Never write access tokens or client secrets to the console", KindCode, []Topic{TopicSecretLogging}},
		{"Security", "Assertions are redacted before they reach ILogger", KindCode, []Topic{TopicSecretLogging}},
		{"Security Review", "Sensitive data properly sanitized in logs", KindCode, []Topic{TopicSecretLogging}},
		{"Security", "Private keys are never hard-coded", KindCode, []Topic{TopicHardcodedSecret}},
		// regions and placeholders
		{"Code Validation", "Real Azure region strings used (no placeholders)", KindCode, []Topic{TopicRegion, TopicPlaceholder}},
		{"Code", "Use genuine Azure regions such as westus3", KindCode, []Topic{TopicRegion}},
		{"Code", "`WithAzureRegion` gets a real name", KindCode, []Topic{TopicRegion}},
		{"Docs", "Samples are complete, never pseudo-code", KindDocs, []Topic{TopicPlaceholder}},
		{"Code", "Ensure regional mTLS endpoint usage (`mtlsauth.microsoft.com`)", KindCode, []Topic{TopicMtlsEndpoint}},
		// certificates
		{"Code Validation", "Certificate handling follows best practices", KindCode, []Topic{TopicCertDisposal}},
		{"Code", "Certificates must not be disposed while MSAL still uses them", KindCode, []Topic{TopicCertDisposal}},
		{"Code", "Don't dispose the cert handed to WithCertificate", KindCode, []Topic{TopicCertDisposal, TopicAppCertificate}},
		{"Should Have", "Proper HttpClient disposal patterns", KindCode, []Topic{}},
		// FIC two-leg
		{"FIC", "Confirm `TokenBindingCertificate` in assertion", KindCode, []Topic{TopicTokenBinding}},
		{"FIC", "The ClientSignedAssertion sets its token binding certificate", KindCode, []Topic{TopicTokenBinding}},
		{"FIC", "Verify Leg 1 targets `api://AzureADTokenExchange`", KindCode, []Topic{TopicExchangeAudience}},
		{"FIC", "Leg 1 requests the token exchange audience", KindCode, []Topic{TopicExchangeAudience}},
		{"FIC", "Validate `client_assertion_type == \"urn:ietf:params:oauth:client-assertion-type:jwt-pop\"`", KindCode, []Topic{TopicAssertionType}},
		{"FIC", "The assertion type is jwt-pop, not jwt-bearer", KindCode, []Topic{TopicAssertionType}},
		{"FIC", "Check Leg 2 uses `WithClientAssertion()`", KindCode, []Topic{TopicClientAssertion}},
		{"Must Have", "MSI limitation documented (no WithClientAssertion for Leg 2)", KindDocs, []Topic{}},
		// vanilla
		{"Vanilla", "Verify single `AcquireTokenForClient()` call (no legs)", KindCode, []Topic{TopicSingleAcquire}},
		{"Vanilla", "Only one AcquireTokenForManagedIdentity call, with no exchange", KindCode, []Topic{TopicSingleAcquire}},
		{"Vanilla", "Check `WithCertificate()` at app level", KindCode, []Topic{TopicAppCertificate}},
		{"Vanilla", "The certificate is configured at the application builder level", KindCode, []Topic{TopicAppCertificate}},
		{"Vanilla", "Confirm `.WithMtlsProofOfPossession()` at request level", KindCode, []Topic{TopicRequestPop}},
		{"Must Have", "`.WithMtlsProofOfPossession()` called on token requests", KindCode, []Topic{TopicRequestPop}},
		// test assertions
		{"Testing Coverage", "Success assertions validate TokenType", KindTest, []Topic{TopicTokenTypeAssert}},
		{"Tests", "Tests assert the token type is mtls_pop", KindTest, []Topic{TopicTokenTypeAssert}},
		{"Testing Coverage", "BindingCertificate validation included", KindTest, []Topic{TopicBindingCertCheck}},
		{"Should Have", "Certificate null checks after PoP acquisition", KindCode, []Topic{TopicBindingCertCheck}},
		{"Security", "The Authorization header uses the token type as its scheme", KindCode, []Topic{TopicAuthScheme}},
		// terminology
		{"Terminology Compliance", "\"Vanilla\" vs \"FIC\" used correctly (not mixed)", KindCode, []Topic{TopicTermFlows}},
		{"Must Have", "Correct flow terminology (vanilla vs FIC two-leg, no \"legs\" in vanilla)", KindCode, []Topic{TopicTermFlows}},
		{"Common Mistakes", "❌ Referring to vanilla flow as having \"legs\"", KindCode, []Topic{TopicTermFlows}},
		{"Terminology Compliance", "\"Resource\" vs \"scopes\" distinction maintained", KindCode, []Topic{TopicTermScopes}},
		{"Terms", "Never say scopes when calling an API", KindCode, []Topic{TopicTermScopes}},
		{"Terminology Compliance", "\"mTLS PoP\" or full \"Proof-of-Possession\" (not ambiguous \"PoP\")", KindCode, []Topic{TopicTermPop}},
		{"Terms", "No bare PoP in prose", KindCode, []Topic{TopicTermPop}},
		{"Terminology Compliance", "No anti-patterns from \"NEVER Use\" list", KindCode, []Topic{TopicTermFlows, TopicTermScopes, TopicTermPop}},
		// documentation structure
		{"Documentation Quality", "\"When to Use\" guidance provided", KindDocs, []Topic{TopicDocWhenToUse}},
		{"Docs", "Pages open with decision criteria", KindDocs, []Topic{TopicDocWhenToUse}},
		{"Documentation Quality", "Verification steps documented", KindDocs, []Topic{TopicDocVerification}},
		{"Documentation Review Focus Areas > Code Quality", "Success criteria clearly defined", KindDocs, []Topic{TopicDocVerification}},
		{"Documentation Quality", "References to actual test files included", KindDocs, []Topic{TopicDocTestRefs}},
		{"Docs", "Links to the real integration tests", KindDocs, []Topic{TopicDocTestRefs}},
		{"Documentation Quality", "Flow diagrams or clear descriptions included", KindDocs, []Topic{TopicDocFlowDiagram}},
		{"Documentation Quality", "No text mangled by a redaction tool", KindDocs, []Topic{TopicTextIntact}},
		// kinds only
		{"Code Validation", "Code compiles and runs without errors", KindProcess, []Topic{}},
		{"Code Validation", "All tests pass locally", KindProcess, []Topic{}},
		{"Code Validation", "No compiler warnings introduced", KindProcess, []Topic{}},
		{"Testing Coverage", "Error handling tested", KindTest, []Topic{}},
		{"Reviewer", "Integration tests for token flows", KindTest, []Topic{}},
		{"Must Have", "MSAL.NET version 4.82.1 or later documented", KindDocs, []Topic{}},
		{"Should Have", "`ConfigureAwait(false)` on all awaits", KindCode, []Topic{}},
	}
	for _, c := range cases {
		kind, topics := Classify(c.section, c.text)
		if kind != c.kind || !slices.Equal(topics, c.topics) {
			t.Errorf("Classify(%q, %q) = %s %v, want %s %v", c.section, c.text, kind, topics, c.kind, c.topics)
		}
	}
}

// TestClassifySeedAndDefaultAgree checks that the default guidance, written
// in the project's own words, covers the seed's topics group by group.
func TestClassifySeedAndDefaultAgree(t *testing.T) {
	seed, err := Parse("seed.md", readShared(t, seedPath))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	topics := func(gs []Group) map[Topic]bool {
		m := map[Topic]bool{}
		for _, g := range gs {
			for _, it := range g.Items {
				for _, tp := range it.Topics {
					m[tp] = true
				}
			}
		}
		return m
	}
	for _, part := range []struct {
		name      string
		seed, def []Group
	}{
		{"checklist", seed.Checklist, def.Checklist},
		{"vanilla focus", seed.Focus["vanilla"], def.Focus["vanilla"]},
		{"fic focus", seed.Focus["fic"], def.Focus["fic"]},
		{"doc focus", seed.DocFocus, def.DocFocus},
	} {
		d := topics(part.def)
		for tp := range topics(part.seed) {
			if !d[tp] {
				t.Errorf("%s: the seed has topic %s, the default guidance does not", part.name, tp)
			}
		}
	}
}
