package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
)

// PlaceholderValue flags placeholder literals in code and in the C# examples
// of documents.
var PlaceholderValue = &Rule{
	ID: "placeholder-value",
	Doc: `Examples and tests use real values, not placeholders.
The guidance asks for complete examples with no pseudo-code or placeholders:
a reader copies "your-tenant-id" or "<client-id>" and gets an error far from
the cause. Use real values, or clearly named test constants
(TestConstants.ClientId). Placeholders of WithAzureRegion are reported by
placeholder-region instead.

Bad:
    .Create("your-app-id")
    .WithAuthority("https://login.microsoftonline.com/your-tenant-id")

Good:
    .Create(TestConstants.ClientId)
    .WithAuthority("https://login.microsoftonline.com/contoso.onmicrosoft.com")`,
	Severity: Warning,
	Topics:   []checklist.Topic{checklist.TopicPlaceholder},
	Check:    checkPlaceholderValue,
}

var (
	placeholderSegRe = regexp.MustCompile(`(?i)^your(?:[-_][a-z0-9]|[A-Z0-9])|^(?:replace|change)[-_ ]?me\b|^replace[-_ ]with\b|^insert[-_ ]|[-_ ]here$|^x{8}-x{4}-x{4}-x{4}-x{12}$`)
	// The first letter after "your" must be upper case for yourAppId, so
	// that check is case-sensitive.
	yourCamelRe    = regexp.MustCompile(`^your[A-Z0-9]`)
	angleRe        = regexp.MustCompile(`^<[A-Za-z][\w .-]*>$`)
	angleWordsRe   = regexp.MustCompile(`(?i)id|name|tenant|client|secret|key|region|app|resource|uri|url|guid|thumbprint|value|your|[-_ ]`)
	segmentSplitRe = regexp.MustCompile(`[/?=&,;:\s.]+`)
	regionArgRe    = regexp.MustCompile(`\bWithAzureRegion\s*\(\s*(?:azureRegion\s*:\s*)?@?\$?@?"$`)
)

// placeholderIn returns the placeholder part of a literal, or "".
func placeholderIn(s string) string {
	t := strings.TrimSpace(s)
	if angleRe.MatchString(t) && angleWordsRe.MatchString(t[1:len(t)-1]) {
		return t
	}
	for _, seg := range segmentSplitRe.Split(t, -1) {
		seg = strings.Trim(seg, `'"()[]{}`)
		if seg == "" {
			continue
		}
		l := strings.ToLower(seg)
		if strings.HasPrefix(l, "your") {
			if len(seg) > 4 && (seg[4] == '-' || seg[4] == '_' || yourCamelRe.MatchString(seg) || strings.HasPrefix(seg, "YOUR")) {
				return seg
			}
			continue
		}
		if placeholderSegRe.MatchString(seg) {
			return seg
		}
		if angleRe.MatchString(seg) && angleWordsRe.MatchString(seg[1:len(seg)-1]) {
			return seg
		}
	}
	return ""
}

func checkPlaceholderValue(p *Pass) {
	v := NewView(p)
	for _, l := range v.CheckedCode() {
		if !containsAny(v.lower(l.N), placeholderHints...) {
			continue
		}
		code := v.Code(l.N)
		for _, lit := range Literals(code) {
			if regionArgRe.MatchString(code[max(0, lit.Col-80):lit.Col]) {
				continue // placeholder-region's
			}
			val := lit.Value
			if lit.Interpolated {
				val = interpolationRe.ReplaceAllString(val, " ")
			}
			ph := placeholderIn(val)
			if ph == "" {
				continue
			}
			if strings.HasPrefix(val, "api://") && !lit.Interpolated && placeholderIn(strings.TrimPrefix(val, "api://")) != "" && isLeg1Acquisition(v, l.N) {
				continue // exchange-audience's: leg 1 must ask for api://AzureADTokenExchange
			}
			p.Report(Finding{
				Line:    l.N,
				Column:  lit.Col,
				Message: fmt.Sprintf("%q is a placeholder: use a real value or a clearly named test constant (TestConstants.ClientId); the guidance wants complete examples without placeholders.", ph),
			})
		}
	}
}

// placeholderHints hold a piece (lower case) of everything placeholderIn
// finds.
var placeholderHints = []string{"your", "replace", "change", "insert", "here", "\"<", "/<", "xxxxxxxx"}

var interpolationRe = regexp.MustCompile(`\{[^{}]*\}`)
