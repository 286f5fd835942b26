package rules_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/corpus"
)

// corpusRef is one entry of labels.tsv's anti_patterns_in_added_lines
// column, tied to the rule that covers it.
type corpusRef struct {
	sha string
	// label is a piece of the labels.tsv text this entry stands for; the
	// test fails when the labels no longer say it.
	label string
	// file is a suffix of the path; lines are the new-file lines the label
	// gives for the instance (any of them counts; none: anywhere in file).
	file  string
	lines []int
	rule  string
	// msg, when set, must be part of the finding's message.
	msg string
	// kind: "real" must be found; "benign" must not be flagged (by any
	// rule when rule is "", else by that rule); "optional" (the labels
	// call it borderline or minor) is neither required nor forbidden.
	kind string
}

// corpusRefs are the instances labels.tsv lists. Instances that no rule
// covers (a jwt-pop check weakened to a comment) have no entry.
var corpusRefs = []corpusRef{
	// Secrets in logs.
	{sha: "4956d58d1", label: "Program.cs:313 logs full result.AccessToken", file: "ManagedIdentityAppVM/Program.cs", lines: []int{313}, rule: "secret-logging", kind: "real"},
	{sha: "4956d58d1", label: ":317-318 logs 32-char AccessToken prefix [log-secret]", file: "ManagedIdentityAppVM/Program.cs", lines: []int{317, 318}, rule: "secret-logging", kind: "real"},
	{sha: "36e0c6b18", label: "PopKeyAttestor.cs:216 logs masked cache key + expiry only - OK", file: "PopKeyAttestor.cs", lines: []int{216}, kind: "benign"},
	// ClientSignedAssertion without TokenBindingCertificate.
	{sha: "46cd2b1db", label: "ClientAssertionTests.cs:956, :1036 ClientSignedAssertion{TokenBindingCertificate=null} (intentional negative tests - benign)", file: "ClientAssertionTests.cs", lines: []int{956}, kind: "benign"},
	{sha: "46cd2b1db", label: "ClientAssertionTests.cs:956, :1036 ClientSignedAssertion{TokenBindingCertificate=null} (intentional negative tests - benign)", file: "ClientAssertionTests.cs", lines: []int{1036, 1037, 1038, 1039, 1040}, kind: "benign"},
	{sha: "0e93afa1d", label: "FicAssertionProvider.cs:55 & :80-81 default bindCertificate=false -> :67 TokenBindingCertificate null", file: "FicAssertionProvider.cs", lines: []int{55, 67}, rule: "assertion-without-binding", kind: "real"},
	{sha: "0e93afa1d", label: "FicAssertionProvider.cs:55 & :80-81 default bindCertificate=false -> :67 TokenBindingCertificate null", file: "FicAssertionProvider.cs", lines: []int{80, 81, 67}, rule: "assertion-without-binding", kind: "real"},
	{sha: "08b8a2f63", label: "msal-mtls-pop-fic-two-leg/SKILL.md:98-100 and :187-189 ClientSignedAssertion{Assertion=leg1Result.AccessToken} without TokenBindingCertificate [csa-no-tbc]", file: "msal-mtls-pop-fic-two-leg/SKILL.md", lines: []int{98, 99, 100}, rule: "assertion-without-binding", kind: "real"},
	{sha: "08b8a2f63", label: "msal-mtls-pop-fic-two-leg/SKILL.md:98-100 and :187-189", file: "msal-mtls-pop-fic-two-leg/SKILL.md", lines: []int{187, 188, 189}, rule: "assertion-without-binding", kind: "real"},
	{sha: "08b8a2f63", label: "FicAssertionProvider.cs:55, :81 default bindCertificate=false [csa-no-tbc]", file: "FicAssertionProvider.cs", lines: []int{55}, rule: "assertion-without-binding", kind: "real"},
	{sha: "08b8a2f63", label: "FicAssertionProvider.cs:55, :81 default bindCertificate=false [csa-no-tbc]", file: "FicAssertionProvider.cs", lines: []int{81}, rule: "assertion-without-binding", kind: "real"},
	// Token type.
	{sha: "5cb257e86", label: `TokenType comments '"pop"' wrong (should be mtls_pop; not in list)`, file: "msal-mtls-pop-vanilla/SKILL.md", rule: "token-type", msg: `TokenType "pop"`, kind: "real"},
	{sha: "5cb257e86", label: `TokenType comments '"pop"' wrong (should be mtls_pop; not in list)`, file: "msal-mtls-pop-vanilla/ResourceCaller.cs", rule: "token-type", kind: "real"},
	// Authorization scheme.
	{sha: "08b8a2f63", label: `ResourceCaller.cs AuthenticationHeaderValue("PoP", ..) wrong scheme`, file: "ResourceCaller.cs", rule: "pop-auth-scheme", kind: "real"},
	// Placeholders.
	{sha: "5cb257e86", label: `msal-mtls-pop-vanilla/SKILL.md:185 .WithAzureRegion("your-region")`, file: "msal-mtls-pop-vanilla/SKILL.md", lines: []int{185}, rule: "placeholder-region", kind: "real"},
	{sha: "5cb257e86", label: `:261 'Add .WithAzureRegion("your-region")' [placeholder-region]`, file: "msal-mtls-pop-vanilla/SKILL.md", lines: []int{261}, rule: "placeholder-region", kind: "real"},
	{sha: "0e93afa1d", label: "placeholder IDs 'your-leg2-client-id'/'your-tenant-id' (not region)", rule: "placeholder-value", msg: `"your-leg2-client-id"`, kind: "real"},
	{sha: "0e93afa1d", label: "placeholder IDs 'your-leg2-client-id'/'your-tenant-id' (not region)", rule: "placeholder-value", msg: `"your-tenant-id"`, kind: "real"},
	{sha: "0e93afa1d", label: "placeholder IDs 'your-leg2-client-id'/'your-tenant-id' (not region)", rule: "placeholder-region", kind: "benign"},
	// Terminology (the prose rules).
	{sha: "2eef3bfc9", label: "MtlsPopTests.cs:598 ambiguous bare 'PoP'", file: "MtlsPopTests.cs", lines: []int{598}, rule: "ambiguous-pop", kind: "benign"}, // judged noise in findings-judged.tsv, the later word
	{sha: "2eef3bfc9", label: "MtlsPopTests.cs:532 doc-comment calls this single-call CCA repro 'the two-leg mTLS PoP flow' (borderline legs terminology)", file: "MtlsPopTests.cs", lines: []int{532}, rule: "vanilla-legs", kind: "optional"},
	{sha: "a37afecea", label: "ClientCredentialsMtlsPopTests.cs:20 ambiguous bare 'POP'", file: "ClientCredentialsMtlsPopTests.cs", lines: []int{20}, rule: "ambiguous-pop", kind: "benign"},              // judged noise in findings-judged.tsv, the later word
	{sha: "46cd2b1db", label: "MtlsPopParametersInitializer.cs:67-68", file: "MtlsPopParametersInitializer.cs", lines: []int{67, 68}, rule: "ambiguous-pop", kind: "benign"},                              // judged noise in findings-judged.tsv, the later word
	{sha: "46cd2b1db", label: "ClientAssertionDelegateCredential.cs:74 bare 'PoP'", file: "ClientAssertionDelegateCredential.cs", lines: []int{74}, rule: "ambiguous-pop", kind: "benign"},                // judged noise in findings-judged.tsv, the later word
	{sha: "4956d58d1", label: "ImdsV2ManagedIdentitySource.cs:399 bare 'POP'", file: "ImdsV2ManagedIdentitySource.cs", lines: []int{399}, rule: "ambiguous-pop", kind: "benign"},                          // judged noise in findings-judged.tsv, the later word
	{sha: "2d65ccd28", label: "ManagedIdentityClient.cs:75 bare 'PoP' comment", file: "ManagedIdentityClient.cs", lines: []int{75}, rule: "ambiguous-pop", kind: "benign"},                                // judged noise in findings-judged.tsv, the later word
	{sha: "f0d26a579", label: "ManagedIdentityImdsV2Tests.cs:90 bare 'PoP token' in assert message", file: "ManagedIdentityImdsV2Tests.cs", lines: []int{90}, rule: "ambiguous-pop", kind: "benign"},      // judged noise in findings-judged.tsv, the later word
	{sha: "cc4328d79", label: "ManagedIdentityPopExtensions.cs:29, :35 bare 'PoP options' in XML docs", file: "ManagedIdentityPopExtensions.cs", lines: []int{29}, rule: "ambiguous-pop", kind: "benign"}, // judged noise in findings-judged.tsv, the later word
	{sha: "cc4328d79", label: "ManagedIdentityPopExtensions.cs:29, :35 bare 'PoP options' in XML docs", file: "ManagedIdentityPopExtensions.cs", lines: []int{35}, rule: "ambiguous-pop", kind: "benign"}, // judged noise in findings-judged.tsv, the later word
	{sha: "c832249f0", label: "ManagedIdentityClient.cs:105 bare 'PoP' comment", file: "ManagedIdentityClient.cs", lines: []int{105}, rule: "ambiguous-pop", kind: "benign"},                              // judged noise in findings-judged.tsv, the later word
	{sha: "282a9e6c2", label: "ManagedIdentityClient.cs:113 bare 'PoP' comment", file: "ManagedIdentityClient.cs", lines: []int{113}, rule: "ambiguous-pop", kind: "benign"},                              // judged noise in findings-judged.tsv, the later word
	{sha: "0e93afa1d", label: ".github/skills/README.md:80, :120, :123 (+13 more) bare 'PoP'", file: ".github/skills/README.md", lines: []int{80}, rule: "ambiguous-pop", kind: "real"},
	{sha: "0e93afa1d", label: ".github/skills/README.md:80, :120, :123 (+13 more) bare 'PoP'", file: ".github/skills/README.md", lines: []int{120}, rule: "ambiguous-pop", kind: "real"},
	{sha: "0e93afa1d", label: ".github/skills/README.md:80, :120, :123 (+13 more) bare 'PoP'", file: ".github/skills/README.md", lines: []int{123}, rule: "ambiguous-pop", kind: "real"},
	{sha: "224a50ada", label: ":370 bare 'PoP' in XML doc - minor", file: "WindowsCngKeyOperations.cs", lines: []int{370}, rule: "ambiguous-pop", kind: "optional"},
	{sha: "a7a17c768", label: "MtlsPopParametersInitializer.cs:91 bare 'PoP'", file: "MtlsPopParametersInitializer.cs", lines: []int{91}, rule: "ambiguous-pop", kind: "benign"},                        // judged noise in findings-judged.tsv, the later word
	{sha: "5cb257e86", label: "bare 'PoP' e.g. FicLeg2Exchanger.cs:86-87", file: "FicLeg2Exchanger.cs", lines: []int{86, 87}, rule: "ambiguous-pop", kind: "benign"},                                    // judged noise in findings-judged.tsv, the later word
	{sha: "46bba2286", label: "msal-mtls-pop-vanilla/ResourceCaller.cs:57-58 bare 'PoP'", file: "msal-mtls-pop-vanilla/ResourceCaller.cs", lines: []int{57, 58}, rule: "ambiguous-pop", kind: "benign"}, // judged noise in findings-judged.tsv, the later word
}

