package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// BenchmarkCheckCorpus is the whole `reviewbot check --format json` (read,
// parse, scope, flow, rules, checklist, JSON) on a real diff: the MSAL.NET
// corpus's commits concatenated until they hold 20,000 lines, as
// scripts/bench-check.sh builds it for the side-by-side timing with grep.
func BenchmarkCheckCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "msalnet", "diffs")
	patches, _ := filepath.Glob(filepath.Join(dir, "*.patch"))
	if len(patches) == 0 {
		b.Skipf("%s is absent: the benchmark needs ../shared", dir)
	}
	sort.Strings(patches)
	var diff bytes.Buffer
	lines := 0
	for _, p := range patches {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		diff.Write(data)
		lines += bytes.Count(data, []byte("\n"))
		if lines >= 20000 {
			break
		}
	}
	b.SetBytes(int64(diff.Len()))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		code := Main([]string{"check", "--format", "json", "-"}, bytes.NewReader(diff.Bytes()), io.Discard, io.Discard, func(string) string { return "" })
		if code == ExitError {
			b.Fatalf("check failed with exit %d", code)
		}
	}
}
