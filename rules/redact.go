package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

var (
	// A JWT: base64url header starting {" (eyJ), payload, optional signature.
	jwtRe = prefilter.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.?[A-Za-z0-9_-]*`)
	// A PEM private key block, or its first line when the body is cut off.
	pemBlockRe = prefilter.MustCompile(`-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`)
	// Long base64 runs (key bodies, secrets): mixed case and digits.
	base64Re = prefilter.MustCompile(`[A-Za-z0-9+/]{40,}={0,2}`)
	// The Microsoft Entra client secret format: 3 chars, a digit, "Q~", 31-34 more.
	entraSecretRe = prefilter.MustCompile(`[A-Za-z0-9_.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34}`)
	// A secret-named assignment or argument with a string literal value.
	secretAssignRe = prefilter.MustCompile(`(?i)((?:client_?secret|secret|password|passwd|pwd|api_?key|access_?key|sas_?token|connection_?string)["']?\s*(?:[:=]|=>|,)\s*@?\$?)"([^"]{4,})"`)
	// A Bearer (or PoP) authorization value.
	bearerRe = prefilter.MustCompile(`\b(Bearer|mtls_pop|PoP|pop)(\s+|",\s*")([A-Za-z0-9\-._~+/]{8,}=*)`)
)

// Redacted is what Redact puts in place of a secret.
const Redacted = "[REDACTED]"

// Redact masks anything in s that looks like a secret: JWTs, PEM private
// key blocks, long base64 runs, client-secret literals and Bearer values.
// Every finding's message and excerpt pass through it, so reviewbot never
// repeats a secret it found.
func Redact(s string) string {
	if s == "" {
		return s
	}
	s = pemBlockRe.ReplaceAllString(s, "-----BEGIN ${1}PRIVATE KEY----- "+Redacted)
	s = jwtRe.ReplaceAllString(s, "eyJ…"+Redacted)
	s = entraSecretRe.ReplaceAllString(s, Redacted)
	// Every match of secretAssignRe holds two quotes, the first right
	// after an assignment (see assignedQuote), and every match of base64Re
	// a run of 40 base64 bytes: text without them skips the regexp engine.
	if strings.Count(s, `"`) >= 2 && assignedQuote(s) {
		s = secretAssignRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := secretAssignRe.FindStringSubmatch(m)
			if looksPlaceholder(sub[2]) {
				return m
			}
			return sub[1] + `"` + Redacted + `"`
		})
	}
	// The messages say "PoP" and "Bearer" often, but rarely before eight
	// token bytes: hasBearerValue is bearerRe's match.
	if hasBearerValue(s) {
		s = bearerRe.ReplaceAllStringFunc(s, func(m string) string {
			sub := bearerRe.FindStringSubmatch(m)
			if !secretish(sub[3]) {
				return m
			}
			return sub[1] + sub[2] + Redacted
		})
	}
	if hasBase64Run(s, 40) {
		s = base64Re.ReplaceAllStringFunc(s, func(m string) string {
			if !mixedBase64(m) {
				return m
			}
			return Redacted
		})
	}
	return s
}

// assignedQuote reports whether s holds a quote the way secretAssignRe's
// value starts: after ":", "=", "=>" or ",", then blanks, then "@" and
// "$", each optional.
func assignedQuote(s string) bool {
	for i := strings.IndexByte(s, '"'); i >= 0; {
		j := i - 1
		if j >= 0 && s[j] == '$' {
			j--
		}
		if j >= 0 && s[j] == '@' {
			j--
		}
		for j >= 0 && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
			j--
		}
		if j >= 0 && (s[j] == ':' || s[j] == '=' || s[j] == '>' || s[j] == ',') {
			return true
		}
		k := strings.IndexByte(s[i+1:], '"')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// hasBearerValue reports whether bearerRe matches s:
// `\b(Bearer|mtls_pop|PoP|pop)(\s+|",\s*")([A-Za-z0-9\-._~+/]{8,}=*)`,
// a scheme word after a non-word byte, then blanks or `",` and blanks and
// `"`, then eight bytes of the value's class (which holds neither a blank
// nor a quote, so the blanks before it are all taken).
func hasBearerValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if !boundaryAt(s, i-1) {
			continue
		}
		j := -1
		for _, w := range []string{"Bearer", "mtls_pop", "PoP", "pop"} {
			if strings.HasPrefix(s[i:], w) {
				j = i + len(w)
				break
			}
		}
		if j < 0 || j >= len(s) {
			continue
		}
		switch {
		case isSpaceRE(s[j]):
			j = skipSpaces(s, j)
		case strings.HasPrefix(s[j:], `",`):
			j = skipSpaces(s, j+2)
			if j >= len(s) || s[j] != '"' {
				continue
			}
			j++
		default:
			continue
		}
		run := 0
		for j < len(s) && run < 8 && bearerValueByte(s[j]) {
			run++
			j++
		}
		if run == 8 {
			return true
		}
	}
	return false
}

// bearerValueByte reports whether c is in bearerRe's value class
// [A-Za-z0-9\-._~+/].
func bearerValueByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-._~+/", c) >= 0
}

// hasBase64Run reports whether s holds n bytes in a row of base64Re's
// class [A-Za-z0-9+/].
func hasBase64Run(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' {
			if run++; run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// secretish reports whether a Bearer value looks like a credential rather
// than prose: words and hyphenated words ("PoP binding", "Bearer
// token-based", "PoP Proof-of-Possession") never are; a value with a digit
// or a token separator (. _ ~ + /) is, and so is a long run of letters in
// mixed case.
func secretish(v string) bool {
	v = strings.TrimRight(v, ".") // a sentence's full stop
	if proseWord.MatchString(v) {
		return len(v) >= 24 && mixedCase(v) && !strings.Contains(v, "-")
	}
	return strings.ContainsAny(v, "0123456789._~+/")
}

// proseWord is a word or a hyphenated compound of words.
var proseWord = prefilter.MustCompile(`^[A-Za-z]+(?:-[A-Za-z]+)*=*$`)

// mixedCase reports whether s has upper-case letters after its first
// character and lower-case ones, as random token text does.
func mixedCase(s string) bool {
	up, lo := false, false
	for i := 1; i < len(s); i++ {
		c := s[i]
		up = up || c >= 'A' && c <= 'Z'
		lo = lo || c >= 'a' && c <= 'z'
	}
	return up && lo
}

// mixedBase64 reports whether a long run has upper and lower case letters
// and digits, as encoded key material does and identifiers rarely do.
func mixedBase64(s string) bool {
	var up, lo, dig bool
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			up = true
		case c >= 'a' && c <= 'z':
			lo = true
		case c >= '0' && c <= '9':
			dig = true
		}
	}
	return up && lo && dig
}

// looksPlaceholder reports whether a literal is an obvious stand-in rather
// than a value ("your-secret", "<secret>", "***").
func looksPlaceholder(v string) bool {
	l := strings.ToLower(v)
	return strings.HasPrefix(l, "your") || strings.HasPrefix(l, "<") || strings.Contains(l, "placeholder") ||
		strings.Trim(l, "*x.") == "" || strings.Contains(l, "{") || l == Redacted
}
