package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// FuzzRules runs every rule in All on arbitrary file text, as a C# file and
// as a Markdown file, added whole and as a modification of its first half,
// with and without the whole file, with no flow and with both flows (which
// takes every flow-dependent path): no rule may panic, and
// every finding must sit on an added line with a line number in range.
func FuzzRules(f *testing.F) {
	seedFixtures(f)
	f.Add("")
	f.Add("```")
	f.Add("---\n")
	f.Add("```csharp\nusing var cert = new X509Certificate2(p);\n.WithCertificate(cert)\n")
	f.Add("/* \"\"\" @\" $\"{\" '\\\n\"")
	f.Add("Console.WriteLine($\"{token\n")
	f.Add("new ClientSignedAssertion {\n")
	f.Fuzz(checkAnyText)
}

// checkAnyText is FuzzRules's property on one text.
func checkAnyText(t *testing.T, text string) {
	if len(text) > 1<<12 {
		return
	}
	lines := difftest.Lines(text)
	for _, path := range []string{"tests/MtlsPopTests.cs", "docs/mtls-pop.md"} {
		half := lines[:len(lines)/2]
		before := []byte(strings.Join(half, "\n"))
		mod, err := diff.Between(path, before, []byte(text))
		if err != nil {
			t.Fatalf("Between: %v", err)
		}
		for _, fl := range []flow.Flow{flow.None, flow.Both} {
			added := difftest.Added(path, lines...)
			for _, c := range []struct {
				f   *diff.File
				src []byte
			}{{added, []byte(text)}, {added, nil}, {mod, []byte(text)}, {mod, nil}} {
				fs := review.Check(All, c.f, c.src, fl, []*diff.File{c.f})
				for _, fd := range fs {
					if fd.Line < 1 || fd.Line > len(lines)+1 {
						t.Fatalf("%s: finding on line %d of %d: %v", path, fd.Line, len(lines), fd)
					}
					if l, ok := c.f.LineRight(fd.Line); !ok || l.Op != diff.Add {
						t.Fatalf("%s: finding on line %d, which the change did not add: %v", path, fd.Line, fd)
					}
				}
			}
		}
	}
}

// seedFixtures adds every rule fixture (testdata, not the fuzz corpora,
// which go test replays anyway) as a seed of f.
func seedFixtures(f *testing.F) {
	f.Helper()
	err := filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, filepath.Join("testdata", "fuzz")) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f.Add(string(b))
		return nil
	})
	if err != nil {
		f.Fatalf("read fixtures: %v", err)
	}
}
