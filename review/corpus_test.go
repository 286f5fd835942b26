package review

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
)

// corpusDir is the labelled MSAL.NET corpus, beside the repository.
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "msalnet")

// label is one row of labels.tsv.
type label struct {
	sha, flow, strict string
}

func readLabels(t testing.TB) []label {
	t.Helper()
	p := filepath.Join(corpusDir, "labels.tsv")
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		t.Skipf("corpus not found at %s: run from a checkout with ../shared beside it", p)
	}
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ls []label
	var col map[string]int
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, c := range cells {
				col[c] = i
			}
			for _, c := range []string{"sha", "flow", "flow_strict_spec"} {
				require.Contains(t, col, c, "labels.tsv lacks column %s", c)
			}
			continue
		}
		ls = append(ls, label{sha: cells[col["sha"]], flow: cells[col["flow"]], strict: cells[col["flow_strict_spec"]]})
	}
	require.NoError(t, sc.Err())
	require.NotEmpty(t, ls)
	return ls
}

func readCorpusDiff(t testing.TB, sha string) []*diff.File {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "diffs", sha+".patch"))
	require.NoError(t, err)
	defer f.Close()
	files, err := diff.Parse(f)
	require.NoError(t, err, "parse %s.patch", sha)
	return files
}

// TestCorpusFlowScore is the engine's measuring stick: on the labelled
// MSAL.NET commits the classified flow must equal the reviewer's label or
// the strict-spec label for at least 90% of commits, and every commit about
// a flow must have an in-scope file. The default guidance and default
// (case-insensitive) matching are used, as a user would run it.
func TestCorpusFlowScore(t *testing.T) {
	labels := readLabels(t)
	right := 0
	var misses []string
	for _, l := range labels {
		res, err := Run(readCorpusDiff(t, l.sha), Options{})
		require.NoError(t, err, l.sha)
		got := string(res.Flow.Flow)
		if got == l.flow || got == l.strict {
			right++
		} else {
			misses = append(misses, l.sha+": got "+got+", labelled "+l.flow+" (strict "+l.strict+")")
		}
		if l.flow != "none" && res.Counts["in_scope"] == 0 {
			t.Errorf("%s is labelled %s but no file is in scope", l.sha, l.flow)
		}
	}
	score := float64(right) / float64(len(labels))
	t.Logf("flow score: %d/%d = %.1f%%", right, len(labels), 100*score)
	for _, m := range misses {
		t.Logf("miss %s", m)
	}
	if score < 0.90 {
		t.Errorf("flow score %.1f%% is under the 90%% target", 100*score)
	}
}
