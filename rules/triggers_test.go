package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// plainHolds is what the automaton replaces: whether s holds one of lits,
// ASCII letters in any case (prefilter.ContainsFold), other bytes exactly.
func plainHolds(s string, lits []string) bool {
	for _, l := range lits {
		if isASCII(l) && prefilter.ContainsFold(s, strings.ToLower(l)) || strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// badMarkerPlain and goodMarkerPlain are the bad and good markers as one
// regexp each, the plain version of badMarker's and goodMarker's
// alternatives.
var (
	badMarkerPlain  = regexp.MustCompile(`❌|🚫|⛔|✗|✘|\b[Aa]nti-?[Pp]atterns?\b|\bANTI-?PATTERNS?\b|\bNEVER\b|\b[Pp]roblem\s*:|\bPROBLEM\b|\bBAD\b|\b[Bb]ad\s*(?::|-|—|\(|[Ee]xample|[Pp]ractice|[Pp]attern|[Cc]ode)|^\W*[Bb]ad\b|\b[Ww]rong\s*:|\bWRONG\b|\b[Ii]ncorrect\s*:|\bDON'?T\b|\b[Dd]on'?t\s*:|\b[Aa]void\s*:`)
	goodMarkerPlain = regexp.MustCompile(`✅|✔|☑|\b(?:GOOD|[Gg]ood|[Cc]orrect|CORRECT|[Ss]olution|[Ff]ix|[Rr]ecommended|[Rr]ight|RIGHT)\s*:|^\W*(?:Good|GOOD|Correct|CORRECT|Recommended)\b|\bRIGHT\b`)
)

// checkTriggerLine holds the index of one line to the plain searches it
// replaces: each group's bit is plainHolds of its literals; hasFold is
// containsAny on the lower-cased line; may is true wherever either is.
func checkTriggerLine(t *testing.T, line string) {
	t.Helper()
	v := ViewOf("src/MtlsPop.cs", line+"\n")
	m := triggerAutomaton().scan(line)
	// The markers: the hint loop the automaton replaced, then the regexp.
	wantBad := plainHolds(line, badHints) && badMarkerPlain.MatchString(markerText(line))
	wantGood := plainHolds(line, goodHints) && goodMarkerPlain.MatchString(markerText(line))
	if isBad(line) != wantBad || v.badLine(1) != wantBad {
		t.Errorf("isBad(%q) = %v, badLine = %v; the plain test says %v", line, isBad(line), v.badLine(1), wantBad)
	}
	if isGood(line) != wantGood || v.goodLine(1) != wantGood {
		t.Errorf("isGood(%q) = %v, goodLine = %v; the plain test says %v", line, isGood(line), v.goodLine(1), wantGood)
	}
	for _, g := range triggerGroups {
		want := plainHolds(line, g.lits)
		if got := m&g.t != 0; got != want {
			t.Errorf("scan(%q) group %v: %v, the plain search says %v", line, g.lits, got, want)
		}
		if g.t == trigUnicode {
			continue
		}
		lowered := containsAny(strings.ToLower(line), g.lits...)
		if got := v.hasFold(1, g.t); got != lowered {
			t.Errorf("hasFold(%q, %v) = %v, containsAny on the lower-cased line says %v", line, g.lits, got, lowered)
		}
		if (want || lowered) && !v.may(1, g.t) {
			t.Errorf("may(%q, %v) = false, but the line holds one", line, g.lits)
		}
		if (want || lowered) && !v.MayHold(g.t) {
			t.Errorf("MayHold(%v) = false on %q, but the line holds one", g.lits, line)
		}
	}
}

func TestTriggerIndex(t *testing.T) {
	for _, line := range []string{
		"",
		"Console.WriteLine(result.AccessToken);",
		"LOGGER.LOGINFORMATION(x)",
		"// ❌ Bad: never do this",
		"✅ GOOD",
		"var k = \"\u212aey\"; // the Kelvin sign lower-cases to k",
		"İnsert here",
		"ſecret",
		"https://login.microsoftonline.com/your-tenant-id",
		"urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
		"new AuthenticationHeaderValue(\"PoP\", token)",
		"mtls_pop vs pop",
		"TOKENEXCHANGE",
		"tokenexc",
		"oken",
		"Q~abc eyJ -----BEGIN",
		"path\\\\to",
		"\xff\xfe invalid UTF-8 secret",
		"legs and scopes and binding",
		"**Problem**: the token is logged",
		"// DON'T do this; Don't: either",
		"Bad example (avoid: it leaks)",
		"ANTI-PATTERNS and anti-pattern",
		"  Good things come; Fix: RIGHT",
		"✅ Recommended",
		"Correct — incorrect: wrong: WRONG",
	} {
		checkTriggerLine(t, line)
	}
	// Overlapping and nested literals: every group found, not only the
	// longest.
	m := triggerAutomaton().scan("withproofofpossession")
	for _, want := range []Triggers{trigShrSignal, trigShrWord} {
		if m&want == 0 {
			t.Errorf("scan(withproofofpossession) misses group %b", want)
		}
	}
}

// FuzzTriggerIndex holds the automaton to the plain searches it replaces
// on arbitrary lines.
func FuzzTriggerIndex(f *testing.F) {
	for _, g := range triggerGroups {
		for _, l := range g.lits {
			f.Add("x" + strings.ToUpper(l) + "y")
			f.Add(l[:len(l)-1])
		}
	}
	f.Add("tokenexchangeazuread")
	f.Add("**Bad** practice: never; NEVER; Solution: fix")
	f.Add("-- Bad")
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\r\n") || len(line) > 1<<10 {
			return
		}
		checkTriggerLine(t, line)
	})
}

