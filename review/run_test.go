package review

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/corpus"
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
