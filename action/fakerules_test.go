package action

import (
	"context"
	"net/url"
	"testing"

	"github.com/google/go-github/v60/github"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fakeClient(t *testing.T, f *fakeGitHub) *github.Client {
	c := github.NewClient(f.srv.Client()).WithAuthToken(f.token)
	u, err := url.Parse(f.apiURL() + "/")
	require.NoError(t, err)
	c.BaseURL = u
	return c
}

// Issue 8 item 14: the fake enforces GitHub's review rules the action
// depends on, with GitHub's own error bodies.
func TestFakeEnforcesGitHubReviewRules(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.plantPendingLocked("octocat")
	c := fakeClient(t, f)
	ctx := context.Background()
	o, r, n := fakeOwner, fakeRepo, 2
	req := func(event string, line int) *github.PullRequestReviewRequest {
		rq := &github.PullRequestReviewRequest{CommitID: github.String(f.headSHA), Body: github.String("b"),
			Comments: []*github.DraftReviewComment{{Path: github.String(samplePath), Body: github.String("c"), Line: github.Int(line), Side: github.String("RIGHT")}}}
		if event != "" {
			rq.Event = github.String(event)
		}
		return rq
	}
	ghErrors := func(err error) (string, []string) {
		var er *github.ErrorResponse
		require.ErrorAs(t, err, &er)
		var msgs []string
		for _, e := range er.Errors {
			msgs = append(msgs, e.Message)
		}
		return er.DocumentationURL, msgs
	}

	// A comment outside the diff: 422, the message as a plain string.
	_, resp, err := c.PullRequests.CreateReview(ctx, o, r, n, req("COMMENT", 400))
	require.Error(t, err)
	assert.Equal(t, 422, resp.StatusCode)
	doc, msgs := ghErrors(err)
	assert.Equal(t, []string{"Pull request review thread line must be part of the diff"}, msgs)
	assert.Equal(t, createReviewDoc, doc)

	// One pending review per user; it blocks a submitted one too.
	pend, _, err := c.PullRequests.CreateReview(ctx, o, r, n, req("", 12))
	require.NoError(t, err)
	assert.Equal(t, "PENDING", pend.GetState())
	for _, ev := range []string{"", "COMMENT"} {
		_, _, err = c.PullRequests.CreateReview(ctx, o, r, n, req(ev, 12))
		require.Error(t, err, "event %q", ev)
		_, msgs = ghErrors(err)
		assert.Equal(t, []string{"User can only have one pending review per pull request"}, msgs)
	}
	// A pending review is listed to its author only.
	rs, _, err := c.PullRequests.ListReviews(ctx, o, r, n, nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, pend.GetID(), rs[0].GetID())
	// Pending comments are not listed.
	cs, _, err := c.PullRequests.ListComments(ctx, o, r, n, nil)
	require.NoError(t, err)
	assert.Empty(t, cs)

	// DELETE removes a pending review; a submitted one cannot be deleted.
	_, _, err = c.PullRequests.DeletePendingReview(ctx, o, r, n, pend.GetID())
	require.NoError(t, err)
	done, _, err := c.PullRequests.CreateReview(ctx, o, r, n, req("COMMENT", 12))
	require.NoError(t, err)
	_, _, err = c.PullRequests.DeletePendingReview(ctx, o, r, n, done.GetID())
	require.Error(t, err)
	_, msgs = ghErrors(err)
	assert.Equal(t, []string{"Can not delete a non-pending pull request review"}, msgs)

	// A COMMENTED review cannot be dismissed; CHANGES_REQUESTED can.
	_, _, err = c.PullRequests.DismissReview(ctx, o, r, n, done.GetID(), &github.PullRequestReviewDismissalRequest{Message: github.String("m")})
	require.Error(t, err)
	blocking, _, err := c.PullRequests.CreateReview(ctx, o, r, n, req("REQUEST_CHANGES", 18))
	require.NoError(t, err)
	dis, _, err := c.PullRequests.DismissReview(ctx, o, r, n, blocking.GetID(), &github.PullRequestReviewDismissalRequest{Message: github.String("m")})
	require.NoError(t, err)
	assert.Equal(t, "DISMISSED", dis.GetState())

	// A read-only token gets 403 on every write.
	f.readOnly = true
	_, resp, err = c.PullRequests.CreateReview(ctx, o, r, n, req("COMMENT", 12))
	require.Error(t, err)
	assert.Equal(t, 403, resp.StatusCode)
}
