package rules_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"
)

// BenchmarkRulesCorpus measures the rules alone (review.Judge on every
// in-scope file, one after another) on the diff BenchmarkCheckCorpus
// reads: the MSAL.NET corpus's commits concatenated to 20,000 lines.
func BenchmarkRulesCorpus(b *testing.B) {
	files, err := diff.Parse(bytes.NewReader(corpus.BenchDiff(b)))
	if err != nil {
		b.Fatal(err)
	}
	res, err := review.Run(files, review.Options{})
	if err != nil {
		b.Fatal(err)
	}
	in := map[string]bool{}
	for _, d := range res.Files {
		in[d.Path] = d.InScope
	}
	var scoped []*diff.File
	for _, f := range files {
		if in[f.Path()] {
			scoped = append(scoped, f)
		}
	}
	fl := flow.Classify(scoped).Flow
	// CPU time as well as wall time: on a shared machine the wall time
	// of one core's work swings with the load.
	cpu0 := cpuTime()
	for b.Loop() {
		for _, f := range scoped {
			review.Judge(All, f, nil, fl, scoped)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
