package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
)

// This file holds literal tests that answer what a lower-cased copy of a
// line or a small regexp would, without the copy or the regexp engine.
// Each has a fuzz test holding it to the plain version (fold_test.go).
//
// strings.ToLower maps only two non-ASCII runes to ASCII letters: the
// dotted capital I (U+0130) to "i" and the Kelvin sign (U+212A) to "k".
// Every other rune, and every invalid byte, lower-cases to something
// non-ASCII, so the runs of ASCII bytes of strings.ToLower(s) are those of
// s, lower-cased. For a lower-case ASCII word with no "i" and no "k",
// strings.Contains(strings.ToLower(s), w) is therefore an ASCII-folded
// search of s, and strings.Count the same count; so it is for any word
// when s is ASCII.

// lowerHas is strings.Contains(strings.ToLower(s), w) for a lower-case
// ASCII w, without the copy unless w holds an "i" or a "k" and s a
// non-ASCII byte.
func lowerHas(s, w string) bool {
	if strings.ContainsAny(w, "ik") && !prefilter.IsASCII(s) {
		return strings.Contains(strings.ToLower(s), w)
	}
	return prefilter.ContainsFold(s, w)
}

// lowerCount is strings.Count(strings.ToLower(s), w) for a non-empty
// lower-case ASCII w (non-overlapping matches, as strings.Count counts
// them), without the copy unless w holds an "i" or a "k" and s a
// non-ASCII byte.
func lowerCount(s, w string) int {
	if strings.ContainsAny(w, "ik") && !prefilter.IsASCII(s) {
		return strings.Count(strings.ToLower(s), w)
	}
	n := 0
	for i := 0; i+len(w) <= len(s); {
		if foldedAt(s, i, w) {
			n++
			i += len(w)
			continue
		}
		i++
	}
	return n
}

