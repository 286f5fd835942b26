package rules

import (
	"fmt"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// PlaceholderValue flags placeholder literals in code and in the C# examples
// of documents.
var PlaceholderValue = &Rule{
	ID: "placeholder-value",
	Doc: `Examples and tests use real values, not placeholders.
The guidance asks for complete examples with no pseudo-code or placeholders:
a reader copies "your-tenant-id" or "<client-id>" and gets an error far from
the cause. Use real values, or clearly named test constants
(TestConstants.ClientId). Placeholder authorities
(https://login.microsoftonline.com/tenant-id), file paths to replace
(path/to/cert.pfx) and pseudo-code where an expression should be
(= /* load certificate */;) are placeholders too. Drawings are not code:
lines with box-drawing characters or arrows, and unlabelled blocks in which
no line reads as C# (a wire-format body), are left alone. Placeholders of
WithAzureRegion are reported by placeholder-region instead.

Bad:
    .Create("your-app-id")
    .WithAuthority("https://login.microsoftonline.com/your-tenant-id")

Good:
    .Create(TestConstants.ClientId)
    .WithAuthority("https://login.microsoftonline.com/contoso.onmicrosoft.com")`,
	Severity: Warning,
	Topics:   []topic.Topic{topic.Placeholder},
	Check:    checkPlaceholderValue,
	Triggers: source.TrigPlaceholder | source.TrigPseudo,
}

var (
	placeholderSegRe = prefilter.MustCompile(`(?i)^your(?:[-_][a-z0-9]|[A-Z0-9])|^(?:replace|change)[-_ ]?me\b|^replace[-_ ]with\b|^insert[-_ ]|[-_ ]here$|^x{8}-x{4}-x{4}-x{4}-x{12}$`)
	// The first letter after "your" must be upper case for yourAppId, so
	// that check is case-sensitive.
	yourCamelRe    = prefilter.MustCompile(`^your[A-Z0-9]`)
	angleRe        = prefilter.MustCompile(`^<[A-Za-z][\w .-]*>$`)
	angleWordsRe   = prefilter.MustCompile(`(?i)id|name|tenant|client|secret|key|region|app|resource|uri|url|guid|thumbprint|value|your|[-_ ]`)
	segmentSplitRe = prefilter.MustCompile(`[/?=&,;:\s.]+`)
	regionArgRe    = prefilter.MustCompile(`\bWithAzureRegion\s*\(\s*(?:azureRegion\s*:\s*)?@?\$?@?"$`)
)

// placeholderIn returns the placeholder part of a literal, or "".
func placeholderIn(s string) string {
	t := strings.TrimSpace(s)
	if angleRe.MatchString(t) && angleWordsRe.MatchString(t[1:len(t)-1]) {
		return t
	}
	for _, seg := range placeholderSegments(t) {
		seg = strings.Trim(seg, `'"()[]{}`)
		if seg == "" {
			continue
		}
		// strings.ToLower(seg) starts with "your" (fold.go).
		if foldedAt(seg, 0, "your") {
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

var (
	// The tenant segment of an authority URL standing for a tenant:
	// https://login.microsoftonline.com/tenant-id, .../{tenantId}.
	authorityTenantRe = prefilter.MustCompile(`(?i)\blogin\.(?:microsoftonline\.(?:com|us)|windows\.net|chinacloudapi\.cn|partner\.microsoftonline\.cn)/([\[{]?(?:tenant|directory)(?:[-_ ]?(?:id|name|guid))?[\]}]?|my[-_]?tenant(?:[-_]?id)?)(?:/|$)`)
	// A file path a reader must replace: path/to/cert.pfx, C:\path\to\.
	pathToRe = prefilter.MustCompile(`(?i)(?:^|[/\\])path[/\\]to[/\\]`)
	// A comment standing where an expression should be:
	// X509Certificate2 cert = /* load certificate */; Foo(a, /* ... */).
	// (Foo(/* none */) compiles: an empty argument list may hold a comment.)
	pseudoExprRe = prefilter.MustCompile(`(?:=|,|\breturn)\s*$`)
	pseudoNextRe = prefilter.MustCompile(`^\s*[;),]`)
	// An ellipsis standing for an expression: var cert = ...;
	ellipsisExprRe = prefilter.MustCompile(`=\s*\.\.\.\s*;|\(\s*\.\.\.\s*\)\s*;`)
)

// schematicLine reports whether code line n of v is part of a drawing
// rather than code: box-drawing characters or arrows, or a line of an
// unlabelled block in which no line reads as C# (a wire-format body, an
// ASCII diagram).
func schematicLine(v *source.View, n int) bool {
	if strings.ContainsFunc(v.Text(n), func(r rune) bool {
		return r >= 0x2500 && r <= 0x259F || r >= 0x2190 && r <= 0x21FF || r == '▶' || r == '►' || r == '▼' || r == '◀'
	}) {
		return true
	}
	b, ok := v.BlockAt(n)
	if !ok || b.Lang != "" {
		return false
	}
	for i := b.Start; i <= b.End; i++ {
		if t := strings.TrimSpace(v.Code(i)); t != "" && source.CodeLike(t) {
			return false
		}
	}
	return true
}

// pseudoCodeAt returns the column of pseudo-code on code line n: a
// comment or an ellipsis where an expression should be; 0 when none.
func pseudoCodeAt(v *source.View, n int) int {
	text, code := v.Text(n), v.Code(n)
	if !v.May(n, source.TrigPseudo) || !strings.Contains(code, "...") && !strings.Contains(text, "/*") {
		return 0
	}
	if m := ellipsisExprRe.FindStringIndex(code); m != nil {
		return m[0] + 1
	}
	if !strings.Contains(text, "/*") {
		return 0
	}
	for _, c := range v.Comments() {
		if c.Line != n || c.Col < 1 || c.Col > len(code) || !strings.HasPrefix(text[c.Col-1:], "/*") {
			continue
		}
		end := strings.Index(text[c.Col-1:], "*/")
		if end < 0 {
			continue
		}
		after := c.Col - 1 + end + 2
		if pseudoExprRe.MatchString(code[:c.Col-1]) && pseudoNextRe.MatchString(code[after:]) {
			return c.Col
		}
	}
	return 0
}

func checkPlaceholderValue(p *Pass) {
	v := NewView(p)
	for _, l := range v.CheckedCode() {
		if col := pseudoCodeAt(v, l.N); col > 0 && !schematicLine(v, l.N) {
			p.Report(Finding{
				Line:    l.N,
				Column:  col,
				Message: "pseudo-code stands where an expression should be: the example does not compile; show the real call (for example CertificateHelper.FindCertificateByName(TestConstants.AutomationTestCertName)).",
			})
		}
		if !v.HasFold(l.N, source.TrigPlaceholder) {
			continue
		}
		code := v.Code(l.N)
		for _, lit := range source.Literals(code) {
			if regionArgRe.MatchString(code[max(0, lit.Col-80):lit.Col]) {
				continue // placeholder-region's
			}
			val := lit.Value
			if lit.Interpolated {
				val = interpolationRe.ReplaceAllString(val, " ")
			}
			ph := placeholderIn(val)
			if m := authorityTenantRe.FindStringSubmatch(val); ph == "" && m != nil && (v.IsMarkdown() || !strings.HasPrefix(m[1], "{")) {
				// {tenant} in code may be a template the code fills in
				// (.Replace("{tenant}", id)); in a document it is for the
				// reader to fill.
				ph = m[1]
			}
			if ph == "" && pathToRe.MatchString(val) {
				ph = val
			}
			if ph == "" || schematicLine(v, l.N) {
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

var interpolationRe = prefilter.MustCompile(`\{[^{}]*\}`)
