package review

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/rules"
)

func TestFromPatches(t *testing.T) {
	const patch = "@@ -1,2 +1,3 @@\n a\n+b\n c"
	tests := []struct {
		name       string
		p          Patch
		lines      bool   // the file has a line 2 to comment on
		notReviewd string // a substring of the not-reviewed reason, "" for none
	}{
		{"GitHub's patch", Patch{Path: "a.cs", Status: "modified", Patch: patch}, true, ""},
		{"a patch that does not parse", Patch{Path: "a.cs", Status: "modified", Patch: "@@ -x @@\n+b"}, false, "GitHub's patch could not be read"},
		{"a file diffed locally", Patch{Path: "a.cs", Status: "modified", Local: true, Old: []byte("a\nc\n"), New: []byte("a\nb\nc\n")}, true, ""},
		{"a binary file diffed locally", Patch{Path: "a.bin", Status: "modified", Local: true, Old: []byte("a\x00"), New: []byte("b\x00")}, false, "binary file"},
		{"a file that could not be fetched", Patch{Path: "a.cs", Status: "modified", Unread: "GitHub sent no patch and the head version was not found"}, false, "head version was not found"},
		{"a rename without changes", Patch{Path: "b.cs", OldPath: "a.cs", Status: "renamed"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := FromPatches([]Patch{tt.p})
			require.Equal(t, 1, c.Len(), "nothing is dropped")
			assert.True(t, c.Has(tt.p.Path))
			_, end, ok := c.Anchor(rules.Finding{Path: tt.p.Path, Line: 2})
			assert.Equal(t, tt.lines, ok)
			if ok {
				assert.Equal(t, 2, end)
				text, _ := c.LineText(tt.p.Path, 2)
				assert.Equal(t, "b", text)
			}
			why := c.notReviewed[tt.p.Path]
			if tt.notReviewd == "" {
				assert.Empty(t, why)
			} else {
				assert.Contains(t, why, tt.notReviewd)
			}
		})
	}
}

func TestChangeRunListsUnreadFiles(t *testing.T) {
	c := FromPatches([]Patch{{Path: "src/MtlsPop/A.cs", Status: "modified", Unread: "GitHub sent no patch and the base version is larger than 1048576 bytes"}})
	res, err := c.Run(Options{})
	require.NoError(t, err)
	require.Len(t, res.Files, 1)
	assert.True(t, res.Files[0].InScope)
	assert.Contains(t, res.Files[0].NotReviewed, "larger than")
}

func TestReadDiff(t *testing.T) {
	_, err := ReadDiff("empty.diff", strings.NewReader(""))
	assert.True(t, errors.Is(err, ErrEmptyDiff))
	assert.Contains(t, err.Error(), "empty.diff")
	c, err := ReadDiff("x.diff", strings.NewReader("diff --git a/a.cs b/a.cs\n--- a/a.cs\n+++ b/a.cs\n@@ -1 +1,2 @@\n a\n+b\n"))
	require.NoError(t, err)
	assert.Equal(t, 1, c.Len())
	text, ok := c.LineText("a.cs", 2)
	assert.True(t, ok)
	assert.Equal(t, "b", text)
}
