package review

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/internal/corpus"
)

// TestCorpusFlowScore is the engine's measuring stick: on the labelled
// MSAL.NET commits the classified flow must equal the reviewer's label or
// the strict-spec label for at least 90% of commits, and every commit about
// a flow must have an in-scope file. The default guidance and default
// (case-insensitive) matching are used, as a user would run it.
func TestCorpusFlowScore(t *testing.T) {
	commits := corpus.Load(t, "flow", "flow_strict_spec")
	right := 0
	var misses []string
	for _, c := range commits {
		res, err := Run(c.Files, Options{})
		require.NoError(t, err, c.SHA)
		got, label, strict := string(res.Flow), c.Label["flow"], c.Label["flow_strict_spec"]
		if got == label || got == strict {
			right++
		} else {
			misses = append(misses, c.SHA+": got "+got+", labelled "+label+" (strict "+strict+")")
		}
		if label != "none" && res.Counts["in_scope"] == 0 {
			t.Errorf("%s is labelled %s but no file is in scope", c.SHA, label)
		}
	}
	score := float64(right) / float64(len(commits))
	t.Logf("flow score: %d/%d = %.1f%%", right, len(commits), 100*score)
	for _, m := range misses {
		t.Logf("miss %s", m)
	}
	if score < 0.90 {
		t.Errorf("flow score %.1f%% is under the 90%% target", 100*score)
	}
}
