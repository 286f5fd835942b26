package action

import (
	"context"
	"errors"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/sethvargo/go-githubactions"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test here pins a platform fact from ../shared/docs/github-platform.md
// that the action's code relies on; if a dependency upgrade changes the
// fact, the test says which assumption broke.

func factClient(t *testing.T, h http.HandlerFunc) *github.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := github.NewClient(srv.Client())
	u, err := url.Parse(srv.URL + "/")
	require.NoError(t, err)
	c.BaseURL = u
	return c
}

// go-github v60 returns a 429 as a plain *ErrorResponse (429 handling came
// in v83), so api.retryAfter reads Retry-After itself.
func TestFactGoGitHub429IsPlainErrorResponse(t *testing.T) {
	c := factClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(429)
		_, _ = w.Write([]byte(`{"message":"You have exceeded a secondary rate limit.","documentation_url":"` + secondaryDoc + `"}`))
	})
	_, _, err := c.PullRequests.ListFiles(context.Background(), "o", "r", 1, nil)
	var abuse *github.AbuseRateLimitError
	assert.False(t, errors.As(err, &abuse))
	var er *github.ErrorResponse
	require.True(t, errors.As(err, &er))
	assert.Equal(t, 429, er.Response.StatusCode)
	a := &api{clock: realClock{}}
	limited := 0
	wait, ambiguous, ferr := a.retryAfter(nil, err, 1, &limited)
	require.NoError(t, ferr)
	assert.False(t, ambiguous)
	assert.Equal(t, 7*time.Second, wait)
}

// Without Retry-After, go-github v60 gives a secondary-limit 403 the
// primary reset (up to an hour away) as RetryAfter; GitHub's rule is to
// wait at least a minute, then exponentially longer.
func TestFactGoGitHubSecondaryWithoutRetryAfterReportsReset(t *testing.T) {
	reset := time.Now().Add(time.Hour)
	c := factClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Remaining", "900")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		w.WriteHeader(403)
		_, _ = w.Write([]byte(`{"message":"You have exceeded a secondary rate limit.","documentation_url":"` + secondaryDoc + `"}`))
	})
	_, _, err := c.PullRequests.ListFiles(context.Background(), "o", "r", 1, nil)
	var abuse *github.AbuseRateLimitError
	require.True(t, errors.As(err, &abuse))
	require.NotNil(t, abuse.RetryAfter)
	assert.Greater(t, *abuse.RetryAfter, 50*time.Minute, "go-github's RetryAfter is the primary reset")
	a := &api{clock: realClock{}}
	limited := 0
	var waits []time.Duration
	for i := 1; i <= 3; i++ {
		wait, _, ferr := a.retryAfter(nil, err, i, &limited)
		require.NoError(t, ferr)
		waits = append(waits, wait)
	}
	assert.Equal(t, []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}, waits)
}

// A 403 whose documentation_url ends in secondary-rate-limits is an
// *AbuseRateLimitError with RetryAfter; go-github then refuses further
// requests until that time passes, without a request, which is why
// api.do replaces the client after waiting.
func TestFactGoGitHubSecondary403AndShortCircuit(t *testing.T) {
	var mu sync.Mutex
	n := 0
	c := factClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		mu.Unlock()
		w.Header().Set("Retry-After", "60")
		w.WriteHeader(403)
		_, _ = w.Write([]byte(`{"message":"You have exceeded a secondary rate limit.","documentation_url":"` + secondaryDoc + `"}`))
	})
	_, _, err := c.PullRequests.ListFiles(context.Background(), "o", "r", 1, nil)
	var abuse *github.AbuseRateLimitError
	require.True(t, errors.As(err, &abuse))
	require.NotNil(t, abuse.RetryAfter)
	assert.Equal(t, time.Minute, *abuse.RetryAfter)
	_, _, err = c.PullRequests.ListFiles(context.Background(), "o", "r", 1, nil)
	require.True(t, errors.As(err, &abuse))
	assert.Equal(t, 1, n, "the second call never reached the server")
	assert.False(t, isForbidden(err), "a rate limit is not a read-only token")
}

// A 403 with x-ratelimit-remaining 0 is a *RateLimitError carrying the
// reset time.
func TestFactGoGitHubPrimaryLimit(t *testing.T) {
	reset := time.Now().Add(time.Hour).Unix()
	c := factClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
		w.WriteHeader(403)
		_, _ = w.Write([]byte(`{"message":"API rate limit exceeded"}`))
	})
	_, _, err := c.PullRequests.ListFiles(context.Background(), "o", "r", 1, nil)
	var rle *github.RateLimitError
	require.True(t, errors.As(err, &rle))
	assert.Equal(t, reset, rle.Rate.Reset.Unix())
}

