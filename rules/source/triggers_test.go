package source

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// plainHolds is what the automaton replaces: whether s holds one of lits,
// ASCII letters in any case (prefilter.ContainsFold), other bytes exactly.
func plainHolds(s string, lits []string) bool {
	for _, l := range lits {
		if prefilter.IsASCII(l) && prefilter.ContainsFold(s, strings.ToLower(l)) || strings.Contains(s, l) {
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
	v := viewOf("src/MtlsPop.cs", line+"\n")
	m := triggerAutomaton().scan(line)
	// The markers: the hint loop the automaton replaced, then the regexp.
	wantBad := plainHolds(line, badHints) && badMarkerPlain.MatchString(MarkerText(line))
	wantGood := plainHolds(line, goodHints) && goodMarkerPlain.MatchString(MarkerText(line))
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
		lowered := ContainsAny(strings.ToLower(line), g.lits...)
		if got := v.HasFold(1, g.t); got != lowered {
			t.Errorf("hasFold(%q, %v) = %v, containsAny on the lower-cased line says %v", line, g.lits, got, lowered)
		}
		if (want || lowered) && !v.May(1, g.t) {
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
	for _, want := range []Triggers{TrigShrSignal, TrigShrWord} {
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

func TestTriggersLiterals(t *testing.T) {
	for _, tc := range []struct {
		name string
		t    Triggers
		want []string
	}{
		{"none", 0, nil},
		{"one group", TrigPop, []string{"pop"}},
		{"two groups, in the table's order", TrigBearer | TrigPop, []string{"pop", "bearer"}},
		{"a literal two groups share, once", TrigMtls | TrigMtlsSignal, []string{"mtls", "bindingcertificate"}},
		{"a hint list", TrigURN, URNHints},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.t.Literals(); !slices.Equal(got, tc.want) {
				t.Errorf("Literals() = %q, want %q", got, tc.want)
			}
		})
	}
}

// BenchmarkTriggerScan runs the automaton over every line of the rules'
// fixtures.
func BenchmarkTriggerScan(b *testing.B) {
	lines, n := fixtureLines(b)
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, l := range lines {
			triggerAutomaton().scan(l)
		}
	}
}

// fixtureLines returns the lines of the rules' fixtures and their bytes.
func fixtureLines(b *testing.B) ([]string, int) {
	var lines []string
	n := 0
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(p string, d os.DirEntry, err error) error {
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
	return lines, n
}
