package source_test

import (
	"bytes"
	"syscall"
	"testing"
	"time"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules/source"
)

// corpusFiles returns the in-scope files of the diff BenchmarkCheckCorpus
// reads: the MSAL.NET corpus's commits concatenated to 20,000 lines.
func corpusFiles(b *testing.B) []*diff.File {
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
	return scoped
}

// BenchmarkNewCorpus builds the view of every in-scope file of the
// 20,000-line corpus diff, as the rules get it: New, then the trigger
// index the driver reads first (New), and the line lists most rules read
// (Lists); Plain is New of the view as it was (view_plain_test.go), timed
// beside it.
func BenchmarkNewCorpus(b *testing.B) {
	files := corpusFiles(b)
	b.Run("New", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			for _, f := range files {
				v := source.New(f, nil)
				v.FileHas(source.TrigPop)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	})
	b.Run("Plain", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			for _, f := range files {
				v := source.NewPlain(f, nil)
				v.FileHas(source.TrigPop)
			}
		}
		b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	})
	b.Run("Lists", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				v := source.New(f, nil)
				v.FileHas(source.TrigPop)
				v.AddedLines()
				v.CodeLines()
				v.CheckedCode()
				v.CheckedProse()
				v.DocLines()
			}
		}
	})
}

// cpuTime is the process's user and system CPU time so far: on a shared
// machine the wall time of one core's work swings with the load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
