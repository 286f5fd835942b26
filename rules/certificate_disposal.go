package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
)

// CertificateDisposal flags certificates created in a using statement or
// declaration and handed to MSAL in the same scope.
var CertificateDisposal = &Rule{
	ID: "certificate-disposal",
	Doc: `Do not dispose a certificate MSAL still holds.
MSAL keeps the certificate given to WithCertificate or returned as a
ClientSignedAssertion's TokenBindingCertificate, and uses its private key
for every mTLS handshake and jwt-pop assertion after the call that set it
up. A certificate created in a using statement or declaration is disposed
at the end of the scope, and MSAL then fails with a disposed key. The
guidance's rule: use the certificate from the store and do not wrap it in
using. A certificate in a using that is never given to MSAL (a public-only
test certificate, a cache test) is fine; a documentation example whose
comments say MSAL uses the certificate counts as giving it to MSAL.

Bad:
    using var cert = new X509Certificate2(certPath, password);
    var app = ConfidentialClientApplicationBuilder.Create(clientId)
        .WithCertificate(cert, true).Build();

Good:
    X509Certificate2 cert = CertificateHelper.FindCertificateByName(certName);
    // Certificate is managed by the store, don't dispose
    var app = ConfidentialClientApplicationBuilder.Create(clientId)
        .WithCertificate(cert, true).Build();`,
	Severity: Error,
	Topics:   []checklist.Topic{checklist.TopicCertDisposal},
	Check:    checkCertificateDisposal,
}

var (
	// using var cert = ...; using (var cert = ...); using (X509Certificate2 cert = ...)
	usingCertRe = regexp.MustCompile(`\busing\s*\(?\s*(?:var|X509Certificate2\??)\s+([A-Za-z_]\w*)\s*=\s*(.*)`)
	certExprRe  = regexp.MustCompile(`\bnew\s+X509Certificate2\b|X509CertificateLoader\.|X509Certificate2\.CreateFrom|CreateSelfSigned|\bCopyWith\w*PrivateKey\b|Cert\w*\s*\(`)
)

func checkCertificateDisposal(p *Pass) {
	v := NewView(p)
	for _, l := range v.CodeLines() {
		if v.BadExample(l.N) {
			continue
		}
		if !strings.Contains(v.Code(l.N), "using") {
			continue
		}
		m := usingCertRe.FindStringSubmatch(v.Code(l.N))
		if m == nil {
			continue
		}
		name, rhs := m[1], m[2]
		typed := strings.Contains(m[0], "X509Certificate2")
		if !typed && !certExprRe.MatchString(rhs) {
			continue
		}
		sc, ok := v.ScopeAt(l.N)
		if !ok {
			continue
		}
		names := map[string]bool{name: true}
		for i := l.N + 1; i <= sc.End; i++ {
			code := v.Code(i)
			if a := certAliasRe.FindStringSubmatch(code); a != nil && mentionsAny(a[2], names) {
				names[a[1]] = true
			}
			how := handedToMSAL(code, names)
			if how == "" {
				continue
			}
			line := l.N
			if !v.Added(line) {
				line = i
			}
			p.Report(Finding{
				Line: line,
				Message: fmt.Sprintf("Certificate %s is created in a using and handed to MSAL (%s, line %d): it is disposed at the end of the scope while MSAL still needs its key. Use the certificate from the store and do not wrap it in using.",
					name, how, i),
			})
			break
		}
		if v.IsMarkdown() && docSaysMSALUsesIt(v, l.N, sc) && !handedInScope(v, l.N, sc, names) {
			p.Report(Finding{
				Line:    l.N,
				Message: fmt.Sprintf("Certificate %s is created in a using in an example that gives it to MSAL: it is disposed at the end of the scope while MSAL still needs its key. Use the certificate from the store and do not wrap it in using.", name),
			})
		}
	}
}

// docSaysMSALUsesIt reports whether a documentation example's comments,
// after the using on line n, say MSAL uses the certificate ("Cert disposed
// too early, MSAL may fail"): the snippet leaves the hand-off out.
func docSaysMSALUsesIt(v *View, n int, sc Scope) bool {
	for _, c := range v.Comments() {
		if c.Line > n && c.Line <= sc.End && strings.Contains(c.Text, "MSAL") {
			return true
		}
	}
	return false
}

func handedInScope(v *View, n int, sc Scope, names map[string]bool) bool {
	for i := n + 1; i <= sc.End; i++ {
		if handedToMSAL(v.Code(i), names) != "" {
			return true
		}
	}
	return false
}

// certAliasRe is "[type] alias = expr;" where expr only selects between
// names (a = b; a = c ? b : d;).
var certAliasRe = regexp.MustCompile(`^\s*(?:(?:var|X509Certificate2\??)\s+)?([A-Za-z_]\w*)\s*=\s*([\w\s?:=!<>.]*);`)

var identRe = regexp.MustCompile(`[A-Za-z_]\w*`)

func mentionsAny(s string, names map[string]bool) bool {
	for _, id := range identRe.FindAllString(s, -1) {
		if names[id] {
			return true
		}
	}
	return false
}

var handRe = regexp.MustCompile(`\b(WithCertificate)\s*\(\s*(?:certificate\s*:\s*)?(?:\(\s*\)\s*=>\s*)?([A-Za-z_]\w*)\b|\b(TokenBindingCertificate)\s*=\s*([A-Za-z_]\w*)\b`)

// handedToMSAL returns how code gives one of names to MSAL, or "".
func handedToMSAL(code string, names map[string]bool) string {
	for _, m := range handRe.FindAllStringSubmatch(code, -1) {
		switch {
		case m[1] != "" && names[m[2]]:
			return "WithCertificate(" + m[2] + ")"
		case m[3] != "" && names[m[4]]:
			return "TokenBindingCertificate = " + m[4]
		}
	}
	return ""
}
