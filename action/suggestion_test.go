package action

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSuggestionIsPostedAsSuggestionBlock checks a mechanical fix reaches
// the pull request as GitHub's suggestion block on the finding's line: the
// whole line with only the wrong string literal changed.
func TestSuggestionIsPostedAsSuggestionBlock(t *testing.T) {
	lines := []string{
		"public class Caller",
		"{",
		"    public async Task CallAsync(IConfidentialClientApplication app, HttpRequestMessage request)",
		"    {",
		"        var result = await app.AcquireTokenForClient(new[] { \"https://vault.azure.net/.default\" })",
		"            .WithMtlsProofOfPossession()",
		"            .ExecuteAsync();",
		"        request.Headers.Authorization = new AuthenticationHeaderValue(\"PoP\", result.AccessToken);",
		"    }",
		"}",
	}
	f := newFakeGitHub(t, appToken)
	f.files = []fakeFile{f.addSample("src/MtlsPop/Caller.cs", lines)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)

	var body string
	for _, c := range f.publishedComments() {
		if c.Line == 8 && strings.Contains(c.Body, "pop-auth-scheme") {
			body = c.Body
		}
	}
	require.NotEmpty(t, body, "no pop-auth-scheme comment on line 8")
	want := "```suggestion\n" + strings.Replace(lines[7], `"PoP"`, `"mtls_pop"`, 1) + "\n```"
	assert.Contains(t, body, want)
	assert.Equal(t, 2, strings.Count(body, "```"), "one suggestion block, nothing else fenced")
}
