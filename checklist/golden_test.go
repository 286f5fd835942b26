package checklist

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
)

// Paths of the shared material, relative to this package.
var (
	seedPath = filepath.Join("..", "..", "shared", "seed", "mtls-pop-shared-guidance.md")
	realPath = filepath.Join("..", "..", "shared", "corpus", "msalnet", "guidance", "msal-mtls-pop-guidance.SKILL.md")
)

// readShared reads a file of ../shared or skips the test naming it.
func readShared(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("shared material %s is absent: skipping", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goldenFile compares got with testdata/name, or rewrites it under -update.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// topicsTable lists every item with its kind and topics, one per line, for
// a reader to check that the classification makes sense.
func topicsTable(g *Guidance) []byte {
	var b strings.Builder
	line := func(where string, gs []Group) {
		for _, gr := range gs {
			for _, it := range gr.Items {
				ts := make([]string, len(it.Topics))
				for i, tp := range it.Topics {
					ts[i] = string(tp)
				}
				fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\n", it.Line, where, it.Kind, strings.Join(ts, ","), it.Text)
			}
		}
	}
	line("checklist", g.Checklist)
	for _, k := range focusKeys(g.Focus) {
		line("focus:"+k, g.Focus[k])
	}
	line("doc-focus", g.DocFocus)
	return []byte(b.String())
}

func TestGolden(t *testing.T) {
	cases := []struct {
		name, golden string
		data         func(t *testing.T) []byte
		source       string
	}{
		{"seed", "seed", func(t *testing.T) []byte { return readShared(t, seedPath) }, "mtls-pop-shared-guidance.md"},
		{"real variant", "real-variant", func(t *testing.T) []byte { return readShared(t, realPath) }, "msal-mtls-pop-guidance.SKILL.md"},
		{"default", "default", func(t *testing.T) []byte { return defaultGuidance }, defaultName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Parse(c.source, c.data(t))
			if err != nil {
				t.Fatal(err)
			}
			goldenFile(t, c.golden+".golden", marshal(t, g))
			goldenFile(t, c.golden+".topics.golden", topicsTable(g))
		})
	}
}

func readFileIfExists(path string) ([]byte, error) { return os.ReadFile(path) }
