package action

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/shurcooL/githubv4"
)

// fixedMarker marks the bot's one reply on a thread whose finding was
// fixed.
const fixedMarker = "<!-- reviewbot:fixed -->"

// graphqlURL is the GraphQL endpoint: GITHUB_GRAPHQL_URL when the runner
// sets it, else the one beside the REST root (https://api.github.com/graphql,
// or https://HOST/api/graphql on GitHub Enterprise Server).
func graphqlURL(getenv func(string) string, apiURL string) string {
	if u := getenv("GITHUB_GRAPHQL_URL"); u != "" {
		return u
	}
	if apiURL == "" {
		return "https://api.github.com/graphql"
	}
	u, err := url.Parse(apiURL)
	if err != nil {
		return "https://api.github.com/graphql"
	}
	p := strings.TrimSuffix(u.Path, "/")
	if strings.HasSuffix(p, "/api/v3") {
		p = strings.TrimSuffix(p, "/v3")
	}
	u.Path = p + "/graphql"
	return u.String()
}

// bearer adds the token to every GraphQL request.
type bearer struct {
	token string
	base  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	r.Header.Set("User-Agent", "reviewbot")
	return b.base.RoundTrip(r)
}

// newGraphQL is a githubv4 client for endpoint through hc, authenticated
// with token.
func newGraphQL(hc *http.Client, endpoint, token string) *githubv4.Client {
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c := *hc
	c.Transport = bearer{token: token, base: base}
	return githubv4.NewEnterpriseClient(endpoint, &c)
}

// reviewThread is one review thread of the PR, by the database id of its
// first comment.
type reviewThread struct {
	id       githubv4.ID
	resolved bool
}

// listThreads maps the first comment of each review thread of the PR to
// its thread (GraphQL pullRequest.reviewThreads; REST has no threads).
func (g *ghRepo) listThreads(ctx context.Context, n int) (map[int64]reviewThread, error) {
	var q struct {
		Repository struct {
			PullRequest struct {
				ReviewThreads struct {
					Nodes []struct {
						ID         githubv4.ID
						IsResolved bool
						Comments   struct {
							Nodes []struct {
								DatabaseID int64 `graphql:"databaseId"`
							}
						} `graphql:"comments(first: 1)"`
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   githubv4.String
					}
				} `graphql:"reviewThreads(first: 100, after: $cursor)"`
			} `graphql:"pullRequest(number: $number)"`
		} `graphql:"repository(owner: $owner, name: $name)"`
	}
	vars := map[string]any{
		"owner":  githubv4.String(g.owner),
		"name":   githubv4.String(g.repo),
		"number": githubv4.Int(n),
		"cursor": (*githubv4.String)(nil),
	}
	out := map[int64]reviewThread{}
	for page := 1; page <= 50; page++ {
		if err := g.graphQL(ctx, fmt.Sprintf("list the review threads of PR #%d (page %d)", n, page), read, func() error { return g.gql.Query(ctx, &q, vars) }); err != nil {
			return nil, err
		}
		rt := q.Repository.PullRequest.ReviewThreads
		for _, t := range rt.Nodes {
			if len(t.Comments.Nodes) > 0 {
				out[t.Comments.Nodes[0].DatabaseID] = reviewThread{id: t.ID, resolved: t.IsResolved}
			}
		}
		if !rt.PageInfo.HasNextPage {
			break
		}
		vars["cursor"] = githubv4.NewString(rt.PageInfo.EndCursor)
	}
	return out, nil
}

// resolveThread resolves one review thread (GraphQL resolveReviewThread).
func (g *ghRepo) resolveThread(ctx context.Context, id githubv4.ID) error {
	var m struct {
		ResolveReviewThread struct {
			Thread struct {
				IsResolved bool
			}
		} `graphql:"resolveReviewThread(input: $input)"`
	}
	return g.graphQL(ctx, "resolve a review thread", mutation, func() error {
		return g.gql.Mutate(ctx, &m, githubv4.ResolveReviewThreadInput{ThreadID: id}, nil)
	})
}

// graphQL runs one GraphQL request once, paced like the REST mutations. A
// GraphQL answer carries its errors in a 200, so it is not retried: thread
// resolution is a courtesy, and its failure is a warning.
func (g *ghRepo) graphQL(ctx context.Context, what string, kind reqKind, fn func() error) error {
	if g.gql == nil {
		return fmt.Errorf("%s: no GraphQL client", what)
	}
	if err := g.pace(ctx, kind); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	err := fn()
	if kind == mutation {
		g.lastMut = g.clock.Now()
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// resolveFixed resolves the review threads of the bot's comments whose
// findings are gone, and replies once on each "fixed in <short sha>".
// Threads a person resolved, or that the bot already answered, are left
// alone. It is best-effort: a failure is a warning, never a lost finding
// (the summary lists what was fixed).
func (p *publisher) resolveFixed(ctx context.Context, fixed []earlierComment) {
	rv := p.rv
	var todo []earlierComment
	for _, c := range fixed {
		if !c.replied {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 || rv.cfg.DryRun {
		return
	}
	fixed = todo
	threads, err := p.svc.listThreads(ctx, rv.t.Number)
	if err != nil {
		rv.r.warning("could not list the review threads to resolve the %d fixed finding(s): %s", len(fixed), shortErr(err))
		return
	}
	short := rv.t.HeadSHA
	if len(short) > 7 {
		short = short[:7]
	}
	for _, c := range fixed {
		th, ok := threads[c.id]
		if !ok || th.resolved || c.replied {
			continue
		}
		if err := p.svc.resolveThread(ctx, th.id); err != nil {
			rv.r.warning("could not resolve the thread of a fixed finding (%s): %s", c.url, shortErr(err))
			continue
		}
		body := "Fixed in " + short + ".\n" + fixedMarker
		if err := p.svc.replyTo(ctx, rv.t.Number, c.id, body); err != nil {
			rv.r.warning("resolved the thread of a fixed finding but could not reply (%s): %s", c.url, shortErr(err))
			continue
		}
		rv.r.logf("resolved the thread of a fixed finding: %s", c.url)
	}
}
