package action

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// guideLines is a new mTLS PoP how-to guide that shows no way to verify
// success (doc-verification, a warning about the whole document) and says
// nothing of when to use it (doc-when-to-use, a notice).
func guideLines() []string {
	lines := []string{
		"# mTLS PoP with a confidential client",
		"",
		"This guide acquires an mTLS PoP token and calls a resource with it.",
		"",
		"```csharp",
		"var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)",
		"    .WithCertificate(cert, sendX5C: true)",
		"    .WithAzureRegion(\"westus3\")",
		"    .Build();",
		"var result = await app.AcquireTokenForClient(new[] { \"https://vault.azure.net/.default\" })",
		"    .WithMtlsProofOfPossession()",
		"    .ExecuteAsync();",
		"```",
		"",
		"See tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs.",
		"",
	}
	for i := 1; len(lines) < 100; i++ {
		lines = append(lines, fmt.Sprintf("Step %d sends the request over the mTLS connection with the same certificate.", i), "")
	}
	return lines
}

// Issue 7 item 4: a finding about a whole document is a comment on the
// file (subject_type "file" in GitHub's review comments API, which a
// review's comments array cannot carry), not a comment on line 1; a
// re-run finds it by its fingerprint and posts nothing again.
func TestDocumentFindingIsAFileComment(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	const guide = "docs/mtls-pop/guide.md"
	f.files = []fakeFile{f.addSample(guide, guideLines())}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)

	cs := f.publishedComments()
	require.Len(t, cs, 1, "the warning about the whole document; the notice stays in the summary")
	assert.True(t, cs[0].File, "posted with subject_type file")
	assert.Equal(t, 0, cs[0].Line)
	assert.Equal(t, guide, cs[0].Path)
	assert.Contains(t, cs[0].Body, "doc-verification")
	require.Len(t, f.published(), 1)
	assert.Contains(t, f.published()[0].Body, "doc-when-to-use")

	before := f.callsMatching(writeCalls)
	require.NoError(t, runAction(t, f, nil).err)
	assert.Equal(t, before, f.callsMatching(writeCalls), "a re-run posts nothing again")
	assert.Len(t, f.publishedComments(), 1)
}

// A file comment GitHub refuses leaves its finding in the summary.
func TestRefusedFileCommentStaysInSummary(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	const guide = "docs/mtls-pop/guide.md"
	f.files = []fakeFile{f.addSample(guide, guideLines())}
	f.faults = append(f.faults, fault{method: "POST", pathRe: `/pulls/\d+/comments$`, kind: "422"})
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Empty(t, f.publishedComments())
	require.Len(t, f.published(), 1)
	body := f.published()[0].Body
	assert.Contains(t, body, "could not be posted")
	assert.True(t, strings.Contains(body, "doc-verification"), "the finding is in the summary")
}
