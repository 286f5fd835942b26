package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// HardcodedSecret flags JWTs, PEM private keys and client secrets written
// into added lines.
var HardcodedSecret = &Rule{
	ID: "hardcoded-secret",
	Doc: `No tokens, private keys or client secrets in the change.
A signed JWT, a PEM private key block or a client secret committed to the
repository is leaked for good: anyone with read access can use it until it
is revoked. Tests and samples load credentials from the certificate store,
Key Vault or the environment. Findings show the value redacted, never the
value itself. Obvious stand-ins are left to placeholder-value, and fake
test JWTs whose payload is not JSON (eyJ...fake.sig) are not JWTs.

Bad:
    .WithClientSecret("Abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
    var key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN...";

Good:
    .WithCertificate(CertificateHelper.FindCertificateByName(certName), true)
    .WithClientSecret(Environment.GetEnvironmentVariable("CLIENT_SECRET"))`,
	Severity: Error,
	Topics:   []topic.Topic{topic.HardcodedSecret},
	Check:    checkHardcodedSecret,
	Triggers: source.TrigSecretLiteral | source.TrigSecretTarget,
}

var (
	// A signed JWT: JSON header and payload (both start {" = eyJ) and a
	// signature.
	signedJWTRe = prefilter.MustCompile(`eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}`)
	pemKeyRe    = prefilter.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----`)
	pemBodyRe   = prefilter.MustCompile(`[A-Za-z0-9+/]{40,}`)
	// A secret-named target: WithClientSecret(", ClientSecret = ", "client_secret", ".
	secretTargetRe   = prefilter.MustCompile(`(?i)(?:WithClientSecret\s*\(\s*(?:clientSecret\s*:\s*)?|\b(?:client_?secret|secret|password|passwd|pwd|api_?key)\s*(?:=|:)\s*|"(?:client_secret|password)"\s*,\s*)(?:@|\$)?$`)
	entraSecretLitRe = prefilter.MustCompile(`^[A-Za-z0-9_.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34}$`)
	configSecretRe   = prefilter.MustCompile(`(?i)["']?(?:client_?secret|password|api_?key)["']?\s*[:=]\s*["']([^"'\s]{4,})["']`)
	inlineSecretRe   = prefilter.MustCompile(`(?i)\bclient_secret=([^&\s"]+)`)
)

func checkHardcodedSecret(p *Pass) {
	v := NewView(p)
	for _, l := range v.AddedLines() {
		if v.BadExample(l.N) {
			continue
		}
		code := v.IsCodeLine(l.N)
		// A key or a token leaks from a comment as much as from code, so
		// those are looked for in the whole line; secret literals only in
		// the code.
		text := l.Text
		if !code && v.IsMarkdown() && !v.Prose(l.N) {
			if _, in := v.BlockAt(l.N); !in {
				continue
			}
		}
		if !(v.May(l.N, source.TrigSecretLiteral) && source.ContainsAny(text, "-----BEGIN", "eyJ", "Q~")) && !v.HasFold(l.N, source.TrigSecretTarget) {
			continue
		}
		if loc := pemKeyRe.FindStringIndex(text); loc != nil {
			body := pemBodyRe.MatchString(text[loc[1]:]) || pemBodyRe.MatchString(v.Text(l.N+1))
			if body {
				p.Report(Finding{Line: l.N, Column: loc[0] + 1, Excerpt: Redact(strings.TrimSpace(l.Text)),
					Message: "A PEM private key is committed here: remove it, revoke it, and load the certificate from the store or Key Vault at run time."})
				continue
			}
		}
		if loc := signedJWTRe.FindStringIndex(text); loc != nil {
			p.Report(Finding{Line: l.N, Column: loc[0] + 1, Excerpt: Redact(strings.TrimSpace(l.Text)),
				Message: "A signed JWT (eyJ…" + Redacted + ") is committed here: a token is a credential; remove it and acquire one at run time."})
			continue
		}
		if !code {
			// Configuration (appsettings.json, YAML, a json block in a
			// document): "ClientSecret": "value".
			if v.Prose(l.N) {
				continue
			}
			for _, m := range configSecretRe.FindAllStringSubmatchIndex(text, -1) {
				val := text[m[2]:m[3]]
				if entraSecretLitRe.MatchString(val) || secretish(val) && secretLike(val) {
					p.Report(Finding{Line: l.N, Column: m[2] + 1,
						Excerpt: Redact(strings.TrimSpace(strings.Replace(l.Text, val, Redacted, 1))),
						Message: `A client secret ("` + Redacted + `") is committed in configuration here: remove it, rotate it, and supply it from Key Vault or the environment, or use a certificate.`})
				}
			}
			continue
		}
		text = v.Code(l.N)
		for _, lit := range source.Literals(text) {
			if lit.Interpolated && strings.Contains(lit.Value, "{") {
				continue
			}
			before := text[max(0, lit.Col-1-80) : lit.Col-1]
			named := secretTargetRe.MatchString(before)
			val := lit.Value
			if m := inlineSecretRe.FindStringSubmatch(val); m != nil {
				named, val = true, m[1]
			}
			if entraSecretLitRe.MatchString(val) || named && secretish(val) && secretLike(val) {
				p.Report(Finding{Line: l.N, Column: lit.Col,
					Excerpt: Redact(strings.TrimSpace(strings.Replace(l.Text, val, Redacted, 1))),
					Message: `A client secret literal ("` + Redacted + `") is committed here: remove it, rotate it, and read it from configuration or Key Vault, or use a certificate.`})
			}
		}
	}
}

// secretLike reports whether a literal could be a real secret rather than
// a name, a placeholder or a short test value: at least 12 characters with
// letters and digits or symbols, and not a stand-in.
func secretLike(s string) bool {
	if len(s) < 12 || looksPlaceholder(s) || strings.ContainsAny(s, " {}<>") {
		return false
	}
	l := strings.ToLower(s)
	for _, w := range []string{"secret", "password", "placeholder", "replace", "example", "dummy", "fake", "test", "sample", "invalid"} {
		if strings.Contains(l, w) {
			return false
		}
	}
	var letter, other bool
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letter = true
		default:
			other = true
		}
	}
	return letter && other
}
