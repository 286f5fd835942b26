package action

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSuppressionListedInSummary: a reviewbot:ignore comment the PR adds
// silences its finding, and the summary lists it for the reviewers.
func TestSuppressionListedInSummary(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	lines := append([]string{}, sampleLines[:17]...)
	lines = append(lines, "            // reviewbot:ignore secret-logging the sample app prints a fake token")
	lines = append(lines, sampleLines[17:]...)
	f.files = []fakeFile{f.addSample(samplePath, lines)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, "1", r.outputs["findings"], "only placeholder-region is left")
	require.Len(t, f.publishedComments(), 1)
	assert.Equal(t, 12, f.publishedComments()[0].Line)
	body := f.published()[0].Body
	assert.Contains(t, body, "1 finding silenced by `reviewbot:ignore` comments; this PR adds 1:")
	assert.Contains(t, body, "`src/MtlsPop/Sample.cs:19`")
	assert.Contains(t, body, "the sample app prints a fake token")
}
