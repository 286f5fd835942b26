package action

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// violationRecorder fails the test on any answer Prism marks with
// sl-violations: a request that does not match GitHub's OpenAPI
// description.
type violationRecorder struct {
	mu   sync.Mutex
	seen []string
	reqs []string
}

func (v *violationRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.reqs = append(v.reqs, r.Method+" "+r.URL.Path)
	if err == nil {
		if s := resp.Header.Get("sl-violations"); s != "" {
			v.seen = append(v.seen, fmt.Sprintf("%s %s -> %d: %s", r.Method, r.URL.Path, resp.StatusCode, s))
		}
		if resp.StatusCode >= 400 {
			v.seen = append(v.seen, fmt.Sprintf("%s %s -> %d", r.Method, r.URL.Path, resp.StatusCode))
		}
	}
	return resp, err
}

// startPrism runs `prism mock --errors` on the trimmed GitHub description,
// or skips the test when Prism is not installed.
func startPrism(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("REVIEWBOT_PRISM")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("prism"); err != nil {
			t.Skip("Prism not found (set REVIEWBOT_PRISM or put prism on PATH; .ci/action-checks.sh installs @stoplight/prism-cli@5.14.2): contract test skipped")
		}
	}
	spec, err := filepath.Abs(filepath.Join("..", "testdata", "github", "openapi", "api.github.com.trimmed.json"))
	require.NoError(t, err)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "mock", "-h", "127.0.0.1", "-p", fmt.Sprint(port), "--errors", spec)
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for i := 0; i < 300; i++ {
		if c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond); err == nil {
			c.Close()
			return "http://" + addr
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("Prism did not start within 30 s:\n%s", logs.String())
	return ""
}

// TestContractPrism sends every request the action makes, in the shapes
// it makes them, to Prism serving GitHub's own OpenAPI description with
// --errors: each must validate.
func TestContractPrism(t *testing.T) {
	base := startPrism(t)
	rec := &violationRecorder{}
	hc := &http.Client{Transport: rec, Timeout: 30 * time.Second}
	ctx := context.Background()

	mk, err := newGitHubClient(hc, base, patToken)
	require.NoError(t, err)
	var log strings.Builder
	g := &ghRepo{api: newAPI(mk, newFakeClock(), func(f string, a ...any) { fmt.Fprintf(&log, f+"\n", a...) }), owner: "octo", repo: "hello"}
	head, baseSHA := strings.Repeat("a", 40), strings.Repeat("b", 40)

	_, err = g.tokenLogin(ctx, patToken)
	require.NoError(t, err)
	_, err = g.getPR(ctx, 2)
	require.NoError(t, err)
	files, err := g.listFiles(ctx, 2)
	require.NoError(t, err)
	require.NotEmpty(t, files)
	_, err = g.listComments(ctx, 2)
	require.NoError(t, err)
	_, err = g.listReviews(ctx, 2)
	require.NoError(t, err)
	_, found, err := g.getContent(ctx, "README.md", head, maxFileBytes)
	require.NoError(t, err)
	assert.True(t, found)
	_, _, err = g.getTree(ctx, baseSHA)
	require.NoError(t, err)

	rv := &reviewer{cfg: &Config{ReviewEvent: "REQUEST_CHANGES", MaxComments: 30}, t: &target{Owner: "octo", Repo: "hello", Number: 2, HeadSHA: head, BaseSHA: baseSHA}, g: g, r: newRunner(func(string) string { return "" }, &log)}
	res := &review.Result{Findings: []rules.Finding{{Rule: "secret-logging", Severity: rules.Error, Path: "src/MtlsPop/Sample.cs", Line: 18, Message: "m"}}}
	p := &publisher{rv: rv, svc: rv.g, res: res, nonce: "0123456789abcdef"}
	drafts := []draft{
		{idx: 0, c: &github.DraftReviewComment{Path: github.String("src/MtlsPop/Sample.cs"), Body: github.String(commentBody(res.Findings[0], "0123456789abcdef")), Line: github.Int(18), Side: github.String("RIGHT")}},
		{idx: 0, c: &github.DraftReviewComment{Path: github.String("src/MtlsPop/Sample.cs"), Body: github.String("range"), Line: github.Int(14), Side: github.String("RIGHT"), StartLine: github.Int(10), StartSide: github.String("RIGHT")}},
	}
	_, err = p.post(ctx, drafts, p.body(map[int]string{0: inlineText}, state{}), p.event())
	require.NoError(t, err)
	ok, err := p.tryPending(ctx, drafts[:1])
	require.NoError(t, err)
	assert.True(t, ok)
	rv.cfg.ReviewEvent = "REQUEST_CHANGES"
	p.res = &review.Result{}
	p.dismissFixed(ctx, []int64{80})
	assert.Contains(t, log.String(), "dismissed the earlier review 80")
	_, err = p.update(ctx, 80, "Superseded by [the latest reviewbot review](https://github.com/o/r/pull/2#pullrequestreview-1).\n"+summaryMarker)
	require.NoError(t, err)

	rec.mu.Lock()
	assert.Empty(t, rec.seen, "requests GitHub's OpenAPI description rejects")
	n := len(rec.reqs)
	rec.mu.Unlock()

	// The check can fail: a request the description forbids is caught.
	_, _, err = g.gh.PullRequests.CreateReview(ctx, "octo", "hello", 2, &github.PullRequestReviewRequest{Event: github.String("LGTM"), Body: github.String("b")})
	require.Error(t, err)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.NotEmpty(t, rec.seen)
	assert.Contains(t, rec.seen[0], "Request body property event must be equal to one of the allowed values")
	rec.reqs = rec.reqs[:n]
	assert.GreaterOrEqual(t, len(rec.reqs), 10, "every kind of request was sent: %v", rec.reqs)
}
