package rules_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"
)

// readsEverything returns a copy of r without Triggers: the driver runs
// its Check on every file.
func readsEverything(r *Rule) *Rule {
	c := *r
	c.Triggers = 0
	return &c
}

// checkTriggersSkipNothing holds every rule's Triggers to what they
// promise: on file f, the rule finds and judges exactly what it does when
// it reads every file.
func checkTriggersSkipNothing(t *testing.T, name string, f *diff.File, src []byte, fl flow.Flow, files []*diff.File) {
	t.Helper()
	for _, r := range All {
		if r.Triggers == 0 {
			continue
		}
		got := review.Judge([]*Rule{r}, f, src, fl, files)
		want := review.Judge([]*Rule{readsEverything(r)}, f, src, fl, files)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %s with its Triggers judges %v, reading everything %v: a trigger literal is missing from its groups", name, r.ID, got, want)
		}
	}
}

// TestTriggersSkipNothing runs every rule with and without its Triggers on
// every fixture (with and without the whole file) and on every file of
// the corpus's commits.
func TestTriggersSkipNothing(t *testing.T) {
	for _, name := range fixtureNames(t, "testdata") {
		fx := loadFixture(t, "testdata", name)
		f := fx.file(t)
		src := []byte(strings.Join(fx.after, "\n") + "\n")
		for _, fl := range []flow.Flow{fx.fl, flow.Both} {
			checkTriggersSkipNothing(t, name, f, src, fl, []*diff.File{f})
			checkTriggersSkipNothing(t, name, f, nil, fl, []*diff.File{f})
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "corpus")); err != nil {
		t.Logf("../shared/corpus is absent: the corpus part is skipped")
		return
	}
	for sha, c := range loadCorpus(t) {
		for _, f := range c.files {
			checkTriggersSkipNothing(t, sha+" "+f.Path(), f, nil, c.flow, c.files)
		}
	}
}

// TestDriverSkipsUntriggeredRule: a rule whose trigger literals a file
// does not hold is judged without its Check running; one whose literals
// are there runs.
func TestDriverSkipsUntriggeredRule(t *testing.T) {
	for _, c := range []struct {
		text string
		runs bool
	}{
		{"var cert = LoadCertificate();\n", false},
		{"var cert = LoadCertificate();\nConsole.WriteLine(cert.Thumbprint);\n", true},
		{"// LOGGER below\n", true},
	} {
		ran := false
		probe := &Rule{ID: "probe", Severity: Notice, Triggers: SecretLogging.Triggers, Check: func(*Pass) { ran = true }}
		f := difftest.Added("src/Probe.cs", difftest.Lines(c.text)...)
		j := review.Judge([]*Rule{probe}, f, nil, flow.None, []*diff.File{f})
		if ran != c.runs {
			t.Errorf("%q: Check ran = %v, want %v", c.text, ran, c.runs)
		}
		if !reflect.DeepEqual(j.Judged, []string{"probe"}) {
			t.Errorf("%q: judged %v, want the probe rule judged either way", c.text, j.Judged)
		}
	}
}

// FuzzRuleTriggers is TestTriggersSkipNothing on arbitrary text, as a C#
// file and as a Markdown file, added whole with and without its source,
// with no flow and with both flows.
func FuzzRuleTriggers(f *testing.F) {
	seedFixtures(f)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<12 {
			return
		}
		lines := difftest.Lines(text)
		for _, path := range []string{"tests/MtlsPopTests.cs", "docs/mtls-pop.md"} {
			added := difftest.Added(path, lines...)
			for _, fl := range []flow.Flow{flow.None, flow.Both} {
				checkTriggersSkipNothing(t, path, added, []byte(text), fl, []*diff.File{added})
				checkTriggersSkipNothing(t, path, added, nil, fl, []*diff.File{added})
			}
		}
	})
}
