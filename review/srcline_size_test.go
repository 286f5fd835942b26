package review

import (
	"testing"
	"unsafe"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// TestSrcLineSize: headLines makes one srcLine per head line of the
// change that holds a guard literal (15% of them on the corpus), so its
// size is the evaluator's memory: 72 bytes, its line number an int32
// beside the flags.
func TestSrcLineSize(t *testing.T) {
	if got := unsafe.Sizeof(srcLine{}); unsafe.Sizeof(uintptr(0)) == 8 && got != 72 {
		t.Errorf("srcLine takes %d bytes, want 72: keep line (int32) beside the bool flags", got)
	}
}

// TestHeadLinesLineNumber: a line number near the parser's bound (2^30)
// survives the int32.
func TestHeadLinesLineNumber(t *testing.T) {
	f := &diff.File{OldPath: "a.cs", NewPath: "a.cs", Status: diff.Modified, Hunks: []diff.Hunk{difftest.Hunk(1<<30-1, 1<<30-1, `+Assert.AreEqual("mtls_pop", result.TokenType);`)}}
	ls := headLines([]*diff.File{f})
	if len(ls) != 1 || ls[0].line != 1<<30-1 {
		t.Fatalf("headLines = %+v, want one line numbered %d", ls, 1<<30-1)
	}
}
