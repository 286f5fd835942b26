package checklist

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test ./checklist -update)", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the parse; rerun with -update if the change is intended.\ngot:\n%s", path, got)
	}
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
			golden(t, c.golden+".golden", marshal(t, g))
			golden(t, c.golden+".topics.golden", topicsTable(g))
		})
	}
}

func readFileIfExists(path string) ([]byte, error) { return os.ReadFile(path) }
