package report

import (
	"fmt"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// The hand-built rules and results the golden tests render. They follow
// the shapes of the guidance and the corpus but do not come from the live
// registry, so the goldens change only when the report does.

var (
	ruleSecretLogging = &rules.Rule{
		ID:       "secret-logging",
		Severity: rules.Error,
		Topics:   []checklist.Topic{checklist.TopicSecretLogging},
		Doc: `Tokens, assertions, private keys and client secrets must never be logged.

A print or log call that writes an access token, an assertion or a key
leaks it to every log reader. Log metadata instead (ExpiresOn, TokenType).

Bad:
    Console.WriteLine($"token: {result.AccessToken}");
Good:
    Console.WriteLine($"token type: {result.TokenType}");`,
	}
	ruleAssertionWithoutBinding = &rules.Rule{
		ID:       "assertion-without-binding",
		Severity: rules.Error,
		Topics:   []checklist.Topic{checklist.TopicTokenBinding},
		Doc: `A ClientSignedAssertion for FIC two-leg mTLS PoP needs a TokenBindingCertificate.

Without it leg 2 gets a bearer token, not a jwt-pop bound one.`,
	}
	rulePlaceholderValue = &rules.Rule{
		ID:       "placeholder-value",
		Severity: rules.Warning,
		Topics:   []checklist.Topic{checklist.TopicPlaceholder},
		Doc:      "Placeholder values such as your-app-id must be real values or marked test constants.",
	}
	ruleAmbiguousPop = &rules.Rule{
		ID:       "ambiguous-pop",
		Severity: rules.Notice,
		Topics:   []checklist.Topic{checklist.TopicTermPop},
		Doc:      "Write \"mTLS PoP\", never a bare \"PoP\", in mTLS docs and comments.",
	}
	ruleExchangeAudience = &rules.Rule{
		ID:       "exchange-audience",
		Severity: rules.Warning,
		Topics:   []checklist.Topic{checklist.TopicExchangeAudience},
		Doc:      "Leg 1 must request api://AzureADTokenExchange/.default.\n\nNear-misses get a token no leg 2 accepts.",
	}
	testRules = []*rules.Rule{ruleSecretLogging, ruleAssertionWithoutBinding, rulePlaceholderValue, ruleAmbiguousPop, ruleExchangeAudience}
)

// item builds an item result.
func item(group, id, text string, kind checklist.Kind, st review.Status, why string, topics ...checklist.Topic) review.ItemResult {
	return review.ItemResult{
		Item: checklist.Item{ID: id, Text: text, Section: "Pre-PR Verification Checklist", Source: "mtls-pop-shared-guidance.md",
			Line: 290, Kind: kind, Topics: topics},
		Group: group, Status: st, Why: why,
	}
}

// passing marks an item verified by rules.
func passing(it review.ItemResult, rs ...string) review.ItemResult {
	it.Rules = rs
	return it
}

// cleanResult is a vanilla change with nothing wrong: the summary must be
// short.
func cleanResult() *review.Result {
	return &review.Result{
		Version:  review.SchemaVersion,
		Guidance: []string{"(embedded default)"},
		Classification: flow.Classification{Flow: flow.Vanilla, Variant: "confidential-client", Variants: []flow.Variant{flow.ConfidentialClient}, Detected: flow.Vanilla,
			Evidence: []flow.Evidence{{Path: "tests/Mtls/VanillaFlowTests.cs", Line: 42,
				Signal: "AcquireTokenForClient with WithMtlsProofOfPossession", Flow: flow.Vanilla}}},
		Files: []review.FileDecision{
			{Path: "tests/Mtls/VanillaFlowTests.cs", Status: diff.Modified, InScope: true, Reason: "glob **/*Mtls*/**"},
			{Path: "README.md", Status: diff.Modified, Reason: "no applies_to glob matches and no mTLS PoP API in the changed lines"},
		},
		Checklist: []review.ItemResult{
			item("Code Validation", "code-validation-compiles", "Code compiles and runs without errors", checklist.KindProcess, review.Manual, "no rule can tell: build it"),
			passing(item("Code Validation", "code-validation-placeholders", "Real Azure region strings used (no placeholders)", checklist.KindCode, review.Pass, "checked by placeholder-value", checklist.TopicPlaceholder), "placeholder-value"),
			passing(item("Security Review", "security-review-no-secrets", "No secrets, tokens, or private keys logged", checklist.KindCode, review.Pass, "checked by secret-logging", checklist.TopicSecretLogging), "secret-logging"),
			item("Documentation Quality", "documentation-quality-when-to-use", `"When to Use" guidance provided`, checklist.KindDocs, review.NA, "no documentation changed"),
		},
		Focus: []review.ItemResult{
			item("For Vanilla Flow PRs", "vanilla-single", "Verify single `AcquireTokenForClient()` call (no legs)", checklist.KindCode, review.Manual, "no rule checks this yet", checklist.TopicSingleAcquire),
			item("For Vanilla Flow PRs", "vanilla-token-type", `Validate `+"`TokenType == \"mtls_pop\"`", checklist.KindTest, review.Pass, "checked by pop-test-assertions", checklist.TopicTokenTypeAssert),
		},
		Warnings: []string{},
		Counts:   map[string]int{"error": 0, "warning": 0, "notice": 0},
		RulesRun: []string{"secret-logging", "placeholder-value"},
	}
}

// ficResult is a FIC two-leg change with errors, warnings, a notice, a
// rename, a binary file, warnings and hostile PR content in paths,
// excerpts and messages.
func ficResult() *review.Result {
	return &review.Result{
		Version:  review.SchemaVersion,
		Guidance: []string{"../shared/seed/mtls-pop-shared-guidance.md"},
		Classification: flow.Classification{Flow: flow.FIC, Variant: "confidential-client+managed-identity", Variants: []flow.Variant{flow.ConfidentialClient, flow.ManagedIdentity}, Detected: flow.FIC,
			Evidence: []flow.Evidence{
				{Path: "src/Mtls/FicLeg2.cs", Line: 31, Signal: "ClientSignedAssertion", Flow: flow.FIC},
				{Path: "src/Mtls/FicLeg1.cs", Line: 12, Signal: "api://AzureADTokenExchange (leg 1)", Flow: flow.FIC},
				{Path: "docs/mtls_pop.md", Line: 3, Signal: "docs describe the FIC two-leg flow", Flow: flow.FIC},
			}},
		Files: []review.FileDecision{
			{Path: "src/Mtls/FicLeg1.cs", Status: diff.Added, InScope: true, Reason: "glob **/*Mtls*/**"},
			{Path: "src/Mtls/FicLeg2.cs", OldPath: "src/Old/Leg2.cs", Status: diff.Renamed, InScope: true, Reason: "glob **/*Mtls*/**"},
			{Path: "docs/mtls_pop.md", Status: diff.Modified, InScope: true, Reason: "glob **/*mtls*"},
			{Path: "docs/mtls/diagram.png", Status: diff.Added, InScope: true, Reason: "glob **/*mtls*/**", NotReviewed: "binary file"},
			{Path: "src/Util/`@org/team`<img src=x onerror=alert(1)>.cs", Status: diff.Modified, InScope: true, Reason: "content WithMtlsProofOfPossession"},
			{Path: "build/ci.yml", Status: diff.Modified, Reason: "no applies_to glob matches and no mTLS PoP API in the changed lines"},
		},
		Findings: []rules.Finding{
			{Rule: "secret-logging", Severity: rules.Error, Path: "src/Mtls/FicLeg1.cs", Line: 20, Column: 9,
				Message: "logs the assertion: log `TokenType` or `ExpiresOn` instead, never the token",
				Excerpt: `Console.WriteLine($"assertion: {assertion}");`},
			{Rule: "assertion-without-binding", Severity: rules.Error, Path: "src/Mtls/FicLeg2.cs", Line: 31, EndLine: 35,
				Message: "`ClientSignedAssertion` without `TokenBindingCertificate`: add `TokenBindingCertificate = cert` so leg 2 gets a jwt-pop token",
				Excerpt: "return new ClientSignedAssertion { Assertion = a };"},
			{Rule: "placeholder-value", Severity: rules.Warning, Path: "docs/mtls_pop.md", Line: 40,
				Message: "placeholder `your-app-id` in a code example: use a real value or a marked test constant",
				Excerpt: `.Create("your-app-id") // ](javascript:alert(1)) @org/team <!-- reviewbot:summary -->`},
			{Rule: "exchange-audience", Severity: rules.Warning, Path: "src/Mtls/FicLeg1.cs", Line: 12,
				Message:    "`api://AzureADTokenExchang` looks like a typo: leg 1 must use `api://AzureADTokenExchange/.default`",
				Excerpt:    "var scopes = new[] { \"api://AzureADTokenExchang/.default\" }; // ``` <script>",
				Suggestion: "var scopes = new[] { \"api://AzureADTokenExchange/.default\" };"},
			{Rule: "ambiguous-pop", Severity: rules.Notice, Path: "docs/mtls_pop.md", Line: 7,
				Message: "bare \"PoP\": write \"mTLS PoP\"", Excerpt: "# PoP tokens @here *bold* _it_ | a | b |"},
		},
		Checklist: []review.ItemResult{
			func() review.ItemResult {
				it := item("Security Review", "security-review-no-secrets", "No secrets, tokens, or private keys logged", checklist.KindCode, review.Fail, "secret-logging fired", checklist.TopicSecretLogging)
				it.Rules, it.Findings = []string{"secret-logging"}, []int{0}
				return it
			}(),
			item("Code Validation", "code-validation-tests-pass", "All tests pass locally", checklist.KindProcess, review.Manual, "no rule can tell: run the tests"),
			func() review.ItemResult {
				it := item("Code Validation", "code-validation-placeholders", "Real Azure region strings used (no placeholders)", checklist.KindCode, review.Fail, "placeholder-value fired", checklist.TopicPlaceholder)
				it.Rules, it.Findings = []string{"placeholder-value"}, []int{2}
				return it
			}(),
			passing(item("Terminology Compliance", "terminology-vanilla-fic", `"Vanilla" vs "FIC" used correctly (not mixed)`, checklist.KindDocs, review.Pass, "checked by vanilla-legs", checklist.TopicTermFlows), "vanilla-legs"),
			item("Testing Coverage", "testing-binding-cert", "`BindingCertificate` validation included", checklist.KindTest, review.NA, "no test changed"),
		},
		Focus: []review.ItemResult{
			func() review.ItemResult {
				it := item("For FIC Two-Leg Flow PRs", "fic-leg1-audience", "Verify Leg 1 targets `api://AzureADTokenExchange`", checklist.KindCode, review.Fail, "exchange-audience fired", checklist.TopicExchangeAudience)
				it.Rules, it.Findings = []string{"exchange-audience"}, []int{3}
				return it
			}(),
			func() review.ItemResult {
				it := item("For FIC Two-Leg Flow PRs", "fic-binding", "Confirm `TokenBindingCertificate` in assertion", checklist.KindCode, review.Fail, "assertion-without-binding fired", checklist.TopicTokenBinding)
				it.Rules, it.Findings = []string{"assertion-without-binding"}, []int{1}
				return it
			}(),
			item("For FIC Two-Leg Flow PRs", "fic-endpoint", "Ensure regional mTLS endpoint usage (`mtlsauth.microsoft.com`)", checklist.KindCode, review.Manual, "no rule checks this yet"),
		},
		Warnings: []string{
			"guidance mtls-pop-shared-guidance.md:3: applies_to entry \"MSAL.NET/mTLS-PoP\" is a label, not a path glob: using the default scope",
		},
		Counts:   map[string]int{"error": 2, "warning": 2, "notice": 1},
		RulesRun: []string{"secret-logging", "assertion-without-binding", "placeholder-value", "exchange-audience", "ambiguous-pop"},
	}
}

// bigResult has n findings with long hostile messages: its summary must be
// cut.
func bigResult(n int) *review.Result {
	r := ficResult()
	r.Findings = nil
	for i := 0; i < n; i++ {
		r.Findings = append(r.Findings, rules.Finding{
			Rule: "secret-logging", Severity: rules.Severity(3 - i%3), Path: fmt.Sprintf("src/Mtls/File%03d.cs", i/10), Line: 10 + i,
			Message: fmt.Sprintf("finding %d logs a token: `log.Info(token)` ✅ é 日本 <b>x</b> @someone", i),
			Excerpt: "log.Info($\"{token}\") // ``` `` ` 🔑",
		})
	}
	r.Checklist[0].Findings = []int{0, 1, n - 1}
	return r
}
