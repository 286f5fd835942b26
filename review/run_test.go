package review

import (
	"fmt"
	"runtime"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules"
)

// TestRunSameOnOneCoreAndTwo holds Run's result on two cores, where the
// novelty marks are found while the files are scoped, to its result on
// one, where they are found in turn: on every corpus commit and on all of
// them as one change.
func TestRunSameOnOneCoreAndTwo(t *testing.T) {
	commits := corpus.Load(t, "flow", "flow_strict_spec")
	var all []*diff.File
	run := func(files []*diff.File, procs int) *Result {
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		res, err := Run(files, Options{})
		require.NoError(t, err)
		return res
	}
	check := func(name string, files []*diff.File) {
		one, two := run(files, 1), run(files, 2)
		require.Equal(t, one, two, name)
	}
	for _, c := range commits {
		check(c.SHA, c.Files)
		all = append(all, c.Files...)
	}
	check("the whole corpus", all)
}

// TestJudgeFilesAsksForSourcesInFileOrder: the sources are asked for one
// at a time, in the order of the files, whatever order the cores judge
// them in, so a source with a budget (the action's downloads) spends it on
// the same files on every run.
func TestJudgeFilesAsksForSourcesInFileOrder(t *testing.T) {
	prev := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(prev)
	var files []*diff.File
	var want []string
	for i := range 12 {
		p := fmt.Sprintf("src/F%02d.cs", i)
		var lines []string
		for range 1 + (i*7)%11 { // sizes out of order: the largest is not first
			lines = append(lines, "+var x = 1;")
		}
		files = append(files, &diff.File{OldPath: p, NewPath: p, Status: diff.Modified, Hunks: []diff.Hunk{difftest.Hunk(1, 1, lines...)}})
		want = append(want, p)
	}
	var mu sync.Mutex
	var asked []string
	inFlight := 0
	source := func(p string) ([]byte, bool) {
		mu.Lock()
		inFlight++
		n := inFlight
		asked = append(asked, p)
		mu.Unlock()
		if n > 1 {
			t.Errorf("source(%s) called while another call was in flight", p)
		}
		mu.Lock()
		inFlight--
		mu.Unlock()
		return nil, false
	}
	for range 5 {
		asked = nil
		judgeFiles(rules.All, files, source, flow.None, nil)
		require.Equal(t, want, asked)
	}
}
