package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
	"github.com/reviewbot/reviewbot/topic"
	"github.com/reviewbot/reviewbot/version"
)

// SARIFSchemaURI is the $schema SARIF output names, as GitHub's code
// scanning documentation shows it.
const SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

// maxSARIFResults is GitHub code scanning's limit on results per run; the
// rest are dropped with a notification saying how many.
const maxSARIFResults = 25000

// fingerprintKey names reviewbot's partial fingerprint: a hash of the rule,
// the path and the offending line's text, so an alert follows its line when
// lines above it move.
const fingerprintKey = "reviewbotLineHash/v1"

// securitySeverity scores the checklist topics that are about security,
// on GitHub code scanning's scale (9.0 and up critical, 7.0 high, 4.0
// medium, below that low). A rule gets the highest score of its topics
// and the "security" tag; rules whose topics score nothing get neither.
var securitySeverity = map[topic.Topic]float64{
	// A secret in the repository or in a log can be used by anyone who
	// reads it.
	topic.HardcodedSecret: 8.0,
	topic.SecretLogging:   7.5,
	// An assertion without its binding certificate, or typed jwt-bearer,
	// turns the mTLS PoP token into a bearer token that works when stolen.
	topic.TokenBinding:  6.5,
	topic.AssertionType: 6.5,
	// A certificate disposed while MSAL holds it breaks the mTLS channel
	// (a failure, not a leak).
	topic.CertDisposal: 4.0,
}

