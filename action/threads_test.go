package action

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (f *fakeGitHub) replies() []*fakeComment {
	var out []*fakeComment
	for _, c := range f.publishedComments() {
		if c.InReplyTo != 0 {
			out = append(out, c)
		}
	}
	return out
}

// fixSecretLogging pushes a head where line 18 no longer logs the token.
func fixSecretLogging(f *fakeGitHub) {
	fixed := append([]string{}, sampleLines...)
	fixed[17] = `            Console.WriteLine($"Token acquired, expires: {result.ExpiresOn}");`
	f.push("4444444444444444444444444444444444444444", nil)
	f.files = []fakeFile{f.addSample(samplePath, fixed)}
}

// Issue 8 item 10: the thread of a fixed finding is resolved (GraphQL) and
// answered once "Fixed in <short sha>"; a fork run that cannot write only
// lists it.
func TestFixedFindingThreadIsResolvedOnce(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	var logID int64
	for _, c := range f.publishedComments() {
		if strings.Contains(c.Body, "secret-logging") {
			logID = c.ID
		}
	}
	require.NotZero(t, logID)

	fixSecretLogging(f)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	f.mu.Lock()
	assert.Equal(t, []int64{logID}, f.resolved, "only the fixed finding's thread is resolved")
	f.mu.Unlock()
	rs := f.replies()
	require.Len(t, rs, 1)
	assert.Equal(t, logID, rs[0].InReplyTo)
	assert.Equal(t, botLogin, rs[0].Login)
	assert.True(t, strings.HasPrefix(rs[0].Body, "Fixed in 4444444."), rs[0].Body)
	assert.Contains(t, f.published()[0].Body, "Fixed since an earlier review")

	// A person reopens the thread: the bot does not fight, nor reply again.
	f.mu.Lock()
	for _, c := range f.comments {
		c.Resolved = false
	}
	f.mu.Unlock()
	gql := f.callsMatching(`^POST /graphql`)
	require.NoError(t, runAction(t, f, nil).err)
	assert.Len(t, f.replies(), 1, "one reply, ever")
	assert.Equal(t, gql, f.callsMatching(`^POST /graphql`), "no thread listed again once answered")

	// The same fix seen by a fork run: listed, nothing resolved.
	g := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, g, nil).err)
	fixSecretLogging(g)
	g.readOnly = true
	r = runAction(t, g, nil)
	require.NoError(t, r.err)
	assert.Contains(t, r.summary, "Fixed since an earlier review")
	assert.Zero(t, g.callsMatching(`^POST /graphql`))
	assert.Empty(t, g.replies())
}

// Issue 8 item 10: a comment a person deleted is not posted again for the
// same fingerprint on the same line, on later heads too.
func TestDeletedCommentIsNotPostedAgain(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	f.mu.Lock()
	var keep []*fakeComment
	for _, c := range f.comments {
		if !strings.Contains(c.Body, "secret-logging") {
			keep = append(keep, c)
		}
	}
	require.Len(t, keep, 1)
	f.comments = keep
	f.mu.Unlock()

	f.push("8888888888888888888888888888888888888888", append(f.files, fakeFile{Name: "README.md", Status: "modified", Patch: "@@ -1,1 +1,2 @@\n # Hello\n+World", Changes: 1}))
	f.setContent(f.headSHA, samplePath, content(sampleLines))
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.publishedComments(), 1, "the deleted comment is not posted again")
	assert.Len(t, f.published(), 1)
	assert.Contains(t, f.published()[0].Body, "1 finding(s) whose comment someone deleted are listed here only")
	assert.Contains(t, f.published()[0].Body, "Sample.cs:18")

	// Moved to another line, it is a new comment.
	shifted := append([]string{"// header"}, sampleLines...)
	f.push("9999999999999999999999999999999999999999", nil)
	f.files = []fakeFile{f.addSample(samplePath, shifted)}
	require.NoError(t, runAction(t, f, nil).err)
	assert.Len(t, f.publishedComments(), 2)
}

func TestGraphQLURL(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		getenv func(string) string
		api    string
		want   string
	}{
		{env(nil), "", "https://api.github.com/graphql"},
		{env(nil), "https://api.github.com", "https://api.github.com/graphql"},
		{env(nil), "https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql"},
		{env(nil), "https://ghe.example.com/api/v3/", "https://ghe.example.com/api/graphql"},
		{env(map[string]string{"GITHUB_GRAPHQL_URL": "https://ghe.example.com/api/graphql"}), "https://x/api/v3", "https://ghe.example.com/api/graphql"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, graphqlURL(c.getenv, c.api), c.api)
	}
}

// On GitHub Enterprise Server GraphQL is at /api/graphql, beside /api/v3.
func TestFixedThreadResolvedOnGHES(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.prefix = "/api/v3"
	require.NoError(t, runAction(t, f, nil).err)
	fixSecretLogging(f)
	require.NoError(t, runAction(t, f, nil).err)
	f.mu.Lock()
	assert.Len(t, f.resolved, 1)
	f.mu.Unlock()
	assert.Len(t, f.replies(), 1)
}
