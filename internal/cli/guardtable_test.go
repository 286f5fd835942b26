package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// linkedRegexps are the package-level expressions of every package this
// test binary links, the command's packages: the value is read when this
// package's variables are initialised, after every imported package's, and
// before a test makes expressions at run time.
var linkedRegexps = prefilter.All()

// TestGuardTable writes internal/prefilter/guardtable.go, the guards of
// linkedRegexps read at build time, under -update; otherwise it fails on
// an entry no linked package makes any more (an expression changed or
// removed since the table was written), which only weighs the binary
// down. An expression the table lacks is logged, not failed: its guard is
// read at run time as before, so a new rule needs no new table
// (internal/prefilter's TestGuardTable holds each entry to its
// expression).
func TestGuardTable(t *testing.T) {
	path := filepath.Join("..", "prefilter", "guardtable.go")
	if golden.Updating() {
		src, err := prefilter.GuardTable(linkedRegexps)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	linked := map[string]bool{}
	for _, r := range linkedRegexps {
		linked[r.String()] = true
	}
	table := prefilter.InGuardTable()
	for _, e := range table {
		if !linked[e] {
			t.Errorf("%s holds %q, which no linked package makes: run go test ./internal/cli -run TestGuardTable -update", path, e)
		}
	}
	missing := 0
	for e := range linked {
		if !slices.Contains(table, e) {
			missing++
		}
	}
	if missing > 0 {
		t.Logf("%s lacks %d of the %d linked expressions (read at run time): go test ./internal/cli -run TestGuardTable -update adds them", path, missing, len(linked))
	}
}
