package cli

import (
	"bytes"
	"io"
	"testing"

	"github.com/reviewbot/reviewbot/internal/corpus"
)

// BenchmarkCheckCorpus is the whole `reviewbot check --format json` (read,
// parse, scope, flow, rules, checklist, JSON) on a real diff: the MSAL.NET
// corpus's commits concatenated until they hold 20,000 lines, as
// scripts/bench-check.sh builds it for the side-by-side timing with grep.
func BenchmarkCheckCorpus(b *testing.B) {
	diff := corpus.BenchDiff(b)
	b.SetBytes(int64(len(diff)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		code := Main([]string{"check", "--format", "json", "-"}, bytes.NewReader(diff), io.Discard, io.Discard, func(string) string { return "" })
		if code == ExitError {
			b.Fatalf("check failed with exit %d", code)
		}
	}
}
