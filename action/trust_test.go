package action

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// impersonate hands everything posted so far to another account, as if
// that account had planted the bot's markers.
func (f *fakeGitHub) impersonate(login, typ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.reviews {
		r.Login, r.Type = login, typ
	}
	for _, c := range f.comments {
		c.Login, c.Type = login, typ
	}
}

func (f *fakeGitHub) byLogin(login string) (reviews []*fakeReview, comments []*fakeComment) {
	for _, r := range f.published() {
		if r.Login == login {
			reviews = append(reviews, r)
		}
	}
	for _, c := range f.publishedComments() {
		if c.Login == login {
			comments = append(comments, c)
		}
	}
	return reviews, comments
}

// Issue 8 item 2: another app's comments and review that carry the bot's
// markers are not the bot's: they suppress nothing and are never edited.
func TestMarkersPlantedByAnotherBotAreNotTrusted(t *testing.T) {
	for _, fork := range []bool{false, true} {
		name := map[bool]string{false: "normal", true: "fork read-only"}[fork]
		t.Run(name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			require.NoError(t, runAction(t, f, nil).err)
			f.impersonate("evil-app[bot]", "Bot")
			planted := f.published()[0].Body
			f.readOnly = fork

			r := runAction(t, f, nil)
			require.NoError(t, r.err)
			revs, cs := f.byLogin(botLogin)
			if fork {
				assert.Regexp(t, `(?m)^::error .*line=12`, r.stdout, "every finding is annotated")
				assert.Regexp(t, `(?m)^::error .*line=18`, r.stdout)
				assert.Empty(t, revs)
			} else {
				assert.Len(t, revs, 1, "the bot posts its own review")
				assert.Len(t, cs, 2, "both findings are commented: the planted markers suppress nothing")
			}
			evil, _ := f.byLogin("evil-app[bot]")
			require.Len(t, evil, 1)
			assert.Equal(t, planted, evil[0].Body, "the other app's review is never edited")
			assert.Zero(t, f.callsMatching(`^PUT /repos/.*/reviews/\d+$`))
		})
	}
}

// With a GitHub App's token the bot is <slug>[bot]: the bot-login input
// names it, and a re-run then recognises its own review.
func TestBotLoginInputForAppToken(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.appLogin = "mtls-reviewer[bot]"
	in := map[string]string{"bot-login": "mtls-reviewer[bot]"}
	r := runAction(t, f, in)
	require.NoError(t, r.err)
	assert.NotContains(t, r.stdout, "::warning::")
	before := f.callsMatching(`^(POST|PUT|DELETE) `)
	require.NoError(t, runAction(t, f, in).err)
	assert.Equal(t, before, f.callsMatching(`^(POST|PUT|DELETE) `), "its own review is recognised: nothing posted again")
	revs, cs := f.byLogin("mtls-reviewer[bot]")
	assert.Len(t, revs, 1)
	assert.Len(t, cs, 2)
}

// Without bot-login, an App's token posts as another account than the one
// trusted: the run says so and how to fix it.
func TestAuthorOfPostedReviewDiffersWarns(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.appLogin = "mtls-reviewer[bot]"
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Regexp(t, `(?m)^::warning::reviewbot posted as mtls-reviewer\[bot\] but trusts only github-actions\[bot\].*set the bot-login input to mtls-reviewer\[bot\]`, r.stdout)
}

func TestBotLoginInputIsChecked(t *testing.T) {
	_, err := readConfig(func(k string) string {
		return map[string]string{"INPUT_GITHUB-TOKEN": "t", "INPUT_BOT-LOGIN": "not a login"}[k]
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "input bot-login")
}

// GitHub lists a pending review to its author only: an App token's own
// stale pending review is found and deleted even without bot-login.
func TestStalePendingOfAppTokenIsDeletedWithoutBotLogin(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.appLogin = "mtls-reviewer[bot]"
	f.plantPendingLocked("mtls-reviewer[bot]")
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Empty(t, f.pendingReviews())
	assert.Len(t, f.published(), 1)
}
