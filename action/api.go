package action

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Clock is the time source and sleeper of the API client. The action uses
// the real clock; tests inject one whose Sleep advances virtual time, so
// waiting for rate limits and spacing mutations costs them nothing.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx is done, whichever comes first.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Retry policy. GitHub's best practices: serial requests, at least one
// second between mutations, honour Retry-After, else wait for the reset,
// else at least a minute.
const (
	mutationGap = time.Second
	// maxPrimaryWait is how long a run waits for a primary rate limit
	// reset; a later reset is a clear error instead.
	maxPrimaryWait = 5 * time.Minute
	// defaultSecondaryWait applies when a secondary limit names no time.
	defaultSecondaryWait = time.Minute
	// maxAttempts bounds the tries of one request (first try included).
	maxAttempts = 6
	// firstBackoff doubles on each 5xx or connection error.
	firstBackoff = time.Second
)

// errTooLarge is returned when a fetched file exceeds its byte budget.
var errTooLarge = errors.New("larger than the byte budget")

// api wraps go-github with reviewbot's retry, rate-limit and pacing policy.
// Every GitHub request goes through do.
type api struct {
	newClient func() *github.Client
	gh        *github.Client
	clock     Clock
	logf      func(format string, a ...any)
	lastMut   time.Time
}

func newAPI(newClient func() *github.Client, clock Clock, logf func(string, ...any)) *api {
	return &api{newClient: newClient, gh: newClient(), clock: clock, logf: logf}
}

// newGitHubClient builds a go-github client for apiURL (GITHUB_API_URL: the
// API root, https://api.github.com or https://HOST/api/v3 on GitHub
// Enterprise Server), authenticated with token.
func newGitHubClient(hc *http.Client, apiURL, token string) (func() *github.Client, error) {
	if apiURL == "" {
		apiURL = "https://api.github.com"
	}
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL: leave it to the runner (https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server)", apiURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return func() *github.Client {
		c := github.NewClient(hc).WithAuthToken(token)
		c.BaseURL = u
		c.UserAgent = "reviewbot"
		return c
	}, nil
}

// request options for do.
type reqKind int

const (
	read reqKind = iota
	// mutation: spaced at least mutationGap from the previous mutation.
	mutation
)

// do runs one GitHub request with retries. what names the request for
// errors ("list files of PR #3"). For a POST that creates something,
// already checks, before any retry, whether an earlier try that failed
// with an ambiguous error (5xx, broken connection) did in fact succeed; it
// returns true when it did, and do then stops.
func (a *api) do(ctx context.Context, what string, kind reqKind, already func() (bool, error), fn func(*github.Client) (*github.Response, error)) (*github.Response, error) {
	// limited counts the secondary rate limits this request met that named
	// no wait: each waits twice as long as the one before.
	limited := 0
	for attempt := 1; ; attempt++ {
		if err := a.pace(ctx, kind); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		resp, err := fn(a.gh)
		if kind == mutation {
			a.lastMut = a.clock.Now()
		}
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return resp, fmt.Errorf("%s: %w", what, ctx.Err())
		}
		wait, ambiguous, ferr := a.retryAfter(resp, err, attempt, &limited)
		if ferr != nil {
			return resp, fmt.Errorf("%s: %w", what, ferr)
		}
		if deadline, ok := ctx.Deadline(); ok && a.clock.Now().Add(wait).After(deadline) {
			return resp, fmt.Errorf("%s: %w (a retry in %s would pass the timeout input)", what, err, wait.Round(time.Second))
		}
		a.logf("GitHub: %s failed (%s); retry %d of %d in %s", what, shortErr(err), attempt, maxAttempts-1, wait.Round(time.Millisecond))
		if err := a.clock.Sleep(ctx, wait); err != nil {
			return resp, fmt.Errorf("%s: %w", what, err)
		}
		// go-github remembers a rate limit and refuses later requests
		// until its own (real-time) reset; we have waited ourselves.
		a.gh = a.newClient()
		if ambiguous && already != nil {
			done, cerr := already()
			if cerr != nil {
				return resp, fmt.Errorf("%s: check whether the failed try succeeded: %w", what, cerr)
			}
			if done {
				a.logf("GitHub: %s had succeeded despite the error; not repeating it", what)
				return resp, nil
			}
		}
	}
}

