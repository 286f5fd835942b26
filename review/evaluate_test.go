package review

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules"
)

// regionRule fires on every added line holding "your-region".
var regionRule = &rules.Rule{
	ID: "test-region", Doc: "Region.", Severity: rules.Error,
	Topics: []checklist.Topic{checklist.TopicRegion},
	Check: func(p *rules.Pass) {
		for _, h := range p.File.Hunks {
			for _, l := range h.Lines {
				if l.Op == diff.Add && strings.Contains(l.Text, "your-region") {
					p.Report(rules.Finding{Path: p.File.Path(), Line: l.NewLine, Message: "placeholder region"})
				}
			}
		}
	},
}

// quietRule verifies secret logging and never fires.
var quietRule = &rules.Rule{
	ID: "test-quiet", Doc: "Quiet.", Severity: rules.Warning,
	Topics: []checklist.Topic{checklist.TopicSecretLogging, checklist.TopicTokenTypeAssert},
	Check:  func(*rules.Pass) {},
}

func guidanceFor(t *testing.T) *checklist.Guidance {
	t.Helper()
	item := func(section, text string) checklist.Item {
		k, topics := checklist.Classify(section, text)
		return checklist.Item{ID: text, Text: text, Section: section, Kind: k, Topics: topics}
	}
	return &checklist.Guidance{
		Sources: []string{"test.md"},
		Globs:   []string{"**/*mtls*/**"},
		Checklist: []checklist.Group{
			{Title: "Code Validation", Items: []checklist.Item{
				item("Code Validation", "Real Azure region strings used (no placeholders)"),
				item("Code Validation", "All tests pass locally"),
			}},
			{Title: "Security Review", Items: []checklist.Item{
				item("Security Review", "No secrets, tokens, or private keys logged"),
				item("Security Review", "Token validation implemented correctly"),
			}},
			{Title: "Documentation Quality", Items: []checklist.Item{
				item("Documentation Quality", "\"When to Use\" guidance provided"),
			}},
			{Title: "Testing Coverage", Items: []checklist.Item{
				item("Testing Coverage", "Success assertions validate TokenType"),
			}},
		},
		Focus: map[string][]checklist.Group{
			"vanilla": {{Title: "For Vanilla Flow PRs", Items: []checklist.Item{item("For Vanilla Flow PRs", "Check `WithCertificate()` at app level")}}},
			"fic":     {{Title: "For FIC Two-Leg Flow PRs", Items: []checklist.Item{item("For FIC Two-Leg Flow PRs", "Verify Leg 1 targets `api://AzureADTokenExchange`")}}},
		},
	}
}

func statuses(items []ItemResult) map[string]Status {
	m := map[string]Status{}
	for _, it := range items {
		m[it.Text] = it.Status
	}
	return m
}

func TestChecklistStatuses(t *testing.T) {
	vanillaCode := difftest.Added("src/mtls/Caller.cs",
		`var app = ConfidentialClientApplicationBuilder.Create(id).WithCertificate(cert).WithAzureRegion("your-region").Build();`,
		`var r = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();`,
		`_logger.LogInformation("token type {Type}", r.TokenType);`)
	vanillaTest := difftest.Added("tests/mtls/CallerTests.cs", `Assert.AreEqual("mtls_pop", r.TokenType);`)
	opts := Options{Guidance: guidanceFor(t), Rules: []*rules.Rule{regionRule, quietRule}}

	res, err := Run([]*diff.File{vanillaCode, vanillaTest}, opts)
	require.NoError(t, err)
	require.Equal(t, flow.Vanilla, res.Flow)
	require.Len(t, res.Findings, 1)

	got := statuses(res.Checklist)
	assert.Equal(t, Fail, got["Real Azure region strings used (no placeholders)"], "the region rule fired")
	assert.Equal(t, Manual, got["All tests pass locally"], "no rule sees test runs")
	assert.Equal(t, Pass, got["No secrets, tokens, or private keys logged"], "the secret rule ran and found nothing")
	assert.Equal(t, Manual, got["Token validation implemented correctly"], "no rule verifies it")
	assert.Equal(t, NA, got["\"When to Use\" guidance provided"], "no docs changed")
	assert.Equal(t, Pass, got["Success assertions validate TokenType"], "a test changed and the rule found nothing")

	fail := res.Checklist[0]
	assert.Equal(t, []int{0}, fail.Findings, "a failed item links its findings")
	assert.Equal(t, []string{"test-region"}, fail.Rules)

	focus := statuses(res.Focus)
	assert.Equal(t, Pass, focus["Check `WithCertificate()` at app level"], "the vanilla list applies to a vanilla change, and the change shows it")
	assert.Equal(t, []ItemEvidence{{Path: "src/mtls/Caller.cs", Line: 1, Signal: "WithCertificate() on the application builder"}}, res.Focus[0].Evidence)
	assert.Equal(t, NA, focus["Verify Leg 1 targets `api://AzureADTokenExchange`"], "the FIC list does not")

	// No item is dropped.
	assert.Len(t, res.Checklist, 6)
	assert.Len(t, res.Focus, 2)

	// The same change without tests: test items are n/a.
	res, err = Run([]*diff.File{vanillaCode}, opts)
	require.NoError(t, err)
	assert.Equal(t, NA, statuses(res.Checklist)["Success assertions validate TokenType"])

	// Overriding the flow switches the focus list.
	opts.Flow = flow.FIC
	res, err = Run([]*diff.File{vanillaCode}, opts)
	require.NoError(t, err)
	focus = statuses(res.Focus)
	assert.Equal(t, NA, focus["Check `WithCertificate()` at app level"])
	assert.NotEqual(t, NA, focus["Verify Leg 1 targets `api://AzureADTokenExchange`"])
}