// CreateReview with Line/Side comments sends the comfort-fade preview
// media type (the trimmed OpenAPI spec lists it for Prism) and a JSON body
// with line, side, start_line and start_side.
func TestFactCreateReviewWireFormat(t *testing.T) {
	var accept, body string
	c := factClient(t, func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		b := new(strings.Builder)
		_, _ = ioCopy(b, r)
		body = b.String()
		_, _ = w.Write([]byte(`{"id":1}`))
	})
	_, _, err := c.PullRequests.CreateReview(context.Background(), "o", "r", 1, &github.PullRequestReviewRequest{
		CommitID: github.String("abc"), Event: github.String("COMMENT"), Body: github.String("b"),
		Comments: []*github.DraftReviewComment{{Path: github.String("p"), Body: github.String("c"), Line: github.Int(3), Side: github.String("RIGHT"), StartLine: github.Int(2), StartSide: github.String("RIGHT")}},
	})
	require.NoError(t, err)
	assert.Equal(t, "application/vnd.github.comfort-fade-preview+json", accept)
	assert.Contains(t, body, `"start_line":2`)
	assert.Contains(t, body, `"side":"RIGHT"`)
	assert.NotContains(t, body, `"position"`)
}

func ioCopy(b *strings.Builder, r *http.Request) (int64, error) {
	buf := make([]byte, 4096)
	var n int64
	for {
		k, err := r.Body.Read(buf)
		b.Write(buf[:k])
		n += int64(k)
		if err != nil {
			return n, nil
		}
	}
}

// Inputs arrive as INPUT_<NAME> with hyphens kept; our reader agrees with
// go-githubactions' GetInput.
func TestFactInputNamesKeepHyphens(t *testing.T) {
	env := map[string]string{"INPUT_GITHUB-TOKEN": " tok ", "INPUT_MAX-COMMENTS": "5"}
	getenv := func(k string) string { return env[k] }
	a := githubactions.New(githubactions.WithGetenv(getenv))
	for _, name := range []string{"github-token", "max-comments", "dry-run"} {
		assert.Equal(t, a.GetInput(name), getInput(getenv, name), name)
	}
	assert.Equal(t, "tok", getInput(getenv, "github-token"))
}

// go-githubactions' SetOutput panics without GITHUB_OUTPUT, which is why
// the runner writes the file commands itself.
func TestFactSetOutputPanicsWithoutFile(t *testing.T) {
	a := githubactions.New(githubactions.WithGetenv(func(string) string { return "" }))
	assert.Panics(t, func() { a.SetOutput("k", "v") })
	r := newRunner(func(string) string { return "" }, new(strings.Builder))
	assert.NotPanics(t, func() {
		require.NoError(t, r.setOutputs([][2]string{{"k", "v"}}))
		require.NoError(t, r.addStepSummary("# x"))
	})
}

// The job summary is cut to 1 MiB per step, counting what is already in
// the file.
func TestStepSummaryWithinOneMiB(t *testing.T) {
	p := filepath.Join(t.TempDir(), "summary")
	require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("a", 1000)), 0o644))
	r := newRunner(func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return p
		}
		return ""
	}, new(strings.Builder))
	require.NoError(t, r.addStepSummary(strings.Repeat("line of the summary\n", 100000)))
	st, err := os.Stat(p)
	require.NoError(t, err)
	assert.LessOrEqual(t, st.Size(), int64(maxStepSummary))
	assert.Greater(t, st.Size(), int64(maxStepSummary-100))
	b, _ := os.ReadFile(p)
	assert.Contains(t, string(b), "limited to 1 MiB")
}

// Outputs cannot be forged by a value holding a newline and a fake
// delimiter: each value gets a random delimiter.
func TestOutputsUseRandomDelimiters(t *testing.T) {
	p := filepath.Join(t.TempDir(), "out")
	r := newRunner(func(k string) string {
		if k == "GITHUB_OUTPUT" {
			return p
		}
		return ""
	}, new(strings.Builder))
	require.NoError(t, r.setOutputs([][2]string{{"review-url", "x\n_GitHubActionsFileCommandDelimeter_\nerrors<<E\n0\nE"}, {"errors", "2"}}))
	out := parseOutputs(t, p)
	assert.Equal(t, "2", out["errors"])
	assert.Len(t, out, 2)
}

// Log lines cannot start a workflow command, whatever PR text they hold.
func TestLogLinesCannotInjectCommands(t *testing.T) {
	var b strings.Builder
	r := newRunner(func(string) string { return "" }, &b)
	r.logf("%s", "x\n::add-mask::y\r\n::set-output name=a::b")
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		assert.True(t, strings.HasPrefix(l, "reviewbot: "), l)
	}
}

// No code path of the action executes PR content: the package imports no
// process-spawning or dynamic-loading package, and never calls
// os.StartProcess. The action reads the PR through the API only.
func TestNoCodePathExecutesPRContent(t *testing.T) {
	forbidden := map[string]bool{"os/exec": true, "plugin": true, "syscall": true, "unsafe": true, "golang.org/x/sys/execabs": true}
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			assert.False(t, forbidden[p], "%s imports %s", name, p)
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.NotContains(t, string(src), "StartProcess", name)
		// diff.FromGit runs git on a checkout: the action has none.
		assert.NotContains(t, string(src), "FromGit", name)
	}
	assert.Greater(t, checked, 3, "the package's files were found")
}
