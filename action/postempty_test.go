package action

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestScopeOnlyChangePostsNoReview pins issue 11 item 4: a change in the
// guidance's scope by path only, with no mTLS PoP code and no finding,
// posts no review unless post-empty is set; the outputs and the job
// summary (three lines) are written either way.
func TestScopeOnlyChangePostsNoReview(t *testing.T) {
	bump := []string{`<PackageReference Include="Microsoft.Identity.Client" Version="4.82.1" />`}
	for _, c := range []struct {
		name    string
		inputs  map[string]string
		reviews int
	}{
		{"default", nil, 0},
		{"post-empty false", map[string]string{"post-empty": "false"}, 0},
		{"post-empty true", map[string]string{"post-empty": "true"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeGitHub(t, appToken)
			f.files = []fakeFile{f.addSample("src/MtlsPop/MtlsPop.csproj", bump)}
			r := runAction(t, f, c.inputs)
			require.NoError(t, r.err)
			assert.False(t, r.failed)
			assert.Len(t, f.published(), c.reviews)
			assert.Empty(t, f.publishedComments())
			assert.Equal(t, "0", r.outputs["errors"], "the outputs are set")
			assert.Contains(t, r.summary, "**No mTLS PoP flow · no findings in 1 in-scope file · nothing to check**")
			assert.Contains(t, r.summary, "In scope by path only: [`src/MtlsPop/MtlsPop.csproj`](https://github.com/")
			if c.reviews > 0 {
				assert.Contains(t, f.published()[0].Body, "In scope by path only")
			}
		})
	}
}

// TestSummaryLinksToTheHead pins issue 11 item 5: findings posted inline
// link to their line in the PR's Files tab, where the comment is; a
// finding in the summary only links to its line in the head's blob, and
// file paths link to the file there.
func TestSummaryLinksToTheHead(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"inline-level": "error", "GITHUB_SERVER_URL": "https://ghe.example.com"})
	require.NoError(t, r.err)
	require.Len(t, f.published(), 1)
	body := f.published()[0].Body
	base := "https://ghe.example.com/" + fakeOwner + "/" + fakeRepo
	assert.Contains(t, body, "]("+base+"/pull/2/files#diff-", "inline findings link to their comment's line")
	assert.Contains(t, body, "]("+base+"/blob/"+f.headSHA+"/src/MtlsPop/Sample.cs)", "the in-scope file links to the head")
	assert.Contains(t, body, "]("+base+"/blob/"+f.headSHA+"/src/MtlsPop/Sample.cs#L", "evidence links to its line in the head")
}