func TestNothingInScope(t *testing.T) {
	res, err := Run([]*diff.File{difftest.Added("README.md", "hello")}, Options{Guidance: guidanceFor(t), Rules: []*rules.Rule{regionRule}})
	require.NoError(t, err)
	assert.Equal(t, flow.None, res.Flow)
	assert.Empty(t, res.Findings)
	for _, it := range append(res.Checklist, res.Focus...) {
		assert.Equal(t, NA, it.Status, it.Text)
	}
	assert.False(t, res.Failed(rules.Notice))
}

func TestNotReviewedFilesAreKept(t *testing.T) {
	bin := &diff.File{OldPath: "src/mtls/cert.pfx", NewPath: "src/mtls/cert.pfx", Status: diff.Modified, Binary: true}
	big := &diff.File{OldPath: "src/mtls/Big.cs", NewPath: "src/mtls/Big.cs", Status: diff.Modified}
	mode := &diff.File{OldPath: "src/mtls/run.sh", NewPath: "src/mtls/run.sh", Status: diff.Modified, OldMode: 0o100644, NewMode: 0o100755}
	res, err := Run([]*diff.File{bin, big, mode}, Options{
		Guidance:    guidanceFor(t),
		NotReviewed: map[string]string{"src/mtls/Big.cs": "GitHub gave no patch and the contents could not be fetched"},
	})
	require.NoError(t, err)
	require.Len(t, res.Files, 3)
	assert.Contains(t, res.Files[0].NotReviewed, "binary")
	assert.Contains(t, res.Files[1].NotReviewed, "no patch")
	assert.Contains(t, res.Files[2].NotReviewed, "mode")
}

func TestFailedThreshold(t *testing.T) {
	r := &Result{Findings: []rules.Finding{{Severity: rules.Warning}}}
	assert.True(t, r.Failed(rules.Notice))
	assert.True(t, r.Failed(rules.Warning))
	assert.False(t, r.Failed(rules.Error))
	assert.False(t, r.Failed(0), "never fails nothing")
}

func TestRealVariantGuidanceMapsSensibly(t *testing.T) {
	g := loadCorpusGuidance(t)
	res, err := Run([]*diff.File{difftest.Added("tests/mtls/FicTests.cs",
		`const string U = "api://AzureADTokenExchange/.default";`)}, Options{Guidance: g})
	require.NoError(t, err)
	groups := map[string]int{}
	for _, it := range res.Checklist {
		groups[it.Group]++
		assert.NotEmpty(t, it.Status, it.Text)
	}
	for _, g := range []string{"Must Have", "Should Have", "Common Mistakes to Avoid"} {
		assert.NotZero(t, groups[g], "the real variant's %q items are checklist items", g)
	}
	st := map[string]Status{}
	for _, it := range res.Checklist {
		st[it.Text] = it.Status
	}
	assert.Equal(t, Pass, st["Correct flow terminology (vanilla vs FIC two-leg, no \"legs\" in vanilla)"], "mapped to the terminology rule")
	assert.Equal(t, Manual, st["`ConfigureAwait(false)` on all awaits"], "no rule checks awaits")
	assert.Equal(t, NA, st["MSAL.NET version 4.82.1 or later documented"], "a documentation item on a code-only change")
	assert.NotEmpty(t, res.Warnings, "labels in applies_to are reported")
}

