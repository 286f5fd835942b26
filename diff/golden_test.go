package diff

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
)

// render writes files in a stable text form: a line per file, then each
// hunk's header and its lines as "op old new |text".
func render(files []*File) string {
	var b strings.Builder
	for _, f := range files {
		added, deleted := f.Stats()
		fmt.Fprintf(&b, "file %s old=%q new=%q binary=%v mode=%o->%o mode-only=%v +%d -%d\n",
			f.Status, f.OldPath, f.NewPath, f.Binary, f.OldMode, f.NewMode, f.ModeOnly(), added, deleted)
		for _, h := range f.Hunks {
			fmt.Fprintf(&b, "  @@ -%d,%d +%d,%d @@ %q\n", h.OldStart, h.OldLines, h.NewStart, h.NewLines, h.Section)
			for _, l := range h.Lines {
				fmt.Fprintf(&b, "  %c %4d %4d |%s\n", l.Op, l.OldLine, l.NewLine, l.Text)
			}
		}
	}
	return b.String()
}

// TestGolden parses each testdata/*.diff and compares the result with its
// .golden file; `go test ./diff -update` rewrites them.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*.diff"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no testdata/*.diff")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			files, err := Parse(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			for _, f := range files {
				checkInvariants(t, f)
			}
			got := render(files)
			golden.Check(t, strings.TrimSuffix(in, ".diff")+".golden", []byte(got))
		})
	}
}
