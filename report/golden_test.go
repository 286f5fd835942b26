package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/reviewbot/reviewbot/internal/golden"
	"github.com/reviewbot/reviewbot/review"
)

// goldenFile compares got with testdata/name, or rewrites it under -update.
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// goldenCases are the hand-built results every format is rendered for.
func goldenCases() []struct {
	name string
	r    *review.Result
	opts MarkdownOptions
} {
	return []struct {
		name string
		r    *review.Result
		opts MarkdownOptions
	}{
		{"clean", cleanResult(), MarkdownOptions{Marker: "<!-- reviewbot:summary -->"}},
		{"fic", ficResult(), MarkdownOptions{
			Marker: "<!-- reviewbot:summary -->",
			Notes: []string{"the guidance changed in this PR: reviewed with the base version",
				"GitHub lists at most 3,000 files: `reviewbot` reviewed the first 3,000"},
			Inline: map[int]string{0: "https://github.com/o/r/pull/7#discussion_r101", 3: "posted on line 12 <b>"},
		}},
		{"truncated", bigResult(60), MarkdownOptions{MaxLen: 6000, Marker: "<!-- reviewbot:summary -->"}},
		{"cut", bigResult(5), MarkdownOptions{MaxLen: 1500, Marker: "<!-- reviewbot:summary -->"}},
	}
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			var txt, js, sarif bytes.Buffer
			if err := Text(&txt, c.r); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, c.name+".txt.golden", txt.Bytes())
			if err := JSON(&js, c.r); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, c.name+".json.golden", js.Bytes())
			if err := SARIF(&sarif, c.r, testRules); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, c.name+".sarif.golden", sarif.Bytes())
			md := Markdown(c.r, c.opts)
			goldenFile(t, c.name+".md.golden", []byte(md))
		})
	}
}
