package action

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-github/v60/github"
)

// maxEventBytes bounds the event file the runner writes; real payloads are
// tens of kilobytes.
const maxEventBytes = 25 << 20

// target is the pull request a run reviews.
type target struct {
	Owner, Repo string
	Number      int
	HeadSHA     string
	BaseSHA     string
	Labels      []string
	// ChangedFiles is the PR's changed_files count when known (0 otherwise);
	// it tells when GitHub's 3,000-file listing cap cut the list short.
	ChangedFiles int
	// Action is the event's action ("opened", "synchronize"), if any.
	Action string
	// FromEvent is false when the PR came from the pr-number input.
	FromEvent bool
}

// prEvents are the events whose payload names the pull request.
var prEvents = map[string]bool{"pull_request": true, "pull_request_target": true}

// skipAction reports the pull_request actions reviewbot ignores: closed.
// Every other action (opened, synchronize, reopened, labeled…) is
// reviewed, since a label can change the flow.
func skipAction(a string) bool { return a == "closed" }

// readEvent reads the repository and, on a pull_request or
// pull_request_target event, the PR from the event file. On any other
// event the target has only the repository (FromEvent false): the caller
// then needs the pr-number input.
func readEvent(getenv func(string) string) (*target, error) {
	name := getenv("GITHUB_EVENT_NAME")
	repoFull := getenv("GITHUB_REPOSITORY")
	owner, repo, ok := strings.Cut(repoFull, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return nil, fmt.Errorf("GITHUB_REPOSITORY %q is not owner/repo: run reviewbot as a GitHub Action step, or set it", repoFull)
	}
	t := &target{Owner: owner, Repo: repo}
	if !prEvents[name] {
		return t, nil
	}
	path := getenv("GITHUB_EVENT_PATH")
	if path == "" {
		return nil, fmt.Errorf("GITHUB_EVENT_PATH is empty on a %s event: the runner sets it; set it to the event JSON file when running locally", name)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read event file: %w", err)
	}
	defer f.Close()
	var ev github.PullRequestEvent
	dec := json.NewDecoder(&limitedReader{r: f, n: maxEventBytes})
	if err := dec.Decode(&ev); err != nil {
		return nil, fmt.Errorf("parse %s event file %s: %w", name, path, err)
	}
	pr := ev.GetPullRequest()
	if pr == nil || pr.GetNumber() == 0 && ev.GetNumber() == 0 {
		return nil, fmt.Errorf("the %s event file %s has no pull_request: is GITHUB_EVENT_NAME right?", name, path)
	}
	t.Number = pr.GetNumber()
	if t.Number == 0 {
		t.Number = ev.GetNumber()
	}
	t.HeadSHA = pr.GetHead().GetSHA()
	t.BaseSHA = pr.GetBase().GetSHA()
	if !isSHA(t.HeadSHA) || !isSHA(t.BaseSHA) {
		return nil, fmt.Errorf("the %s event file %s lacks pull_request.head.sha or base.sha", name, path)
	}
	for _, l := range pr.Labels {
		t.Labels = append(t.Labels, l.GetName())
	}
	t.ChangedFiles = pr.GetChangedFiles()
	t.Action = ev.GetAction()
	t.FromEvent = true
	// The event's base repository is the one the PR lives in; it equals
	// GITHUB_REPOSITORY on pull_request and pull_request_target.
	if full := pr.GetBase().GetRepo().GetFullName(); full != "" && !strings.EqualFold(full, repoFull) {
		return nil, fmt.Errorf("the event's base repository %s differs from GITHUB_REPOSITORY %s", full, repoFull)
	}
	return t, nil
}

// limitedReader fails instead of truncating silently past n bytes.
type limitedReader struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("larger than %d bytes", maxEventBytes)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
