package action

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v60/github"
	"github.com/shurcooL/githubv4"
)

// perPage is GitHub's largest page size.
const perPage = 100

// maxListedFiles is where GitHub stops listing a PR's files: "Responses
// include a maximum of 3000 files."
const maxListedFiles = 3000

// ghRepo is the API client bound to the repository every request is about.
type ghRepo struct {
	*api
	owner, repo string
	// gql is the GraphQL client (review threads); nil when none was made.
	gql *githubv4.Client
}

// workflowBot is the account that authors what GITHUB_TOKEN posts.
const workflowBot = "github-actions[bot]"

// tokenLogin returns the account whose comments and reviews the bot trusts
// as its own. Installation tokens (prefix ghs_: GITHUB_TOKEN, and GitHub
// App tokens) cannot call GET /user: for them it is github-actions[bot],
// the workflow token's author; an App's token needs the bot-login input
// (the caller checks the author of what it posts and warns). For other
// tokens it is GET /user's login, or "" when GitHub does not say: then
// nothing earlier is trusted.
func (g *ghRepo) tokenLogin(ctx context.Context, token string) (string, error) {
	if strings.HasPrefix(token, "ghs_") {
		return workflowBot, nil
	}
	var u *github.User
	_, err := g.do(ctx, "read the token's user", read, nil, func(c *github.Client) (resp *github.Response, err error) {
		u, resp, err = c.Users.Get(ctx, "")
		return resp, err
	})
	if err != nil {
		if statusOf(err) == http.StatusForbidden {
			return "", nil
		}
		return "", err
	}
	return u.GetLogin(), nil
}

// getPR reads a PR named by the pr-number input.
func (g *ghRepo) getPR(ctx context.Context, n int) (*github.PullRequest, error) {
	var pr *github.PullRequest
	_, err := g.do(ctx, fmt.Sprintf("read PR #%d", n), read, nil, func(c *github.Client) (resp *github.Response, err error) {
		pr, resp, err = c.PullRequests.Get(ctx, g.owner, g.repo, n)
		return resp, err
	})
	if err != nil {
		if statusOf(err) == http.StatusNotFound {
			return nil, fmt.Errorf("read PR #%d of %s/%s: not found: check the pr-number input and the token's access", n, g.owner, g.repo)
		}
		return nil, err
	}
	return pr, nil
}

