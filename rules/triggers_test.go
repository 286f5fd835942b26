package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
)

// conditionalBindingPlain is conditionalBinding as the one regexp it was.
var conditionalBindingPlain = regexp.MustCompile(`(?i)\bfalse\s+for\s+bearer\b|\b(?:only\s+)?(?:if|when)\s+(?:leg\s*2\s+)?(?:requests|uses|wants|needs|is)\s+(?:an?\s+)?(?:mtls\s+)?pop\b|\bbinding\s+(?:only\s+)?for\s+(?:mtls\s+)?pop\b|\bonly\s+(?:for|with)\s+(?:an?\s+)?(?:mtls\s+)?pop\b`)

// vanillaLegsPlain is vanillaLegs with its tests in the order they were
// (the negation before the leg term).
func vanillaLegsPlain(text string) int {
	if !source.ContainsFold(text, "leg") {
		return -1
	}
	if m := legOfVanilla.FindStringIndex(text); m != nil && !legNegation.MatchString(clauseBefore(text, m[0])) {
		return m[0]
	}
	for _, m := range vanillaWord.FindAllStringIndex(text, -1) {
		if legNegation.MatchString(clauseBefore(text, m[0])) {
			continue
		}
		rest := text[m[1]:]
		if strings.HasPrefix(rest, "-") {
			continue
		}
		if b := clauseBreak.FindStringIndex(rest); b != nil {
			rest = rest[:b[0]]
		}
		l := legTerm.FindStringIndex(rest)
		if l == nil || legNegation.MatchString(rest[:l[0]]) || quotedAt(rest, l[0], l[1]) {
			continue
		}
		return m[0]
	}
	return -1
}

// FuzzRegexpGuards holds the cheap tests the rules put before a regexp to
// the regexp itself (its plain *regexp.Regexp, without prefilter's guard):
// where the test says no, the regexp never matches; where the index says a
// line holds "mtls", the mTLS context regexps match.
func FuzzRegexpGuards(f *testing.F) {
	for _, s := range []string{
		`Assert.AreEqual("pop", result.TokenType)`,
		`the token type is "pop"`,
		"leg 1 uses the vanilla flow",
		"the vanilla flow has no legs, but the vanilla flow's first leg is wrong",
		"not the vanilla flow: its leg 1",
		"the vanilla (single-leg) flow",
		"bindCertificate: true // false for Bearer",
		"Certificate binding only for mTLS PoP",
		"using var cert = new X509Certificate2(path);",
		"Signed HTTP Request PoP; WithProofOfPossession(",
		"PopAuthenticationConfiguration; WithProofOfPosession; WithPopNonce",
		"mTLS PoP", "MUTUAL-TLS",
		"see tests/Foo.cs and FooTests.cs", "(test/x)", "`tests/a-b.c`",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") || len(s) > 1<<10 {
			return
		}
		if !source.ContainsFold(s, "type") && (tokenTypeTextRe.Plain().MatchString(s) || tokenTypeTextRevRe.Plain().MatchString(s)) {
			t.Errorf("a token-type regexp matches %q, which holds no \"type\"", s)
		}
		if !source.ContainsFold(s, "leg") && (legIsVanilla.Plain().MatchString(s) || vanillaLegs(s) >= 0) {
			t.Errorf("a vanilla-legs shape matches %q, which holds no \"leg\"", s)
		}
		if got, want := conditionalBinding.MatchString(s), conditionalBindingPlain.MatchString(s); got != want {
			t.Errorf("conditionalBinding.MatchString(%q) = %v, the one regexp says %v", s, got, want)
		}
		if got, want := vanillaLegs(s), vanillaLegsPlain(s); got != want {
			t.Errorf("vanillaLegs(%q) = %d, in the old order %d", s, got, want)
		}
		if !mayRefTest(s) && testFileRef.Plain().MatchString(s) {
			t.Errorf("testFileRef matches %q, which mayRefTest rejects", s)
		}
		if strings.IndexByte(s, '=') < 0 && usingCertRe.Plain().MatchString(s) {
			t.Errorf("usingCertRe matches %q, which holds no =", s)
		}
		v := ViewOf("docs/mtls-pop.md", s+"\n")
		if !v.May(1, source.TrigShrWord) && shrWordsRe.Plain().MatchString(s) {
			t.Errorf("shrWordsRe matches %q, which the index says holds none of trigShrWord", s)
		}
		if !v.May(1, source.TrigShrSignal) && shrSignalRe.Plain().MatchString(s) {
			t.Errorf("shrSignalRe matches %q, which the index says holds none of trigShrSignal", s)
		}
		if v.FileHas(source.TrigMtls) || v.LinesHave(1, 1, source.TrigMtls) {
			for _, re := range []*prefilter.Regexp{popContext, mtlsText, mtlsMarkers, mtlsDocWords} {
				if !re.Plain().MatchString(source.FoldPunctuation(s)) || !re.Plain().MatchString(s) {
					t.Errorf("%v does not match %q, which the index says holds mtls", re, s)
				}
			}
		}
	})
}
