package rules_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// seedPath is where the team's guidance lives in a checkout with ../shared.
var seedPath = filepath.Join("..", "..", "shared", "seed", "mtls-pop-shared-guidance.md")

// seedAs is the path the seed is added at: a skills document, in scope.
const seedAs = ".github/skills/msal-mtls-pop-guidance/SKILL.md"

func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("%s is absent: the seed tests need ../shared (%v)", seedPath, err)
	}
	return string(b)
}

func checkAdded(path, text string, fl flow.Flow) []Finding {
	f := difftest.Added(path, difftest.Lines(text)...)
	return review.Check(All, f, []byte(text), fl, []*diff.File{f})
}

// TestSeedAddedIsClean adds the seed guidance as a new file: it quotes
// every anti-pattern inside ❌ examples on purpose, so no rule may fire,
// whatever the flow, with or without the whole file.
func TestSeedAddedIsClean(t *testing.T) {
	seed := readSeed(t)
	for _, fl := range []flow.Flow{flow.None, flow.Vanilla, flow.FIC, flow.Both} {
		f := difftest.Added(seedAs, difftest.Lines(seed)...)
		for _, src := range [][]byte{[]byte(seed), nil} {
			for _, fd := range review.Check(All, f, src, fl, []*diff.File{f}) {
				t.Errorf("flow %s, whole file %v: %s", fl, src != nil, fd)
			}
		}
	}
}

// seedMarkerRe matches the words and signs that mark an example as bad.
var seedMarkerRe = regexp.MustCompile(`❌\s*|\*\*Problem\*\*:\s*|\bBad:\s*|\bNEVER\s+|\bAnti-Patterns\b`)

// TestSeedExamplesBothWays checks the seed's own examples as fixtures: with
// the ❌/Bad markers removed, every ❌ example a rule covers is found, and
// the ✅ examples stay clean.
func TestSeedExamplesBothWays(t *testing.T) {
	seed := readSeed(t)
	marked := ViewOf(seedAs, seed)
	unmarked := seedMarkerRe.ReplaceAllString(seed, "")
	if strings.Contains(unmarked, "❌") {
		t.Fatal("markers left after removal")
	}
	got := map[int][]Finding{}
	for _, fd := range checkAdded(seedAs, unmarked, flow.Both) {
		got[fd.Line] = append(got[fd.Line], fd)
	}
	// Group the lines the marked seed calls bad into examples: runs of
	// bad lines.
	type example struct{ from, to int }
	var exs []example
	for n := 1; n <= marked.Len(); n++ {
		if !marked.BadExample(n) {
			continue
		}
		if len(exs) > 0 && exs[len(exs)-1].to == n-1 {
			exs[len(exs)-1].to = n
			continue
		}
		exs = append(exs, example{n, n})
	}
	// What covers each ❌ example, by a piece of its first line; "" with a
	// reason for the ones no rule can or should report.
	want := []struct{ first, rule, why string }{
		{first: "### NEVER Use These Anti-Patterns", why: "a heading, not an example"},
		{first: "Mixing vanilla and FIC concepts", rule: "vanilla-legs"},
		{first: `"Scopes" for consumption`, rule: "scopes-for-consumption"},
		{first: `Ambiguous "PoP" without context`, rule: "ambiguous-pop"},
		{first: "Logging secrets/tokens", rule: "secret-logging"},
		{first: `**NEVER** use "scopes" when describing API calls`, why: "the rule itself, stated"},
		{first: "Bad: Creating disposable certificate", rule: "certificate-disposal"},
		{first: "Bad: Placeholder regions", rule: "placeholder-region"},
		{first: "Bad: Logging sensitive data", rule: "secret-logging"},
		{first: "Bad: Missing TokenBindingCertificate", rule: "assertion-without-binding"},
		{first: `"The vanilla flow's first leg acquires an assertion..."`, rule: "vanilla-legs"},
		{first: "`using (var cert = ...) { ... }` causes MSAL to fail", why: "prose naming the pitfall the certificate example above shows"},
		{first: "Assertion without `TokenBindingCertificate`", why: "prose naming the pitfall the assertion example above shows"},
		{first: "`\"your-region-here\"`, `\"your-app-id\"`, `\"replace-me\"`", why: "placeholders named in prose, not a code example"},
		{first: `"Call the API with the scopes"`, rule: "scopes-for-consumption"},
		{first: `No anti-patterns from "NEVER Use" list`, why: "a checklist item that names the list"},
	}
	for _, ex := range exs {
		first := marked.Text(ex.from)
		var rules []string
		for n := ex.from; n <= ex.to; n++ {
			for _, fd := range got[n] {
				rules = append(rules, fd.Rule)
			}
		}
		matched := false
		for _, w := range want {
			if !strings.Contains(first, w.first) {
				continue
			}
			matched = true
			switch {
			case w.rule == "" && len(rules) > 0:
				t.Errorf("❌ example at line %d (%s) got %v", ex.from, w.why, rules)
			case w.rule != "" && !containsString(rules, w.rule):
				t.Errorf("❌ example at line %d %q: want %s once its marker is removed, got %v", ex.from, first, w.rule, rules)
			}
		}
		if !matched {
			t.Errorf("❌ example at line %d %q is not classified in this test", ex.from, first)
		}
	}
	// ✅ lines: never a finding.
	for n := 1; n <= marked.Len(); n++ {
		if marked.BadExample(n) {
			continue
		}
		for _, fd := range got[n] {
			t.Errorf("line %d is not a bad example but got %s", n, fd)
		}
	}
}