// pace waits until a mutation is at least mutationGap after the previous
// one.
func (a *api) pace(ctx context.Context, kind reqKind) error {
	if kind == mutation && !a.lastMut.IsZero() {
		if gap := a.lastMut.Add(mutationGap).Sub(a.clock.Now()); gap > 0 {
			return a.clock.Sleep(ctx, gap)
		}
	}
	return nil
}

// retryAfter decides whether err is worth another try and after how long.
// ambiguous is set when the failed request may have taken effect (a 5xx or
// a broken connection). A non-nil error means give up with that error.
// limited counts the secondary rate limits met so far without a named
// wait; retryAfter increments it.
func (a *api) retryAfter(resp *github.Response, err error, attempt int, limited *int) (wait time.Duration, ambiguous bool, _ error) {
	now := a.clock.Now()
	var rle *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	var er *github.ErrorResponse
	switch {
	case errors.Is(err, errTooLarge), errors.Is(err, context.Canceled):
		return 0, false, err
	case attempt >= maxAttempts:
		return 0, false, fmt.Errorf("%w (gave up after %d tries)", err, attempt)
	case errors.As(err, &rle):
		wait = rle.Rate.Reset.Time.Sub(now) + time.Second
		if wait > maxPrimaryWait {
			return 0, false, fmt.Errorf("GitHub API rate limit of %d requests per hour is used up until %s: re-run the job after that, or use a token with its own limit", rle.Rate.Limit, rle.Rate.Reset.UTC().Format(time.RFC3339))
		}
		return max(wait, time.Second), false, nil
	case errors.As(err, &abuse):
		// go-github v60 reports x-ratelimit-reset (the primary reset, up
		// to an hour away) as RetryAfter when Retry-After is missing: read
		// the headers ourselves.
		var h http.Header
		if abuse.Response != nil {
			h = abuse.Response.Header
		}
		return max(limitWait(h, now, limited), time.Second), false, nil
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusTooManyRequests:
		// go-github v60 returns a 429 as a plain ErrorResponse: read the
		// headers ourselves.
		return max(limitWait(er.Response.Header, now, limited), time.Second), false, nil
	case errors.As(err, &er) && er.Response != nil && er.Response.StatusCode >= 500:
		return firstBackoff << (attempt - 1), true, nil
	case errors.As(err, &er):
		return 0, false, err
	case resp != nil && resp.Response != nil && resp.StatusCode < 500:
		// A decoded answer that go-github could not read: not transient.
		return 0, false, err
	default:
		// Connection errors: refused, reset, EOF, and a request that
		// passed the HTTP client's own timeout while the run's deadline
		// had not (do checks that first): the request may have taken
		// effect, so a write is checked before it is repeated.
		return firstBackoff << (attempt - 1), true, nil
	}
}

// limitWait reads how long to wait from a rate-limited answer's headers,
// as GitHub documents it: Retry-After (seconds or an HTTP date), else
// x-ratelimit-reset when no requests remain, else at least a minute,
// doubling with each such limit the request met (*limited counts them).
func limitWait(h http.Header, now time.Time, limited *int) time.Duration {
	if v := h.Get("Retry-After"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return time.Duration(min(n, 6*3600)) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			return t.Sub(now)
		}
	}
	if h.Get("X-RateLimit-Remaining") == "0" {
		if n, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			return time.Unix(n, 0).Sub(now) + time.Second
		}
	}
	*limited++
	return defaultSecondaryWait << min(*limited-1, 8)
}

// shortErr is an error's message on one line, for logs.
func shortErr(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// statusOf returns the HTTP status of a go-github error, or 0.
func statusOf(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	return 0
}

// isForbidden reports a 403 that is not a rate limit: GitHub's answer to a
// write with a read-only token ("Resource not accessible by integration").
func isForbidden(err error) bool {
	var rle *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	if errors.As(err, &rle) || errors.As(err, &abuse) {
		return false
	}
	return statusOf(err) == http.StatusForbidden
}
