package rules

import (
	"fmt"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
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
at the end of its scope; if the MSAL object that took it (the app, its
builder, the assertion delegate) is returned, stored outside the scope or
used after it, MSAL then fails with a disposed key. The guidance's rule:
use the certificate from the store and do not wrap it in using.

A using certificate disposed after the last MSAL call that can use it (a
test's app built and used inside the test) is fine, and so is one never
given to MSAL (a public-only test certificate, a cache test). In a
documentation example, a using declaration at the top of the example
lives on in the reader's code, and an example whose comments say MSAL
uses the certificate counts as giving it to MSAL.

Bad:
    public IConfidentialClientApplication CreateApp()
    {
        using var cert = new X509Certificate2(certPath, password);
        return ConfidentialClientApplicationBuilder.Create(clientId)
            .WithCertificate(cert, true).Build();
    }

Good:
    X509Certificate2 cert = CertificateHelper.FindCertificateByName(certName);
    // Certificate is managed by the store, don't dispose
    var app = ConfidentialClientApplicationBuilder.Create(clientId)
        .WithCertificate(cert, true).Build();`,
	Severity: Error,
	Topics:   []topic.Topic{topic.CertDisposal},
	Check:    checkCertificateDisposal,
	Triggers: source.TrigUsing,
}

var (
	// using var cert = ...; using (var cert = ...); using (X509Certificate2 cert = ...)
	usingCertRe = prefilter.MustCompile(`\busing\s*\(?\s*(?:var|X509Certificate2\??)\s+([A-Za-z_]\w*)\s*=\s*(.*)`)
	certExprRe  = prefilter.MustCompile(`\bnew\s+X509Certificate2\b|X509CertificateLoader\.|X509Certificate2\.CreateFrom|CreateSelfSigned|\bCopyWith\w*PrivateKey\b|Cert\w*\s*\(`)
)

func checkCertificateDisposal(p *Pass) {
	v := NewView(p)
	for _, l := range v.CodeLines() {
		if v.BadExample(l.N) {
			continue
		}
		// usingCertRe needs an "=": a using directive has none.
		if !v.May(l.N, source.TrigUsing) || !strings.Contains(v.Code(l.N), "using") || strings.IndexByte(v.Code(l.N), '=') < 0 {
			continue
		}
		m := usingCert(v.Code(l.N))
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
			held := msalHoldsAfter(v, sc, l.N, disposedAt(v, l.N, sc), i)
			if held == "" {
				// Disposed after the last MSAL call that can use it.
				break
			}
			line := l.N
			if !v.Added(line) {
				line = i
			}
			p.Report(Finding{
				Line: line,
				Message: fmt.Sprintf("Certificate %s is created in a using and handed to MSAL (%s, line %d), but %s: MSAL still needs its key after the using disposes it. Use the certificate from the store and do not wrap it in using.",
					name, how, i, held),
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
func docSaysMSALUsesIt(v *source.View, n int, sc source.Scope) bool {
	for _, c := range v.Comments() {
		if c.Line > n && c.Line <= sc.End && strings.Contains(c.Text, "MSAL") {
			return true
		}
	}
	return false
}

func handedInScope(v *source.View, n int, sc source.Scope, names map[string]bool) bool {
	for i := n + 1; i <= sc.End; i++ {
		if handedToMSAL(v.Code(i), names) != "" {
			return true
		}
	}
	return false
}

// certAliasRe is "[type] alias = expr;" where expr only selects between
// names (a = b; a = c ? b : d;).
var certAliasRe = prefilter.MustCompile(`^\s*(?:(?:var|X509Certificate2\??)\s+)?([A-Za-z_]\w*)\s*=\s*([\w\s?:=!<>.]*);`)

var identRe = prefilter.MustCompile(`[A-Za-z_]\w*`)

func mentionsAny(s string, names map[string]bool) bool {
	for _, id := range identRe.FindAllString(s, -1) {
		if names[id] {
			return true
		}
	}
	return false
}

var handRe = prefilter.MustCompile(`\b(WithCertificate)\s*\(\s*(?:certificate\s*:\s*)?(?:\(\s*\)\s*=>\s*)?([A-Za-z_]\w*)\b|\b(TokenBindingCertificate)\s*=\s*([A-Za-z_]\w*)\b`)

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

// disposedAt returns the line where the certificate of the using on line n
// is disposed: the end of a using statement's block, or the end of the
// scope for a using declaration.
func disposedAt(v *source.View, n int, sc source.Scope) int {
	code := strings.TrimSpace(v.Code(n))
	if strings.HasPrefix(code, "using") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(code, "using")), "(") {
		if end, ok := v.BlockEnd(n); ok && end <= sc.End {
			return end
		}
	}
	return sc.End
}

// typeExpr is a C# type name as a declaration writes it:
// X509Certificate2, IConfidentialClientApplication?, Func<A, B, Task<C>>.
const typeExpr = `[A-Z][\w.]*(?:<[^=;]*>)?(?:\[\])?\??`

var (
	// assignTargetRe is the start of "[Type] name = ..." (not ==, not =>).
	assignTargetRe = prefilter.MustCompile(`^\s*(?:((?:var|` + typeExpr + `)\s+))?(@?[A-Za-z_][\w.]*)\s*=(?:[^=>]|$)`)
	// declOnlyRe is "Type name;", a local declared without a value.
	declOnlyRe = prefilter.MustCompile(`^\s*` + typeExpr + `\s+(@?[A-Za-z_]\w*)\s*;`)
	// receiverRe is the receiver of a builder call: "builder.WithCertificate(".
	receiverRe = prefilter.MustCompile(`^\s*([A-Za-z_][\w.]*)\s*\.\s*\w+\s*\(`)
	returnRe   = prefilter.MustCompile(`^\s*return\b`)
)

// msalHoldsAfter says how MSAL can still hold a certificate handed over on
// line hand after the using on line n disposes it on line end: the MSAL
// object that took it (the app, its builder, the assertion delegate) is
// returned, stored outside the scope, or used after end. It returns "" when
// the holder lives and dies inside the using, so the certificate is
// disposed after the last MSAL call that can use it.
func msalHoldsAfter(v *source.View, sc source.Scope, n, end, hand int) string {
	s := statementStart(v, hand, max(n+1, sc.Start))
	first := v.Code(s)
	if returnRe.MatchString(first) {
		return fmt.Sprintf("the MSAL object holding it is returned on line %d", s)
	}
	holder, declared := "", false
	if m := assignTargetRe.FindStringSubmatch(first); m != nil {
		holder, declared = m[2], m[1] != ""
	} else if m := receiverRe.FindStringSubmatch(first); m != nil {
		holder = m[1]
	}
	if holder == "" {
		return ""
	}
	if v.IsMarkdown() && end == sc.End && declared {
		// A using declaration at the top of an example: the reader's code
		// goes on using the holder after what the example shows, and the
		// certificate is disposed only when that code's scope ends.
		return fmt.Sprintf("the example's %s lives on in the reader's code", holder)
	}
	if strings.Contains(holder, ".") || !declared && !declaredIn(v, holder, n, s) {
		if !declared && declaredIn(v, holder, sc.Start, n) {
			// An outer local: it holds the certificate if used after end.
			if k := mentionedIn(v, holder, end+1, sc.End); k > 0 {
				return fmt.Sprintf("%s, which holds it, is used on line %d after the using ends", holder, k)
			}
			return ""
		}
		return fmt.Sprintf("it is stored in %s, which outlives the using", holder)
	}
	for k := s + 1; k <= end; k++ {
		code := v.Code(k)
		if !mentionsWord(code, holder) {
			continue
		}
		if returnRe.MatchString(code) {
			return fmt.Sprintf("%s, which holds it, is returned on line %d", holder, k)
		}
		if m := assignTargetRe.FindStringSubmatch(code); m != nil && m[1] == "" && m[2] != holder && !declaredIn(v, m[2], n, k) {
			return fmt.Sprintf("%s, which holds it, is stored in %s on line %d", holder, m[2], k)
		}
	}
	return ""
}

// statementStart returns the first line of the statement that holds line
// i, looking back no further than line from. It steps out of the argument
// lists, object initializers and lambda bodies around line i (a
// TokenBindingCertificate set inside a delegate belongs to the statement
// that declares the delegate) and stops at the block that holds it or at
// the end of the statement before.
func statementStart(v *source.View, i, from int) int {
	const limit = 60
	depth := 0
	start := i
	for k := i; k >= from && k > i-limit; k-- {
		if !v.Known(k) {
			return start
		}
		code := stripLiterals(v.Code(k))
		if k < i && depth == 0 {
			t := strings.TrimSpace(code)
			if strings.HasSuffix(t, ";") || strings.HasSuffix(t, "}") {
				return start
			}
		}
		for j := len(code) - 1; j >= 0; j-- {
			switch code[j] {
			case ')', '}', ']':
				depth++
			case '(', '[':
				depth--
			case '{':
				depth--
				if depth < 0 && !opensExpression(v, k, code[:j]) {
					return start
				}
			}
			if depth < 0 {
				depth = 0
			}
		}
		start = k
	}
	return start
}

// opensExpression reports whether a "{" after before on line k opens an
// object initializer or a lambda body (part of an expression) rather than
// a block of statements.
func opensExpression(v *source.View, k int, before string) bool {
	t := strings.TrimSpace(before)
	if t == "" && k > 1 {
		t = strings.TrimSpace(stripLiterals(v.Code(k - 1)))
	}
	if blockKeywordRe.MatchString(t) || source.LooksLikeHeader(t) && source.MethodHeaderRe.MatchString(t) {
		return false
	}
	return strings.HasSuffix(t, "=>") || strings.HasSuffix(t, "=") || strings.HasSuffix(t, "(") || strings.HasSuffix(t, ",") ||
		strings.Contains(t, "new ") || strings.HasSuffix(t, "new")
}

// blockKeywordRe starts a statement whose "{" opens a block.
var blockKeywordRe = prefilter.MustCompile(`^(?:using|if|else|for|foreach|while|do|try|catch|finally|lock|switch|fixed|unsafe|checked|unchecked)\b`)

// declaredIn reports whether name is declared ("var name =", "Type name =",
// "Type name;") on a line from a to b.
func declaredIn(v *source.View, name string, a, b int) bool {
	for k := max(a, 1); k <= b; k++ {
		code := v.Code(k)
		if m := assignTargetRe.FindStringSubmatch(code); m != nil && m[1] != "" && m[2] == name {
			return true
		}
		if m := declOnlyRe.FindStringSubmatch(code); m != nil && m[1] == name {
			return true
		}
	}
	return false
}

// mentionedIn returns the first line from a to b whose code uses name as a
// word, or 0.
func mentionedIn(v *source.View, name string, a, b int) int {
	for k := a; k <= b; k++ {
		if mentionsWord(v.Code(k), name) {
			return k
		}
	}
	return 0
}

// mentionsWord reports whether code holds name as a whole identifier.
func mentionsWord(code, name string) bool {
	for i := 0; ; {
		j := strings.Index(code[i:], name)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isIdentByte(code[j-1])
		after := j+len(name) >= len(code) || !isIdentByte(code[j+len(name)])
		if before && after {
			return true
		}
		i = j + 1
	}
}