// SARIF log types: only the parts reviewbot writes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool        sarifTool         `json:"tool"`
		Invocations []sarifInvocation `json:"invocations"`
		Results     []sarifResult     `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 sarifHelp       `json:"help"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
		Properties           sarifProperties `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifProperties struct {
		Tags []string `json:"tags"`
		// SecuritySeverity is GitHub code scanning's score (0.0 to 10.0,
		// as a string) that ranks a security rule's alerts critical, high,
		// medium or low; empty for rules that are not about security.
		SecuritySeverity string `json:"security-severity,omitempty"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		EndLine     int `json:"endLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
)

// SARIF writes r's findings as a SARIF 2.1.0 log that GitHub code scanning
// accepts: one run whose driver lists the rules rs (ID, name, the Doc's
// first line as short description, its first paragraph as full
// description, the whole Doc as help, the default level, tags and, for
// security rules, security-severity), plus any
// rule a finding names that rs lacks; one result per finding with its rule,
// level (error, warning or note), message, location (relative URI with
// forward slashes, start and end line) and a partial fingerprint. The
// engine's warnings become tool notifications.
func SARIF(w io.Writer, r *review.Result, rs []*rules.Rule) error {
	if r == nil {
		return fmt.Errorf("write SARIF report: no result")
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "reviewbot",
			Version:        version.String(),
			InformationURI: ProjectURL,
			Rules:          []sarifRule{},
		}},
		Results: []sarifResult{},
	}
	index := map[string]int{}
	for _, rule := range rs {
		if rule == nil {
			continue
		}
		if _, dup := index[rule.ID]; dup {
			return fmt.Errorf("write SARIF report: rule %q is listed twice", rule.ID)
		}
		index[rule.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(rule))
	}

	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, wmsg := range r.Warnings {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{clean(wmsg)}})
	}
	seen := map[string]int{}
	for n, i := range findingOrder(r.Findings, false) {
		if n == maxSARIFResults {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifText{
				fmt.Sprintf("%d more findings not written: GitHub code scanning takes at most %d results per run", len(r.Findings)-maxSARIFResults, maxSARIFResults)}})
			break
		}
		f := r.Findings[i]
		ri, ok := index[f.Rule]
		if !ok {
			ri = len(run.Tool.Driver.Rules)
			index[f.Rule] = ri
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(&rules.Rule{ID: f.Rule, Severity: f.Severity,
				Doc: "reviewbot rule " + f.Rule + "."}))
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(f.Path)}}}
		if f.Line >= 1 {
			end := max(f.EndLine, f.Line)
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: f.Line, EndLine: end}
			if f.Column >= 1 {
				loc.PhysicalLocation.Region.StartColumn = f.Column
			}
		}
		key := f.Rule + "\x00" + f.Path + "\x00" + strings.TrimSpace(f.Excerpt)
		if f.Excerpt == "" {
			key += "\x00" + f.Message
		}
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, seen[key])))
		run.Results = append(run.Results, sarifResult{
			RuleID:              f.Rule,
			RuleIndex:           ri,
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{sarifMessage(f.Message)},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])},
		})
	}
	run.Invocations = []sarifInvocation{inv}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: SARIFSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return fmt.Errorf("write SARIF report: %w", err)
	}
	return nil
}

// sarifRuleOf describes a rule for the SARIF driver.
func sarifRuleOf(r *rules.Rule) sarifRule {
	parts := r.Parts()
	doc, short, full := parts.Text, parts.Summary, parts.Description
	if short == "" {
		short = r.ID
		full = r.ID
		doc = r.ID
	}
	tags := []string{"mtls-pop"}
	score := 0.0
	for _, t := range r.Topics {
		tags = append(tags, string(t))
		score = max(score, securitySeverity[t])
	}
	secScore := ""
	if score > 0 {
		tags = append(tags, "security")
		secScore = strconv.FormatFloat(score, 'f', 1, 64)
	}
	if len(tags) > 20 { // GitHub reads at most 20 tags per rule
		tags = tags[:20]
	}
	out := sarifRule{
		ID:                   r.ID,
		Name:                 sarifName(r.ID),
		ShortDescription:     sarifText{short},
		FullDescription:      sarifText{full},
		Help:                 sarifHelp{Text: doc, Markdown: docMarkdown(doc)},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifProperties{Tags: tags, SecuritySeverity: secScore},
	}
	if u := RuleURL(r.ID); u != "" {
		out.HelpURI = u
		out.Help.Text += "\n\nDocumentation: " + u
		out.Help.Markdown += "\n\n[Documentation](" + u + ")"
	}
	return out
}

// docMarkdown turns a rule Doc into Markdown for SARIF help: runs of
// indented lines (the "Bad:" and "Good:" examples) become fenced code
// blocks, because an indented block cannot interrupt the paragraph above it.
func docMarkdown(doc string) string {
	lines := strings.Split(doc, "\n")
	var b strings.Builder
	for i := 0; i < len(lines); {
		if !isIndented(lines[i]) {
			b.WriteString(lines[i])
			b.WriteByte('\n')
			i++
			continue
		}
		j := i
		longest := 0
		for j < len(lines) && (isIndented(lines[j]) || strings.TrimSpace(lines[j]) == "" && j+1 < len(lines) && isIndented(lines[j+1])) {
			run := 0
			for _, c := range lines[j] {
				if c == '`' {
					run++
					longest = max(longest, run)
				} else {
					run = 0
				}
			}
			j++
		}
		fence := strings.Repeat("`", max(3, longest+1))
		b.WriteString(fence + "\n")
		for _, l := range lines[i:j] {
			l = strings.TrimPrefix(l, "\t")
			l = strings.TrimPrefix(l, "    ")
			b.WriteString(l + "\n")
		}
		b.WriteString(fence + "\n")
		i = j
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// isIndented reports a line indented as code (four spaces or a tab).
func isIndented(l string) bool {
	return strings.HasPrefix(l, "    ") || strings.HasPrefix(l, "\t")
}

// sarifName turns a kebab-case rule ID into SARIF's PascalCase name.
func sarifName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '-' || r == '_' || r == ' ' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "Rule"
	}
	return b.String()
}

// sarifLevel maps a severity to SARIF's level.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// sarifMessage makes a finding's message plain SARIF text: one line, with
// "[" and "]" escaped so quoted PR content cannot form an embedded link
// (SARIF 2.1.0 §3.11.6).
func sarifMessage(s string) string {
	s = clean(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "[", `\[`)
	s = strings.ReplaceAll(s, "]", `\]`)
	if s == "" {
		s = "(no message)"
	}
	return s
}

// sarifURI makes a repository-relative path a relative URI reference:
// forward slashes, no leading "./" or "/", each segment percent-encoded.
func sarifURI(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	p = path.Clean("/" + p)[1:]
	if p == "" {
		p = "."
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		// ":" is escaped too, so a first segment never reads as a scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}