// TestTriggerLiterals holds the groups to what the index can answer: a
// literal holds no space (a line's code, with comments blanked by spaces,
// then holds only literals its text holds), and a group read in place of
// containsAny on lower-cased text has lower-case literals.
func TestTriggerLiterals(t *testing.T) {
	for _, g := range triggerGroups {
		for _, l := range g.lits {
			if l == "" || strings.ContainsAny(l, " \t") {
				t.Errorf("trigger literal %q: must be non-empty and hold no blank", l)
			}
			if g.t != trigUnicode && strings.ToLower(l) != l {
				t.Errorf("trigger literal %q: write it lower-case (it matches in any case)", l)
			}
		}
	}
}

// BenchmarkTriggerScan runs the automaton over every line of the rules'
// fixtures.
func BenchmarkTriggerScan(b *testing.B) {
	var lines []string
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(data), "\n") {
			lines = append(lines, l)
			n += len(l)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range lines {
			triggerAutomaton().scan(l)
		}
	}
}

// conditionalBindingPlain is conditionalBinding as the one regexp it was.
var conditionalBindingPlain = regexp.MustCompile(`(?i)\bfalse\s+for\s+bearer\b|\b(?:only\s+)?(?:if|when)\s+(?:leg\s*2\s+)?(?:requests|uses|wants|needs|is)\s+(?:an?\s+)?(?:mtls\s+)?pop\b|\bbinding\s+(?:only\s+)?for\s+(?:mtls\s+)?pop\b|\bonly\s+(?:for|with)\s+(?:an?\s+)?(?:mtls\s+)?pop\b`)

// vanillaLegsPlain is vanillaLegs with its tests in the order they were
// (the negation before the leg term).
func vanillaLegsPlain(text string) int {
	if !containsFold(text, "leg") {
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
		if !containsFold(s, "type") && (tokenTypeTextRe.Plain().MatchString(s) || tokenTypeTextRevRe.Plain().MatchString(s)) {
			t.Errorf("a token-type regexp matches %q, which holds no \"type\"", s)
		}
		if !containsFold(s, "leg") && (legIsVanilla.Plain().MatchString(s) || vanillaLegs(s) >= 0) {
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
		if !v.may(1, trigShrWord) && shrWordsRe.Plain().MatchString(s) {
			t.Errorf("shrWordsRe matches %q, which the index says holds none of trigShrWord", s)
		}
		if !v.may(1, trigShrSignal) && shrSignalRe.Plain().MatchString(s) {
			t.Errorf("shrSignalRe matches %q, which the index says holds none of trigShrSignal", s)
		}
		if v.fileHas(trigMtls) || v.linesHave(1, 1, trigMtls) {
			for _, re := range []*prefilter.Regexp{popContext, mtlsText, mtlsMarkers, mtlsDocWords} {
				if !re.Plain().MatchString(Normalize(s)) || !re.Plain().MatchString(s) {
					t.Errorf("%v does not match %q, which the index says holds mtls", re, s)
				}
			}
		}
	})
}