// foldedAt reports whether s holds lower (lower-case ASCII) at byte i, in
// any ASCII case.
func foldedAt(s string, i int, lower string) bool {
	if i < 0 || i+len(lower) > len(s) {
		return false
	}
	for j := 0; j < len(lower); j++ {
		c := s[i+j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

// foldsIntoASCII reports whether s holds a rune that (?i) matches with an
// ASCII letter: the long s (U+017F) and the Kelvin sign (U+212A) are the
// only two. The regexp matchers below send such a text to their regexp;
// on any other text they test bytes: an ASCII byte is never part of a
// multi-byte rune, \b, \w, \W and \s are ASCII-only, so every non-ASCII
// byte is a byte the literals do not hold and a non-word byte, as the
// regexp reads its rune (or, in invalid UTF-8, its U+FFFD).
func foldsIntoASCII(s string) bool {
	return strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a")
}

// wordByte reports whether c is a word byte of the regexp package's \b
// (ASCII letters, digits, underscore).
func wordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// boundaryAt reports whether \b holds at byte i of s for a word byte on
// one side: the byte on the other side (i-1 before a word, i after one)
// is absent or not a word byte.
func boundaryAt(s string, i int) bool {
	return i < 0 || i >= len(s) || !wordByte(s[i])
}

// isSchemeWord is schemeWordRe.MatchString(s): `(?i)\bscheme\b` or
// `(?i)\bauthori[sz]ation header\b`.
func isSchemeWord(s string) bool {
	if foldsIntoASCII(s) {
		return schemeWordRe.MatchString(s)
	}
	for i := 0; i+len("scheme") <= len(s); i++ {
		c := s[i] | 0x20
		switch {
		case c == 's' && foldedAt(s, i, "scheme") && boundaryAt(s, i-1) && boundaryAt(s, i+len("scheme")):
			return true
		case c == 'a' && foldedAt(s, i, "authori") && boundaryAt(s, i-1) && i+len("authorization header") <= len(s):
			if z := s[i+7] | 0x20; (z == 's' || z == 'z') && foldedAt(s, i+8, "ation header") && boundaryAt(s, i+len("authorization header")) {
				return true
			}
		}
	}
	return false
}

// isMtlsSignal is mtlsSignalRe.MatchString(s): the expression is an
// alternation of case-sensitive literals, and those it holds beyond the
// four here ("WithMtlsProofOfPossession", "MtlsPop") hold "Mtls".
func isMtlsSignal(s string) bool {
	return source.ContainsAny(s, "Mtls", "mTLS", "mtls_pop", "BindingCertificate")
}

// isShrWords is shrWordsRe.MatchString(s): `(?i)signed[- ]?http[- ]?request`,
// `(?i)\bSHR\b`, `(?i)WithProofOfPossession\s*\(` or
// `(?i)PoPAuthenticationConfiguration`.
func isShrWords(s string) bool {
	if foldsIntoASCII(s) {
		return shrWordsRe.MatchString(s)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 {
		case 's':
			if foldedAt(s, i, "shr") && boundaryAt(s, i-1) && boundaryAt(s, i+3) {
				return true
			}
			if foldedAt(s, i, "signed") {
				j := skipOne(s, i+6, "- ")
				if foldedAt(s, j, "http") && foldedAt(s, skipOne(s, j+4, "- "), "request") {
					return true
				}
			}
		case 'w':
			if foldedAt(s, i, "withproofofpossession") {
				j := i + len("withproofofpossession")
				for j < len(s) && isSpaceRE(s[j]) {
					j++
				}
				if j < len(s) && s[j] == '(' {
					return true
				}
			}
		case 'p':
			if foldedAt(s, i, "popauthenticationconfiguration") {
				return true
			}
		}
	}
	return false
}

// skipOne is i+1 when s[i] is one of the bytes of set (an optional
// character class such as [- ]?), i otherwise.
func skipOne(s string, i int, set string) int {
	if i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		return i + 1
	}
	return i
}

// isSpaceRE reports whether c is in the regexp package's \s: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isBindingWord is bindingWord.MatchString(s):
// `(?i)TokenBindingCertificate|bindCertificate|\bbind(ing)?\b`. Every
// match holds "bind".
func isBindingWord(s string) bool {
	if foldsIntoASCII(s) {
		return bindingWord.MatchString(s)
	}
	for i := 0; i+4 <= len(s); i++ {
		if s[i]|0x20 != 'b' || !foldedAt(s, i, "bind") {
			continue
		}
		switch {
		case foldedAt(s, i, "bindcertificate"),
			foldedAt(s, i-5, "token") && foldedAt(s, i, "bindingcertificate"),
			boundaryAt(s, i-1) && boundaryAt(s, i+4),
			boundaryAt(s, i-1) && foldedAt(s, i+4, "ing") && boundaryAt(s, i+7):
			return true
		}
	}
	return false
}

// isVerificationLabel is verificationLabel.MatchString(s):
// `(?i)^\W*(verification|success criteria|how to verify|verify)\b`. The
// words start with a word byte, which \W* does not take, so they can
// only start right after the leading non-word bytes (\W takes every
// non-ASCII rune, as the loop skips every non-ASCII byte).
func isVerificationLabel(s string) bool {
	if foldsIntoASCII(s) {
		return verificationLabel.MatchString(s)
	}
	i := 0
	for i < len(s) && !wordByte(s[i]) {
		i++
	}
	for _, w := range []string{"verification", "success criteria", "how to verify", "verify"} {
		if foldedAt(s, i, w) && boundaryAt(s, i+len(w)) {
			return true
		}
	}
	return false
}

// usingCert is usingCertRe.FindStringSubmatch(s):
// `\busing\s*\(?\s*(?:var|X509Certificate2\??)\s+([A-Za-z_]\w*)\s*=\s*(.*)`,
// tried at each "using" from the left. Each step can match one way only
// (the type is followed by a blank, the name by a blank or "=", the value
// runs to the end of the line), so the first "using" where every step
// holds starts the leftmost match. The expression is case-sensitive and
// ASCII-only.
func usingCert(s string) []string {
	for i := 0; i+len("using") <= len(s); i++ {
		if s[i] != 'u' || !strings.HasPrefix(s[i:], "using") || !boundaryAt(s, i-1) {
			continue
		}
		j := skipSpaces(s, i+len("using"))
		if j < len(s) && s[j] == '(' {
			j++
		}
		j = skipSpaces(s, j)
		switch {
		case strings.HasPrefix(s[j:], "var"):
			j += len("var")
		case strings.HasPrefix(s[j:], "X509Certificate2"):
			j += len("X509Certificate2")
			if j < len(s) && s[j] == '?' {
				j++
			}
		default:
			continue
		}
		k := skipSpaces(s, j)
		if k == j || k >= len(s) || !(s[k] == '_' || 'A' <= s[k] && s[k] <= 'Z' || 'a' <= s[k] && s[k] <= 'z') {
			continue
		}
		e := k + 1
		for e < len(s) && wordByte(s[e]) {
			e++
		}
		j = skipSpaces(s, e)
		if j >= len(s) || s[j] != '=' {
			continue
		}
		r := skipSpaces(s, j+1)
		end := len(s)
		if n := strings.IndexByte(s[r:], '\n'); n >= 0 {
			end = r + n
		}
		return []string{s[i:end], s[k:e], s[r:end]}
	}
	return nil
}

// skipSpaces is the index of the first byte at or after i that is not in
// \s.
func skipSpaces(s string, i int) int {
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	return i
}

// ifLegUsesPop matches what ifLegUsesPopRe does.
var ifLegUsesPop = matcherFunc(isIfLegUsesPop)

// matcherFunc is a literal matcher where a regexp's MatchString is asked
// for.
type matcherFunc func(string) bool

// MatchString reports whether f matches s.
func (f matcherFunc) MatchString(s string) bool { return f(s) }

// isIfLegUsesPop is ifLegUsesPopRe.MatchString(s):
// `(?i)\b(?:only\s+)?(?:if|when)\s+(?:leg\s*2\s+)?(?:requests|uses|wants|needs|is)\s+(?:an?\s+)?(?:mtls\s+)?pop\b`.
// The optional "only " changes nothing for a match: after its blank,
// \b holds before "if" or "when" too. Each optional group is taken
// exactly when its words are there, for what follows it cannot start
// with them (a verb never starts with "leg", "pop" never with "a" or
// "mtls").
func isIfLegUsesPop(s string) bool {
	if foldsIntoASCII(s) {
		return ifLegUsesPopRe.MatchString(s)
	}
	for i := 0; i < len(s); i++ {
		if !boundaryAt(s, i-1) {
			continue
		}
		var j int
		switch {
		case foldedAt(s, i, "if"):
			j = i + 2
		case foldedAt(s, i, "when"):
			j = i + 4
		default:
			continue
		}
		if k := skipSpaces(s, j); k > j {
			j = k
		} else {
			continue
		}
		if foldedAt(s, j, "leg") {
			k := skipSpaces(s, j+3)
			if k >= len(s) || s[k] != '2' {
				continue
			}
			if j = skipSpaces(s, k+1); j == k+1 {
				continue
			}
		}
		verb := false
		for _, w := range []string{"requests", "uses", "wants", "needs", "is"} {
			if foldedAt(s, j, w) {
				j += len(w)
				verb = true
				break
			}
		}
		if !verb {
			continue
		}
		if k := skipSpaces(s, j); k > j {
			j = k
		} else {
			continue
		}
		switch {
		case foldedAt(s, j, "an") && j+2 < len(s) && isSpaceRE(s[j+2]):
			j = skipSpaces(s, j+2)
		case foldedAt(s, j, "a") && j+1 < len(s) && isSpaceRE(s[j+1]):
			j = skipSpaces(s, j+1)
		}
		if foldedAt(s, j, "mtls") {
			k := skipSpaces(s, j+4)
			if k == j+4 {
				continue
			}
			j = k
		}
		if foldedAt(s, j, "pop") && boundaryAt(s, j+3) {
			return true
		}
	}
	return false
}

// placeholderSegments is the non-empty pieces of
// segmentSplitRe.Split(s, -1): the runs of bytes outside the separator
// class [/?=&,;:\s.], which is ASCII, so a run ends only at an ASCII
// byte.
func placeholderSegments(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || segmentSeparator(s[i]) {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// segmentSeparator reports whether c is in segmentSplitRe's class.
func segmentSeparator(c byte) bool {
	switch c {
	case '/', '?', '=', '&', ',', ';', ':', '.', ' ', '\t', '\n', '\f', '\r':
		return true
	}
	return false
}