type corpusCommit struct {
	flow   flow.Flow
	labels string
	files  []*diff.File
}

// loadCorpus reads labels.tsv and parses every labelled commit's patch.
func loadCorpus(t *testing.T) map[string]*corpusCommit {
	t.Helper()
	return loadCorpusFrom(t)
}

// loadCorpusFrom is loadCorpus for tests and benchmarks.
func loadCorpusFrom(t testing.TB) map[string]*corpusCommit {
	t.Helper()
	out := map[string]*corpusCommit{}
	for _, c := range corpus.Load(t, "flow", "anti_patterns_in_added_lines") {
		fl, err := flow.Parse(c.Label["flow"])
		if err != nil {
			t.Fatalf("labels.tsv %s: %v", c.SHA, err)
		}
		out[c.SHA] = &corpusCommit{flow: fl, labels: c.Label["anti_patterns_in_added_lines"], files: c.Files}
	}
	return out
}

// TestCorpus runs every rule on every file of every labelled commit (hunks
// only, as the action sees a pull request, with the commit's labelled
// flow) and checks the labels: each real instance a rule covers is found,
// nothing the labels call benign is flagged.
func TestCorpus(t *testing.T) {
	commits := loadCorpus(t)
	findings := map[string][]Finding{}
	byRule := map[string]int{}
	for sha, c := range commits {
		for _, f := range c.files {
			for _, fd := range review.Check(All, f, nil, c.flow, c.files) {
				findings[sha] = append(findings[sha], fd)
				byRule[fd.Rule]++
				if testing.Verbose() {
					t.Logf("%s %s: %s\n\t%s", sha, c.flow, fd, fd.Excerpt)
				}
			}
		}
	}
	found, missed, falsePos, skipped := 0, 0, 0, 0
	for _, r := range corpusRefs {
		c, ok := commits[r.sha]
		if !ok {
			t.Errorf("%s: commit not in labels.tsv", r.sha)
			continue
		}
		if !strings.Contains(c.labels, r.label) {
			t.Errorf("%s: labels.tsv no longer says %q", r.sha, r.label)
		}
		if r.rule != "" && ByID(r.rule) == nil {
			skipped++
			t.Logf("%s %s: rule %s is not registered", r.sha, r.label, r.rule)
			continue
		}
		var hits []Finding
		for _, fd := range findings[r.sha] {
			if r.file != "" && !strings.HasSuffix(fd.Path, r.file) {
				continue
			}
			if len(r.lines) > 0 && !containsInt(r.lines, fd.Line) {
				continue
			}
			if r.rule != "" && fd.Rule != r.rule {
				continue
			}
			if r.msg != "" && !strings.Contains(fd.Message, r.msg) {
				continue
			}
			hits = append(hits, fd)
		}
		switch r.kind {
		case "real":
			if len(hits) == 0 {
				missed++
				t.Errorf("missed: %s %s%v [%s] %q", r.sha, r.file, r.lines, r.rule, r.label)
			} else {
				found++
			}
		case "benign":
			if len(hits) > 0 {
				falsePos++
				for _, h := range hits {
					t.Errorf("false positive on a look-alike the labels call benign (%s %q): %s", r.sha, r.label, h)
				}
			}
		case "optional":
		default:
			t.Fatalf("corpusRefs: unknown kind %q", r.kind)
		}
	}
	var rules []string
	for id, n := range byRule {
		rules = append(rules, fmt.Sprintf("%s=%d", id, n))
	}
	sort.Strings(rules)
	t.Logf("corpus labels: found %d, missed %d, false %d (rules not registered: %d)", found, missed, falsePos, skipped)
	t.Logf("all findings by rule on %d commits: %s", len(commits), strings.Join(rules, " "))
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// BenchmarkCorpus runs every rule on every file of the labelled corpus
// (38 real commits), hunks only.
func BenchmarkCorpus(b *testing.B) {
	commits := loadCorpusFrom(b)
	lines := 0
	for _, c := range commits {
		for _, f := range c.files {
			for _, h := range f.Hunks {
				lines += len(h.Lines)
			}
		}
	}
	for b.Loop() {
		for _, c := range commits {
			for _, f := range c.files {
				review.Check(All, f, nil, c.flow, c.files)
			}
		}
	}
	b.ReportMetric(float64(lines), "lines/op")
}
