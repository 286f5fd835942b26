package checklist

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeyPointsAreTheFlowsFocusList pins issue 11 item 2: the MSAL.NET
// repository's flow skill files have no reviewer section; their "## Key
// Points" numbered bold statements are that flow's focus list, keeping
// the guidance's wording, and their "## Requirements" add no item.
func TestKeyPointsAreTheFlowsFocusList(t *testing.T) {
	g, err := Load([]string{filepath.Join("testdata", "skills")})
	require.NoError(t, err)
	texts := func(key string) map[string][]Topic {
		m := map[string][]Topic{}
		for _, gr := range g.Focus[key] {
			assert.Equal(t, "Key Points", gr.Title)
			for _, it := range gr.Items {
				m[it.Text] = it.Topics
			}
		}
		return m
	}
	v := texts("vanilla")
	f := texts("fic")
	assert.Len(t, v, 6, "the vanilla document's six Key Points")
	assert.Len(t, f, 6, "the FIC document's six Key Points")
	for _, c := range []struct {
		list  map[string][]Topic
		text  string
		topic Topic
	}{
		{v, "One call, no exchange: a single `AcquireTokenForClient` call returns the token", TopicSingleAcquire},
		{v, "Set the certificate at app level: the application builder calls `WithCertificate()`", TopicAppCertificate},
		{v, "Ask for the token type on the request: `.WithMtlsProofOfPossession()` goes on the token request", TopicRequestPop},
		{v, "SNI requires `sendX5c: true`", TopicSendX5c},
		{v, "Use actual Azure region: `WithAzureRegion(\"westus3\")`, never a placeholder", TopicRegion},
		{v, "Tests assert the token type: `TokenType == \"mtls_pop\"` and a non-null `BindingCertificate`", TopicTokenTypeAssert},
		{f, "Leg 1 always targets `api://AzureADTokenExchange`", TopicExchangeAudience},
		{f, "Leg 2 passes the assertion through `WithClientAssertion()`", TopicClientAssertion},
		{f, "Always pass Leg 1's certificate: set `TokenBindingCertificate = leg1.BindingCertificate` in the `ClientSignedAssertion`", TopicTokenBinding},
		{f, "The assertion type is jwt-pop: `client_assertion_type` is `urn:ietf:params:oauth:client-assertion-type:jwt-pop`", TopicAssertionType},
		{f, "Leg 2 calls the regional `mtlsauth.microsoft.com` endpoint", TopicMtlsEndpoint},
	} {
		topics, ok := c.list[c.text]
		if assert.True(t, ok, "focus item %q", c.text) {
			assert.Contains(t, topics, c.topic, c.text)
		}
	}
	assert.Empty(t, g.Checklist, "Requirements and examples are not checklist items")
}

// TestKeyPointsOfAnUnnamedDocument: a document that names no flow files
// its Key Points under "all", applied to whichever flow a change is.
func TestKeyPointsOfAnUnnamedDocument(t *testing.T) {
	g, err := Parse("guide.md", []byte("---\napplies_to:\n  - \"**/*mtls*/**\"\n---\n# mTLS PoP\n\n## Key Points\n\n1. **Use actual Azure region**\n"))
	require.NoError(t, err)
	require.Len(t, g.Focus["all"], 1)
	assert.Equal(t, "Use actual Azure region", g.Focus["all"][0].Items[0].Text)
}
