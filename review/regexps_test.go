package review

import (
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// TestRegexpsCompile compiles every package-level prefilter regexp of
// review and of the packages it links (rules among them): they compile on
// first use, so a bad pattern would otherwise panic in a run that reaches
// it.
func TestRegexpsCompile(t *testing.T) {
	if err := prefilter.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