// TestSilentRuleThatDidNotLookDoesNotPass pins the honesty of pass: a rule
// whose Applies skipped every file verified nothing.
func TestSilentRuleThatDidNotLookDoesNotPass(t *testing.T) {
	picky := &rules.Rule{
		ID: "test-picky", Doc: "Picky.", Severity: rules.Notice,
		Topics:  []checklist.Topic{checklist.TopicDocWhenToUse},
		Applies: func(p *rules.Pass) bool { return strings.HasSuffix(p.File.Path(), "guide.md") },
		Check:   func(*rules.Pass) {},
	}
	opts := Options{Guidance: guidanceFor(t), Rules: []*rules.Rule{picky}}
	item := "\"When to Use\" guidance provided"

	res, err := Run([]*diff.File{difftest.Added("docs/mtls/note.md", "A short note on mTLS PoP.")}, opts)
	require.NoError(t, err)
	got := statuses(res.Checklist)[item]
	assert.Equal(t, NotChecked, got, "the rule skipped the only document")
	for _, it := range res.Checklist {
		if it.Text == item {
			assert.Contains(t, it.Why, "nothing in this change to check: test-picky judged no file")
			assert.False(t, it.NeedsReviewer, "nothing to check is nothing for a person to do")
		}
	}

	res, err = Run([]*diff.File{difftest.Added("docs/mtls/guide.md", "# mTLS PoP guide")}, opts)
	require.NoError(t, err)
	assert.Equal(t, Pass, statuses(res.Checklist)[item], "the rule judged the guide and stayed quiet")
}

func TestDocumentationItemsCountOnlyDocumentFindings(t *testing.T) {
	g := guidanceFor(t)
	k, topics := checklist.Classify("Documentation Review Focus Areas > Code Quality", "Real region strings (not placeholders)")
	require.Equal(t, checklist.KindDocs, k)
	g.DocFocus = []checklist.Group{{Title: "Code Quality", Items: []checklist.Item{{ID: "r", Text: "Real region strings (not placeholders)", Section: "Code Quality", Kind: k, Topics: topics}}}}
	code := difftest.Added("src/mtls/Caller.cs", `.WithAzureRegion("your-region")`)
	doc := difftest.Added("docs/mtls/guide.md", "Set `.WithAzureRegion(\"westus3\")` on the app.")
	res, err := Run([]*diff.File{code, doc}, Options{Guidance: g, Rules: []*rules.Rule{regionRule}})
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	assert.Equal(t, Pass, statuses(res.Focus)["Real region strings (not placeholders)"], "the only finding is in code")
	assert.Equal(t, Fail, statuses(res.Checklist)["Real Azure region strings used (no placeholders)"], "the code item fails")
}

// Issue 8 item 12: an in-scope file whose lines could not be read (too
// large) is not clean: the items its rules verify are not checked, not
// passed; items whose rules found something still fail.
func TestUnreadFileMakesItemsNotChecked(t *testing.T) {
	code := difftest.Added("src/mtls/Caller.cs",
		`var app = ConfidentialClientApplicationBuilder.Create(id).WithAzureRegion("your-region").Build();`,
		`_logger.LogInformation("built");`)
	big := &diff.File{OldPath: "src/mtls/Big.cs", NewPath: "src/mtls/Big.cs", Status: diff.Modified}
	opts := Options{Guidance: guidanceFor(t), Rules: []*rules.Rule{regionRule, quietRule},
		NotReviewed: map[string]string{"src/mtls/Big.cs": "GitHub sent no patch and the head version is larger than 1048576 bytes"}}

	res, err := Run([]*diff.File{code, big}, opts)
	require.NoError(t, err)
	got := statuses(res.Checklist)
	assert.Equal(t, NotChecked, got["No secrets, tokens, or private keys logged"], "the secret rule never saw Big.cs")
	assert.Equal(t, Fail, got["Real Azure region strings used (no placeholders)"])
	assert.Equal(t, Manual, got["All tests pass locally"])
	for _, it := range res.Checklist {
		if it.Status == NotChecked {
			assert.Contains(t, it.Why, "src/mtls/Big.cs could not be read")
		}
	}
	require.Len(t, res.Files, 2)
	assert.True(t, res.Files[1].Unread)
	assert.False(t, res.Files[0].Unread)

	// Only the unread file in scope: its items are not checked, not n/a.
	res, err = Run([]*diff.File{big}, opts)
	require.NoError(t, err)
	got = statuses(res.Checklist)
	assert.Equal(t, NotChecked, got["No secrets, tokens, or private keys logged"])
	assert.Equal(t, NotChecked, got["Real Azure region strings used (no placeholders)"])

	// A binary file is not unread: there are no lines to miss.
	png := &diff.File{NewPath: "src/mtls/logo.png", Status: diff.Added, Binary: true}
	res, err = Run([]*diff.File{code, png}, Options{Guidance: guidanceFor(t), Rules: []*rules.Rule{regionRule, quietRule}})
	require.NoError(t, err)
	assert.Equal(t, Pass, statuses(res.Checklist)["No secrets, tokens, or private keys logged"])
	assert.False(t, res.Files[1].Unread)
}
