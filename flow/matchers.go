package flow

import "strings"

// Signals as byte loops: the documents' flow phrases (reDocVanilla,
// reDocFIC, reDocTwoLeg), since a Markdown line that names the vanilla or
// FIC two-leg flow at all names it again and again, and the acquisition
// call (reAcquire). Each answers as its regexp does (FuzzDocMatchers,
// which holds them to the plain regexps): `\b` is ASCII-only in Go,
// and `(?i)` folds into an ASCII letter only U+017F (into 's') and U+212A
// (into 'k'), so a text holding either goes to the regexp.

// hasFoldTrap reports whether text holds U+017F or U+212A.
func hasFoldTrap(text string) bool {
	return strings.Contains(text, "\u017f") || strings.Contains(text, "\u212a")
}

// isWordByte is `\w` of Go's regexps: ASCII letters, digits and '_'.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// hasPrefixFold reports whether s starts with lit (lower-case ASCII),
// ignoring ASCII case.
func hasPrefixFold(s, lit string) bool {
	if len(s) < len(lit) {
		return false
	}
	for i := 0; i < len(lit); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lit[i] {
			return false
		}
	}
	return true
}

// wordThen reports whether text holds lit (lower-case ASCII, starting and
// ending with a word byte) as a word of its own, ignoring ASCII case, that
// one of tails (each ending with a word byte) follows and ends as a word.
func wordThen(text, lit string, tails ...string) bool {
	for i := 0; i+len(lit) <= len(text); i++ {
		if i > 0 && isWordByte(text[i-1]) || !hasPrefixFold(text[i:], lit) {
			continue
		}
		rest := text[i+len(lit):]
		for _, t := range tails {
			if hasPrefixFold(rest, t) && (len(rest) == len(t) || !isWordByte(rest[len(t)])) {
				return true
			}
		}
	}
	return false
}

// docVanilla is reDocVanilla: `(?i)\bvanilla( mTLS PoP)? flow\b`.
func docVanilla(text string) bool {
	if hasFoldTrap(text) {
		return reDocVanilla.re.MatchString(text)
	}
	return wordThen(text, "vanilla", " flow", " mtls pop flow")
}

// docTwoLeg is reDocTwoLeg: `(?i)\btwo-leg (FIC|flow|exchange)\b`.
func docTwoLeg(text string) bool {
	if hasFoldTrap(text) {
		return reDocTwoLeg.re.MatchString(text)
	}
	return wordThen(text, "two-leg", " fic", " flow", " exchange")
}

// docFIC is reDocFIC: `(?i)\bFIC two-leg\b|\btwo-leg (FIC|flow|exchange)\b|\bFIC flow\b`.
func docFIC(text string) bool {
	if hasFoldTrap(text) {
		return reDocFIC.re.MatchString(text)
	}
	return wordThen(text, "fic", " two-leg", " flow") || wordThen(text, "two-leg", " fic", " flow", " exchange")
}

// acquireCall is reAcquire's FindString, `\bAcquireTokenFor(Client|ManagedIdentity)\b`
// (case-sensitive, so no folding), as a byte loop: the leftmost
// AcquireTokenForClient or AcquireTokenForManagedIdentity that is a word
// of its own, or "". Every acquisition line and statement ran it.
func acquireCall(text string) string {
	const head = "AcquireTokenFor"
	for i := 0; ; {
		j := strings.Index(text[i:], head)
		if j < 0 {
			return ""
		}
		at := i + j
		i = at + 1
		if at > 0 && isWordByte(text[at-1]) {
			continue
		}
		rest := text[at+len(head):]
		for _, t := range [...]string{"Client", "ManagedIdentity"} {
			if strings.HasPrefix(rest, t) && (len(rest) == len(t) || !isWordByte(rest[len(t)])) {
				return text[at : at+len(head)+len(t)]
			}
		}
	}
}

// isSpaceByte is `\s` of Go's regexps: [\t\n\f\r ].
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// skipSpace returns the index of the first byte at or after i that is not
// `\s`.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

const popCall = "WithMtlsProofOfPossession"

// popExtension is rePopExtension:
// `WithMtlsProofOfPossession\s*\(\s*(this\s+)?(Acquire\w+ParameterBuilder|\)\s*->)`,
// the extension method's declaration or a lambda handed to it.
func popExtension(text string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], popCall)
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		k := skipSpace(text, at+len(popCall))
		if k >= len(text) || text[k] != '(' {
			continue
		}
		k = skipSpace(text, k+1)
		// "this" needs a space after it, and neither alternative starts
		// with 't': with the space, only the alternative after it can
		// match.
		if strings.HasPrefix(text[k:], "this") && k+4 < len(text) && isSpaceByte(text[k+4]) {
			k = skipSpace(text, k+4)
		}
		if builderType(text[k:]) || strings.HasPrefix(text[k:], ")") && strings.HasPrefix(text[skipSpace(text, k+1):], "->") {
			return true
		}
	}
}

// builderType reports whether s starts with `Acquire\w+ParameterBuilder`:
// "ParameterBuilder" is all word bytes, so it must start at least one byte
// into the run of word bytes after "Acquire".
func builderType(s string) bool {
	if !strings.HasPrefix(s, "Acquire") {
		return false
	}
	w := s[len("Acquire"):]
	n := 0
	for n < len(w) && isWordByte(w[n]) {
		n++
	}
	return n > 1 && strings.Contains(w[1:n], "ParameterBuilder")
}

// declaresPop is reDeclaresPop:
// `\b(AcquireTokenFor(Client|ManagedIdentity)ParameterBuilder)\b.*\bWithMtlsProofOfPossession\s*\(`,
// a builder type and then, on the same line (`.` is no '\n'), the call.
// On each line the leftmost builder type leaves the most room for the call.
func declaresPop(text string) bool {
	for line := range strings.SplitSeq(text, "\n") {
		end := builderEnd(line)
		if end >= 0 && popCallAfter(line, end) {
			return true
		}
	}
	return false
}

// builderEnd returns the end of the leftmost AcquireTokenForClientParameterBuilder
// or AcquireTokenForManagedIdentityParameterBuilder that is a word of its
// own in line, or -1.
func builderEnd(line string) int {
	const head = "AcquireTokenFor"
	for i := 0; ; {
		j := strings.Index(line[i:], head)
		if j < 0 {
			return -1
		}
		at := i + j
		i = at + 1
		if at > 0 && isWordByte(line[at-1]) {
			continue
		}
		rest := line[at+len(head):]
		for _, t := range [...]string{"ClientParameterBuilder", "ManagedIdentityParameterBuilder"} {
			if strings.HasPrefix(rest, t) && (len(rest) == len(t) || !isWordByte(rest[len(t)])) {
				return at + len(head) + len(t)
			}
		}
	}
}

// popCallAfter reports whether line holds, at or after from, a
// WithMtlsProofOfPossession that starts a word and is followed by `\s*\(`.
func popCallAfter(line string, from int) bool {
	for i := from; ; {
		j := strings.Index(line[i:], popCall)
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		if at > 0 && isWordByte(line[at-1]) {
			continue
		}
		if k := skipSpace(line, at+len(popCall)); k < len(line) && line[k] == '(' {
			return true
		}
	}
}
