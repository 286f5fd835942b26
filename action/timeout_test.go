package action

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A request slower than the HTTP client's own Timeout fails with an error
// that is a net.Error timeout AND matches context.DeadlineExceeded, while
// the run's context is still alive: the action must not take it for its
// own deadline. (This test waits 50 ms of real time: the client's timer.)
func TestFactClientTimeoutLooksLikeDeadlineExceeded(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	hc := &http.Client{Timeout: 50 * time.Millisecond}
	c := github.NewClient(hc)
	u, _ := url.Parse(srv.URL + "/")
	c.BaseURL = u
	ctx := context.Background()
	_, _, err := c.PullRequests.Get(ctx, "o", "r", 1)
	require.Error(t, err)
	assert.NoError(t, ctx.Err())
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	var ne net.Error
	require.True(t, errors.As(err, &ne))
	assert.True(t, ne.Timeout())
	// The stand-in below has the same shape.
	assert.True(t, errors.Is(clientTimeoutErr(), context.DeadlineExceeded))
	require.True(t, errors.As(clientTimeoutErr(), &ne))
	assert.True(t, ne.Timeout())
}

// timeoutError is what net/http's Client returns past its Timeout: a
// net.Error whose Timeout is true and which matches DeadlineExceeded.
type timeoutError struct{}

func (timeoutError) Error() string {
	return "net/http: request canceled (Client.Timeout exceeded while awaiting headers)"
}
func (timeoutError) Timeout() bool        { return true }
func (timeoutError) Temporary() bool      { return true }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

func clientTimeoutErr() error { return timeoutError{} }

// slowTransport lets the fake serve a matching request (so a write takes
// effect) and then answers with the client's timeout error, once per
// armed match: the reply came too late.
type slowTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	arms []*regexp.Regexp
}

func (s *slowTransport) arm(re string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.arms = append(s.arms, regexp.MustCompile(re))
}

func (s *slowTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	hit := -1
	for i, re := range s.arms {
		if re.MatchString(req.Method + " " + req.URL.Path) {
			hit = i
			break
		}
	}
	if hit >= 0 {
		s.arms = append(s.arms[:hit], s.arms[hit+1:]...)
	}
	s.mu.Unlock()
	resp, err := s.base.RoundTrip(req)
	if hit < 0 || err != nil {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return nil, clientTimeoutErr()
}

func slowServer(t *testing.T) (*fakeGitHub, *slowTransport) {
	f := newSampleServer(t, appToken)
	st := &slowTransport{base: f.srv.Client().Transport}
	f.httpClient = &http.Client{Transport: st}
	return f, st
}

// Issue 8 item 8: a read slower than the client timeout is retried; a
// review POST whose reply came too late is found, not posted twice, and
// its URL is the review-url output.
func TestRequestTimeoutsAreRetriedAndWritesChecked(t *testing.T) {
	t.Run("read", func(t *testing.T) {
		f, st := slowServer(t)
		st.arm(`^GET .*/files$`)
		r := runAction(t, f, nil)
		require.NoError(t, r.err)
		assert.Len(t, f.published(), 1)
		assert.Equal(t, 2, f.callsMatching(`^GET .*/files\?`))
	})
	t.Run("review POST", func(t *testing.T) {
		f, st := slowServer(t)
		st.arm(`^POST .*/reviews$`)
		r := runAction(t, f, nil)
		require.NoError(t, r.err)
		require.Len(t, f.published(), 1, "not posted twice")
		assert.Equal(t, 1, f.callsMatching(`^POST `))
		assert.Contains(t, r.stdout, "had succeeded despite the error")
		assert.Contains(t, r.outputs["review-url"], "#pullrequestreview-")
	})
	t.Run("pending test review POST", func(t *testing.T) {
		f, st := slowServer(t)
		f.addRefusedFile()
		// The review gets its 422; while its second POST (the first test
		// review) is served, the transport is armed for the next one (the
		// second test review), whose reply is then too late.
		f.before = func(call string) {
			if call == "POST /repos/Codertocat/Hello-World/pulls/2/reviews" && f.callsMatchingLocked(`^POST `) == 2 {
				st.arm(`^POST .*/reviews$`)
			}
		}
		r := runAction(t, f, nil)
		require.NoError(t, r.err)
		require.Len(t, f.published(), 1)
		assert.Len(t, f.publishedComments(), 2)
		assert.Empty(t, f.pendingReviews())
		assert.Contains(t, f.published()[0].Body, "GitHub refused 1 inline comment(s)")
	})
}
