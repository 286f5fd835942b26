package action

import (
	"context"
	"fmt"

	"github.com/google/go-github/v60/github"
	"github.com/shurcooL/githubv4"

	"github.com/reviewbot/reviewbot/report"
)

// commentService is everything the bot does on a pull request's review
// surface: read what it posted before, post and update its review, its
// file comments and replies, dismiss and delete its reviews, resolve the
// threads of fixed findings. The publisher speaks only to this interface;
// ghRepo implements it over GitHub's REST and GraphQL APIs (with retries,
// rate-limit waits and write pacing), and the planning step before it
// (planReview) needs no service at all.
type commentService interface {
	tokenLogin(ctx context.Context, token string) (string, error)
	getPR(ctx context.Context, n int) (*github.PullRequest, error)
	listComments(ctx context.Context, n int) ([]*github.PullRequestComment, error)
	listReviews(ctx context.Context, n int) ([]*github.PullRequestReview, error)
	listThreads(ctx context.Context, n int) (map[int64]reviewThread, error)

	// createReview posts a review; already, when set, tells whether a try
	// that failed ambiguously did in fact create it.
	createReview(ctx context.Context, n int, what string, req *github.PullRequestReviewRequest, already func() (*github.PullRequestReview, bool, error)) (*github.PullRequestReview, error)
	updateReview(ctx context.Context, n int, id int64, body string) (*github.PullRequestReview, error)
	dismissReview(ctx context.Context, n int, id int64, message string) error
	// deletePendingReview deletes a pending review; one already gone is
	// not an error.
	deletePendingReview(ctx context.Context, n int, id int64) error
	// createFileComment posts a comment on a whole file (subject_type
	// "file"); already works as for createReview.
	createFileComment(ctx context.Context, n int, c *github.PullRequestComment, already func() (*github.PullRequestComment, bool, error)) (*github.PullRequestComment, error)
	replyTo(ctx context.Context, n int, id int64, body string) error
	resolveThread(ctx context.Context, id githubv4.ID) error
}

var _ commentService = (*ghRepo)(nil)

func (g *ghRepo) createReview(ctx context.Context, n int, what string, req *github.PullRequestReviewRequest, already func() (*github.PullRequestReview, bool, error)) (*github.PullRequestReview, error) {
	var out *github.PullRequestReview
	var check func() (bool, error)
	if already != nil {
		check = func() (bool, error) {
			r, ok, err := already()
			if ok {
				out = r
			}
			return ok, err
		}
	}
	_, err := g.do(ctx, what, mutation, check, func(c *github.Client) (resp *github.Response, err error) {
		out, resp, err = c.PullRequests.CreateReview(ctx, g.owner, g.repo, n, req)
		return resp, err
	})
	return out, err
}

func (g *ghRepo) updateReview(ctx context.Context, n int, id int64, body string) (*github.PullRequestReview, error) {
	var out *github.PullRequestReview
	_, err := g.do(ctx, fmt.Sprintf("update review %d of PR #%d", id, n), mutation, nil, func(c *github.Client) (resp *github.Response, err error) {
		out, resp, err = c.PullRequests.UpdateReview(ctx, g.owner, g.repo, n, id, body)
		return resp, err
	})
	return out, err
}

func (g *ghRepo) dismissReview(ctx context.Context, n int, id int64, message string) error {
	_, err := g.do(ctx, fmt.Sprintf("dismiss review %d of PR #%d", id, n), mutation, nil, func(c *github.Client) (resp *github.Response, err error) {
		_, resp, err = c.PullRequests.DismissReview(ctx, g.owner, g.repo, n, id, &github.PullRequestReviewDismissalRequest{Message: github.String(message)})
		return resp, err
	})
	return err
}

func (g *ghRepo) deletePendingReview(ctx context.Context, n int, id int64) error {
	_, err := g.do(ctx, fmt.Sprintf("delete pending review %d of PR #%d", id, n), mutation, nil, func(c *github.Client) (resp *github.Response, err error) {
		_, resp, err = c.PullRequests.DeletePendingReview(ctx, g.owner, g.repo, n, id)
		if isNotFound(err) {
			return resp, nil
		}
		return resp, err
	})
	return err
}

func (g *ghRepo) createFileComment(ctx context.Context, n int, c *github.PullRequestComment, already func() (*github.PullRequestComment, bool, error)) (*github.PullRequestComment, error) {
	var out *github.PullRequestComment
	var check func() (bool, error)
	if already != nil {
		check = func() (bool, error) {
			e, ok, err := already()
			if ok {
				out = e
			}
			return ok, err
		}
	}
	_, err := g.do(ctx, fmt.Sprintf("comment on file %s of PR #%d", report.LogSafe(c.GetPath()), n), mutation, check, func(gc *github.Client) (resp *github.Response, err error) {
		out, resp, err = gc.PullRequests.CreateComment(ctx, g.owner, g.repo, n, c)
		return resp, err
	})
	return out, err
}

func (g *ghRepo) replyTo(ctx context.Context, n int, id int64, body string) error {
	_, err := g.do(ctx, fmt.Sprintf("reply on comment %d of PR #%d", id, n), mutation, nil, func(gc *github.Client) (resp *github.Response, err error) {
		_, resp, err = gc.PullRequests.CreateCommentInReplyTo(ctx, g.owner, g.repo, n, body, id)
		return resp, err
	})
	return err
}