// listAll pages through a list endpoint, 100 a page, following the Link
// header until the last page or, when limit > 0, until limit items.
func listAll[T any](ctx context.Context, g *ghRepo, what string, limit int, list func(c *github.Client, opt github.ListOptions) ([]T, *github.Response, error)) ([]T, error) {
	var all []T
	opt := github.ListOptions{PerPage: perPage, Page: 1}
	for {
		var page []T
		resp, err := g.do(ctx, fmt.Sprintf("%s (page %d)", what, opt.Page), read, nil, func(c *github.Client) (resp *github.Response, err error) {
			page, resp, err = list(c, opt)
			return resp, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if resp.NextPage == 0 || limit > 0 && len(all) >= limit {
			return all, nil
		}
		opt.Page = resp.NextPage
	}
}

// listFiles lists every file of PR n, up to GitHub's 3,000-file cap.
func (g *ghRepo) listFiles(ctx context.Context, n int) ([]*github.CommitFile, error) {
	return listAll(ctx, g, fmt.Sprintf("list files of PR #%d", n), maxListedFiles,
		func(c *github.Client, opt github.ListOptions) ([]*github.CommitFile, *github.Response, error) {
			return c.PullRequests.ListFiles(ctx, g.owner, g.repo, n, &opt)
		})
}

// listComments lists every review comment of PR n.
func (g *ghRepo) listComments(ctx context.Context, n int) ([]*github.PullRequestComment, error) {
	return listAll(ctx, g, fmt.Sprintf("list review comments of PR #%d", n), 0,
		func(c *github.Client, opt github.ListOptions) ([]*github.PullRequestComment, *github.Response, error) {
			return c.PullRequests.ListComments(ctx, g.owner, g.repo, n, &github.PullRequestListCommentsOptions{ListOptions: opt})
		})
}

// listReviews lists every review of PR n, oldest first.
func (g *ghRepo) listReviews(ctx context.Context, n int) ([]*github.PullRequestReview, error) {
	return listAll(ctx, g, fmt.Sprintf("list reviews of PR #%d", n), 0,
		func(c *github.Client, opt github.ListOptions) ([]*github.PullRequestReview, *github.Response, error) {
			return c.PullRequests.ListReviews(ctx, g.owner, g.repo, n, &opt)
		})
}

// errIsDir is returned when a path fetched as a file is a directory.
var errIsDir = errors.New("is a directory")

// getContent fetches a file's raw content at ref through the contents API,
// failing with errTooLarge past limit bytes, and with errIsDir when path
// is a directory. found is false on a 404.
func (g *ghRepo) getContent(ctx context.Context, path, ref string, limit int64) (data []byte, found bool, err error) {
	data, found, isDir, err := g.getRaw(ctx, path, ref, limit)
	if isDir {
		return nil, false, fmt.Errorf("read %s at %.7s: %w", path, ref, errIsDir)
	}
	return data, found, err
}

// getRaw is getContent that also says when path is a directory: GitHub
// answers a directory with its JSON listing whatever media type was asked
// for (only files and symlinks have a raw form).
func (g *ghRepo) getRaw(ctx context.Context, path, ref string, limit int64) (data []byte, found, isDir bool, err error) {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := fmt.Sprintf("repos/%s/%s/contents/%s?ref=%s", url.PathEscape(g.owner), url.PathEscape(g.repo), strings.Join(segs, "/"), url.QueryEscape(ref))
	var buf limitedBuffer
	_, err = g.do(ctx, fmt.Sprintf("read %s at %.7s", path, ref), read, nil, func(c *github.Client) (*github.Response, error) {
		req, err := c.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/vnd.github.raw")
		buf = limitedBuffer{limit: limit}
		resp, err := c.Do(ctx, req, &buf)
		isDir = resp != nil && resp.StatusCode == http.StatusOK && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json")
		if isDir {
			// The listing is no content: it may be larger than limit.
			return resp, nil
		}
		return resp, err
	})
	if err != nil {
		if statusOf(err) == http.StatusNotFound {
			return nil, false, false, nil
		}
		return nil, false, false, err
	}
	if isDir {
		return nil, true, true, nil
	}
	return buf.data, true, false, nil
}

// treeBlob is a file of a tree listing.
type treeBlob struct {
	Path string
	Size int64
}

// getTree lists every blob of the tree at sha (for guidance globs), and
// whether GitHub truncated the listing.
func (g *ghRepo) getTree(ctx context.Context, sha string) ([]treeBlob, bool, error) {
	var tr *github.Tree
	_, err := g.do(ctx, fmt.Sprintf("list the tree of %.7s", sha), read, nil, func(c *github.Client) (resp *github.Response, err error) {
		tr, resp, err = c.Git.GetTree(ctx, g.owner, g.repo, sha, true)
		return resp, err
	})
	if err != nil {
		return nil, false, err
	}
	var blobs []treeBlob
	for _, e := range tr.Entries {
		if e.GetType() == "blob" {
			blobs = append(blobs, treeBlob{Path: e.GetPath(), Size: int64(e.GetSize())})
		}
	}
	return blobs, tr.GetTruncated(), nil
}

// limitedBuffer collects a response body up to limit bytes.
type limitedBuffer struct {
	data  []byte
	limit int64
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if int64(len(b.data)+len(p)) > b.limit {
		return 0, errTooLarge
	}
	b.data = append(b.data, p...)
	return len(p), nil
}

// isNotFound reports a 404.
func isNotFound(err error) bool { return statusOf(err) == http.StatusNotFound }
