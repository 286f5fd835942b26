package flow

import (
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// TestRegexpsCompile compiles every package-level prefilter regexp of
// flow: they compile on first use, so a bad pattern would otherwise
// panic in a run that reaches it.
func TestRegexpsCompile(t *testing.T) {
	if err := prefilter.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
