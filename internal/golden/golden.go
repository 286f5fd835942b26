// Package golden compares test output with golden files, and rewrites them
// when the tests run with -update: the one golden-file helper the packages'
// tests share (go test ./report -update).
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

var update = flag.Bool("update", false, "rewrite the golden files from the code's output")

// Updating reports whether the tests run with -update, for a test that
// must not compare what it is rewriting.
func Updating() bool { return *update }

// Check compares got with the golden file at path and reports a difference
// as a test error; under -update it writes got to path instead.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatalf("update golden file %s: %v", path, err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatalf("update golden file %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file %s: %v (run the test with -update to create it)", path, err)
	}
	assert.Equal(t, string(want), string(got), "output differs from golden file %s: read the difference, then rerun with -update if it is intended", path)
}
