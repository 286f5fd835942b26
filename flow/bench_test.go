package flow

import (
	"testing"

	"github.com/reviewbot/reviewbot/internal/corpus"
)

// BenchmarkClassifyCorpus classifies every labelled MSAL.NET commit of the
// corpus, all its files, as one pass over the corpus.
func BenchmarkClassifyCorpus(b *testing.B) {
	commits := corpus.Load(b)
	lines := 0
	for _, c := range commits {
		for _, f := range c.Files {
			for _, h := range f.Hunks {
				lines += len(h.Lines)
			}
		}
	}
	b.ReportMetric(float64(lines), "lines")
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range commits {
			Classify(c.Files)
		}
	}
}
