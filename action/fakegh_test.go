package action

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeGitHub is an httptest GitHub that enforces the rules of the real
// one the action depends on (see ../shared/docs/github-platform.md):
//   - a Bearer token is required (401 otherwise);
//   - a read-only token gets 403 "Resource not accessible by integration"
//     on every write;
//   - review comments must sit on RIGHT lines inside a hunk of the file's
//     diff, a range within one hunk, the path must be in the PR; else 422
//     with GitHub's own messages; one bad comment rejects the whole review;
//   - bodies are at most 65,536 characters;
//   - lists page with per_page ≤ 100 and Link headers; files stop at 3,000;
//   - one pending review per user per PR, which blocks every later review
//     of that user, pending or not; a pending review is listed to its
//     author only; only pending reviews can be deleted; only
//     CHANGES_REQUESTED reviews can be dismissed;
//   - a review on a commit that is no longer the head (a force-push) has
//     its comments refused as positions;
//   - comments follow their lines across pushes (an LCS line diff of the
//     file at both commits) or become outdated, as GitHub's do;
//   - 422 bodies carry GitHub's message, errors[] strings,
//     documentation_url and status;
//   - rate limits: a queued fault answers like GitHub (secondary 403 and
//     429 with Retry-After, primary 403 with x-ratelimit-remaining 0), and
//     a retry before the wait has passed is recorded as a violation;
//   - the contents API sends a file's raw bytes only when asked for the
//     raw media type, and a directory's JSON listing whatever is asked
//     for; a tree may come back truncated.
//
// The fake's diff model is its own small hunk parser, independent of
// package diff, so the action's anchoring is checked against a second
// reading of the patch.
type fakeGitHub struct {
	t      testing.TB
	srv    *httptest.Server
	prefix string // "" for api.github.com, "/api/v3" for GHES
	clock  *fakeClock
	// httpClient, when set, is the client the action uses instead of the
	// server's own (a test wraps its transport).
	httpClient *http.Client
	// realTime makes the fake judge rate limits and mutation gaps by the
	// wall clock, for a client that sleeps for real (the built binary).
	realTime bool

	mu       sync.Mutex
	token    string
	readOnly bool
	// patToken answers GET /user with userLogin; installation tokens
	// (ghs_) get 403 there, like GitHub.
	userLogin string
	// appLogin, when set, is the author of what an installation token
	// posts: a GitHub App's <slug>[bot] instead of github-actions[bot].
	appLogin string

	owner, repo      string
	number           int
	headSHA, baseSHA string
	state            string
	changedFiles     int
	files            []fakeFile
	contents         map[string]map[string][]byte // ref → path → content
	trees            map[string][]string          // sha → blob paths
	// truncatedTrees are the trees GitHub lists only in part.
	truncatedTrees map[string]bool

	reviews  []*fakeReview
	comments []*fakeComment
	nextID   int64

	faults     []fault
	blockUntil time.Time
	// before, when set, runs (with the lock held) before a request is
	// served: a test moves the head or plants a review there.
	before func(call string)
	// after, when set, runs after a request was served, without the lock:
	// a test cancels the run there.
	after func(call string)
	// calls records every request "METHOD /path?query" (prefix removed).
	calls     []string
	mutations []time.Time
	// resolved are the comments whose threads GraphQL resolved, in order.
	resolved   []int64
	violations []string
}

type fakeFile struct {
	Name, Prev, Status string
	Patch              string
	// HiddenPatch is the diff GitHub knows but does not send (a file
	// listed without `patch`); comments are checked against it.
	HiddenPatch string
	Changes     int
}

type fakeReview struct {
	ID       int64
	Login    string
	Type     string
	Body     string
	State    string
	CommitID string
}

type fakeComment struct {
	ID       int64
	ReviewID int64
	// CommitID is the head the comment was made on; Line and StartLine
	// are lines of that commit. Listed at a later head, the comment
	// follows its line as GitHub's does, or is outdated (no line) when
	// the line changed.
	CommitID  string
	Login     string
	Type      string
	Path      string
	Line      int
	StartLine int
	Side      string
	Body      string
	// InReplyTo is the comment this one answers (0: it starts a thread).
	InReplyTo int64
	// File is set for a comment on the whole file (subject_type "file"):
	// it has no line.
	File bool
	// Resolved is the state of the thread this comment starts.
	Resolved bool
}

// fault is one failure the fake answers with instead of serving a request.
type fault struct {
	method, pathRe string
	kind           string // secondary403, 429, secondary403-bare, 429-bare, primary, 500, 502after, reset, 422
	wait           time.Duration
}

const (
	botLogin        = "github-actions[bot]"
	fakeOwner       = "Codertocat"
	fakeRepo        = "Hello-World"
	secondaryDoc    = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
	createReviewDoc = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
)

func newFakeGitHub(t testing.TB, token string) *fakeGitHub {
	t.Helper()
	f := &fakeGitHub{
		t: t, token: token, clock: newFakeClock(),
		owner: fakeOwner, repo: fakeRepo, number: 2, state: "open",
		headSHA:  "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
		baseSHA:  "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
		contents: map[string]map[string][]byte{},
		trees:    map[string][]string{},
		nextID:   1000,
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// apiURL is what GITHUB_API_URL holds for this server.
func (f *fakeGitHub) apiURL() string { return f.srv.URL + f.prefix }

func (f *fakeGitHub) setContent(ref, path string, data string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.contents[ref] == nil {
		f.contents[ref] = map[string][]byte{}
	}
	f.contents[ref][path] = []byte(data)
}

func (f *fakeGitHub) addFault(method, pathRe, kind string, wait time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, fault{method: method, pathRe: pathRe, kind: kind, wait: wait})
}

// push moves the PR's head: new SHA and new files.
func (f *fakeGitHub) push(head string, files []fakeFile) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.headSHA = head
	f.files = files
}

func (f *fakeGitHub) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func (f *fakeGitHub) callsMatching(re string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.callsMatchingLocked(re)
}

func (f *fakeGitHub) callsMatchingLocked(re string) int {
	rx := regexp.MustCompile(re)
	n := 0
	for _, c := range f.calls {
		if rx.MatchString(c) {
			n++
		}
	}
	return n
}

func (f *fakeGitHub) published() []*fakeReview {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeReview
	for _, r := range f.reviews {
		if r.State != "PENDING" {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeGitHub) publishedComments() []*fakeComment {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.publishedCommentsLocked()
}

// ghErr is GitHub's error body: {"message", "errors", "documentation_url",
// "status"}.
type ghErr struct {
	Message string   `json:"message"`
	Errors  []string `json:"errors,omitempty"`
	DocURL  string   `json:"documentation_url,omitempty"`
	Status  string   `json:"status,omitempty"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := r.URL.Path
	if p == f.graphqlPath() {
		// GraphQL lives beside the REST root: /graphql, or /api/graphql
		// on GitHub Enterprise Server.
		p = f.prefix + "/graphql"
	}
	if !strings.HasPrefix(p, f.prefix+"/") {
		writeJSON(w, 404, ghErr{Message: "Not Found (no " + f.prefix + " prefix)"})
		return
	}
	p = strings.TrimPrefix(p, f.prefix)
	call := r.Method + " " + p
	if r.URL.RawQuery != "" {
		call += "?" + r.URL.RawQuery
	}
	f.calls = append(f.calls, call)
	now := f.clock.Now()
	if f.realTime {
		now = time.Now()
	}
	mut := r.Method != http.MethodGet
	if p == "/graphql" {
		// A GraphQL query is a read; only a mutation is one.
		raw, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(strings.NewReader(string(raw)))
		var q struct {
			Query string `json:"query"`
		}
		_ = json.Unmarshal(raw, &q)
		mut = strings.HasPrefix(strings.TrimSpace(q.Query), "mutation")
	}

	if auth := r.Header.Get("Authorization"); auth != "Bearer "+f.token {
		writeJSON(w, 401, ghErr{Message: "Bad credentials"})
		return
	}
	if now.Before(f.blockUntil) {
		f.violations = append(f.violations, fmt.Sprintf("%s sent %s before the rate limit wait ended", call, f.blockUntil.Sub(now)))
	}
	for i, ft := range f.faults {
		if ft.method != r.Method || !regexp.MustCompile(ft.pathRe).MatchString(p) {
			continue
		}
		f.faults = append(f.faults[:i], f.faults[i+1:]...)
		if f.fail(w, r, ft, now) {
			return
		}
		break
	}
	if mut {
		if n := len(f.mutations); n > 0 && now.Sub(f.mutations[n-1]) < time.Second {
			f.violations = append(f.violations, fmt.Sprintf("%s only %s after the previous mutation", call, now.Sub(f.mutations[n-1])))
		}
		f.mutations = append(f.mutations, now)
	}
	w.Header().Set("X-RateLimit-Limit", "1000")
	w.Header().Set("X-RateLimit-Remaining", "900")
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(now.Add(time.Hour).Unix(), 10))
	if f.before != nil {
		f.before(call)
	}
	f.route(w, r, p)
	if after := f.after; after != nil {
		f.mu.Unlock()
		after(call)
		f.mu.Lock()
	}
}

// fail answers with a fault. It returns false for a fault that lets the
// request through (502after serves it, then breaks the answer).
func (f *fakeGitHub) fail(w http.ResponseWriter, r *http.Request, ft fault, now time.Time) bool {
	secs := strconv.Itoa(int(ft.wait / time.Second))
	switch ft.kind {
	case "secondary403":
		f.blockUntil = now.Add(ft.wait)
		w.Header().Set("Retry-After", secs)
		writeJSON(w, 403, ghErr{Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", DocURL: secondaryDoc})
	case "429":
		f.blockUntil = now.Add(ft.wait)
		w.Header().Set("Retry-After", secs)
		writeJSON(w, 429, ghErr{Message: "You have exceeded a secondary rate limit.", DocURL: secondaryDoc})
	case "secondary403-bare", "429-bare":
		// A secondary limit that names no wait: remaining requests and a
		// primary reset an hour away (real time, as go-github reads it),
		// no Retry-After. GitHub's rule: wait at least a minute.
		f.blockUntil = now.Add(time.Minute)
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", "900")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		code := 403
		if ft.kind == "429-bare" {
			code = 429
		}
		writeJSON(w, code, ghErr{Message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", DocURL: secondaryDoc})
	case "primary":
		// go-github compares the reset with the real clock: give it a
		// real-time reset, and the fake clock the same instant.
		reset := time.Now().Add(ft.wait).Truncate(time.Second).Add(time.Second)
		f.blockUntil = reset
		w.Header().Set("X-RateLimit-Limit", "1000")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
		writeJSON(w, 403, ghErr{Message: "API rate limit exceeded for installation ID 1.", DocURL: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits"})
	case "500":
		writeJSON(w, 500, ghErr{Message: "Server Error"})
	case "422":
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Path could not be resolved"}})
	case "reset":
		hj, ok := w.(http.Hijacker)
		if !ok {
			f.t.Error("fake: cannot hijack")
			return true
		}
		c, _, err := hj.Hijack()
		if err == nil {
			c.Close()
		}
	case "502after":
		// Serve the request, then answer 502: the write happened.
		rec := httptest.NewRecorder()
		f.route(rec, r, strings.TrimPrefix(r.URL.Path, f.prefix))
		if rec.Code >= 300 {
			f.t.Errorf("fake: 502after request failed: %d %s", rec.Code, rec.Body)
		}
		writeJSON(w, 502, ghErr{Message: "Server Error"})
	default:
		f.t.Errorf("fake: unknown fault %q", ft.kind)
	}
	return true
}

var (
	rePR       = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)$`)
	rePRSub    = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/(files|comments|reviews)$`)
	reReview   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/reviews/(\d+)$`)
	reContents = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/contents/(.+)$`)
	reDismiss  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/reviews/(\d+)/dismissals$`)
	reTree     = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/git/trees/([0-9a-f]+)$`)
)

func (f *fakeGitHub) route(w http.ResponseWriter, r *http.Request, p string) {
	switch {
	case p == "/user" && r.Method == "GET":
		if strings.HasPrefix(f.token, "ghs_") || f.userLogin == "" {
			writeJSON(w, 403, ghErr{Message: "Resource not accessible by integration"})
			return
		}
		writeJSON(w, 200, map[string]any{"login": f.userLogin, "type": "User"})
	case p == "/graphql" && r.Method == "POST":
		f.graphql(w, r)
	case rePR.MatchString(p) && r.Method == "GET":
		if !f.ownRepo(w, rePR.FindStringSubmatch(p)) {
			return
		}
		writeJSON(w, 200, f.prJSON())
	case rePRSub.MatchString(p):
		m := rePRSub.FindStringSubmatch(p)
		if !f.ownRepo(w, m) {
			return
		}
		switch {
		case m[4] == "files" && r.Method == "GET":
			var items []any
			for i, ff := range f.files {
				if i >= 3000 {
					break
				}
				it := map[string]any{"sha": fmt.Sprintf("%040x", i+1), "filename": ff.Name, "status": ff.Status, "changes": ff.Changes}
				if ff.Prev != "" {
					it["previous_filename"] = ff.Prev
				}
				if ff.Patch != "" {
					it["patch"] = ff.Patch
				}
				items = append(items, it)
			}
			f.page(w, r, p, items)
		case m[4] == "comments" && r.Method == "GET":
			var items []any
			for _, c := range f.publishedCommentsLocked() {
				items = append(items, f.commentJSON(c))
			}
			f.page(w, r, p, items)
		case m[4] == "reviews" && r.Method == "GET":
			var items []any
			for _, rv := range f.reviews {
				// A pending review is visible to its author only.
				if rv.State == "PENDING" && rv.Login != f.currentLogin() {
					continue
				}
				items = append(items, f.reviewJSON(rv))
			}
			f.page(w, r, p, items)
		case m[4] == "reviews" && r.Method == "POST":
			f.createReview(w, r)
		case m[4] == "comments" && r.Method == "POST":
			f.reply(w, r)
		default:
			writeJSON(w, 404, ghErr{Message: "Not Found"})
		}
	case reReview.MatchString(p):
		m := reReview.FindStringSubmatch(p)
		if !f.ownRepo(w, m) {
			return
		}
		id, _ := strconv.ParseInt(m[4], 10, 64)
		var rv *fakeReview
		for _, x := range f.reviews {
			if x.ID == id {
				rv = x
			}
		}
		if rv == nil {
			writeJSON(w, 404, ghErr{Message: "Not Found"})
			return
		}
		if f.readOnly {
			writeJSON(w, 403, ghErr{Message: "Resource not accessible by integration"})
			return
		}
		switch r.Method {
		case "PUT":
			var req struct {
				Body *string `json:"body"`
			}
			if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Body == nil {
				writeJSON(w, 422, ghErr{Message: "Invalid request.\n\n\"body\" wasn't supplied."})
				return
			}
			if rv.Login != f.currentLogin() {
				writeJSON(w, 403, ghErr{Message: "You can only update your own reviews"})
				return
			}
			if utf8.RuneCountInString(*req.Body) > 65536 {
				writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Body is too long (maximum is 65536 characters)"}})
				return
			}
			rv.Body = *req.Body
			writeJSON(w, 200, f.reviewJSON(rv))
		case "DELETE":
			if rv.State != "PENDING" {
				writeJSON(w, 422, ghErr{Message: "Unprocessable Entity", Errors: []string{"Can not delete a non-pending pull request review"}})
				return
			}
			var keep []*fakeReview
			for _, x := range f.reviews {
				if x != rv {
					keep = append(keep, x)
				}
			}
			f.reviews = keep
			var kc []*fakeComment
			for _, c := range f.comments {
				if c.ReviewID != rv.ID {
					kc = append(kc, c)
				}
			}
			f.comments = kc
			writeJSON(w, 200, f.reviewJSON(rv))
		default:
			writeJSON(w, 404, ghErr{Message: "Not Found"})
		}
	case reDismiss.MatchString(p) && r.Method == "PUT":
		m := reDismiss.FindStringSubmatch(p)
		if !f.ownRepo(w, m) {
			return
		}
		if f.readOnly {
			writeJSON(w, 403, ghErr{Message: "Resource not accessible by integration"})
			return
		}
		var req struct {
			Message *string `json:"message"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Message == nil {
			writeJSON(w, 422, ghErr{Message: "Invalid request.\n\n\"message\" wasn't supplied."})
			return
		}
		id, _ := strconv.ParseInt(m[4], 10, 64)
		for _, rv := range f.reviews {
			if rv.ID != id {
				continue
			}
			if rv.State == "COMMENTED" || rv.State == "PENDING" {
				writeJSON(w, 422, ghErr{Message: "Unprocessable Entity", Errors: []string{"Can not dismiss a commented pull request review"}})
				return
			}
			rv.State = "DISMISSED"
			writeJSON(w, 200, f.reviewJSON(rv))
			return
		}
		writeJSON(w, 404, ghErr{Message: "Not Found"})
	case reContents.MatchString(p) && r.Method == "GET":
		m := reContents.FindStringSubmatch(p)
		if !f.ownRepo(w, m) {
			return
		}
		if r.Header.Get("Accept") != "application/vnd.github.raw" {
			f.t.Errorf("fake: contents fetched with Accept %q, want the raw media type", r.Header.Get("Accept"))
		}
		path, _ := url.PathUnescape(m[3])
		ref := r.URL.Query().Get("ref")
		data, ok := f.contents[ref][path]
		if !ok {
			// A directory has no raw form: GitHub sends its JSON listing
			// whatever the Accept header asks for.
			if kids := f.dirListing(ref, path); len(kids) > 0 {
				writeJSON(w, 200, kids)
				return
			}
			writeJSON(w, 404, ghErr{Message: "Not Found"})
			return
		}
		w.Header().Set("Content-Type", "application/vnd.github.raw; charset=utf-8")
		_, _ = w.Write(data)
	case reTree.MatchString(p) && r.Method == "GET":
		m := reTree.FindStringSubmatch(p)
		var entries []any
		for _, e := range f.trees[m[3]] {
			entries = append(entries, map[string]any{"path": e, "type": "blob", "mode": "100644", "size": len(f.contents[m[3]][e])})
		}
		writeJSON(w, 200, map[string]any{"sha": m[3], "tree": entries, "truncated": f.truncatedTrees[m[3]]})
	default:
		writeJSON(w, 404, ghErr{Message: "Not Found"})
	}
}

// dirListing is the contents API's answer for directory dir at ref: one
// entry per child, from the files set at ref and its tree.
func (f *fakeGitHub) dirListing(ref, dir string) []map[string]any {
	seen := map[string]bool{}
	var out []map[string]any
	paths := slices.Concat(f.trees[ref], slices.Collect(maps.Keys(f.contents[ref])))
	sort.Strings(paths)
	for _, p := range paths {
		rest, ok := strings.CutPrefix(p, dir+"/")
		if !ok || rest == "" {
			continue
		}
		name, _, sub := strings.Cut(rest, "/")
		if seen[name] {
			continue
		}
		seen[name] = true
		typ := "file"
		if sub {
			typ = "dir"
		}
		out = append(out, map[string]any{"name": name, "path": dir + "/" + name, "type": typ})
	}
	return out
}

func (f *fakeGitHub) ownRepo(w http.ResponseWriter, m []string) bool {
	if m[1] != f.owner || m[2] != f.repo || (len(m) > 3 && strings.HasPrefix(m[0], "/repos/"+m[1]+"/"+m[2]+"/pulls/") && m[3] != strconv.Itoa(f.number)) {
		writeJSON(w, 404, ghErr{Message: "Not Found"})
		return false
	}
	return true
}

func (f *fakeGitHub) currentLogin() string {
	if strings.HasPrefix(f.token, "ghs_") {
		if f.appLogin != "" {
			return f.appLogin
		}
		return botLogin
	}
	return f.userLogin
}

func (f *fakeGitHub) currentType() string {
	if strings.HasPrefix(f.token, "ghs_") {
		return "Bot"
	}
	return "User"
}

func (f *fakeGitHub) publishedCommentsLocked() []*fakeComment {
	pending := map[int64]bool{}
	for _, r := range f.reviews {
		if r.State == "PENDING" {
			pending[r.ID] = true
		}
	}
	var out []*fakeComment
	for _, c := range f.comments {
		if !pending[c.ReviewID] {
			out = append(out, c)
		}
	}
	return out
}

// page serves one page of items with GitHub's Link header.
func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, p string, items []any) {
	q := r.URL.Query()
	per := 30
	if v := q.Get("per_page"); v != "" {
		per, _ = strconv.Atoi(v)
	}
	if per > 100 {
		per = 100
	}
	if per <= 0 {
		per = 30
	}
	pg := 1
	if v := q.Get("page"); v != "" {
		pg, _ = strconv.Atoi(v)
	}
	last := (len(items) + per - 1) / per
	if last == 0 {
		last = 1
	}
	lo, hi := (pg-1)*per, pg*per
	lo, hi = min(lo, len(items)), min(hi, len(items))
	link := func(n int, rel string) string {
		return fmt.Sprintf(`<%s%s%s?per_page=%d&page=%d>; rel="%s"`, f.srv.URL, f.prefix, p, per, n, rel)
	}
	var links []string
	if pg < last {
		links = append(links, link(pg+1, "next"), link(last, "last"))
	}
	if pg > 1 {
		links = append(links, link(1, "first"), link(pg-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := items[lo:hi]
	if out == nil {
		out = []any{}
	}
	writeJSON(w, 200, out)
}

func (f *fakeGitHub) prJSON() map[string]any {
	return map[string]any{
		"number": f.number, "state": f.state, "changed_files": f.changedFiles,
		"head": map[string]any{"sha": f.headSHA},
		"base": map[string]any{"sha": f.baseSHA, "repo": map[string]any{"full_name": f.owner + "/" + f.repo}},
	}
}

func (f *fakeGitHub) reviewJSON(rv *fakeReview) map[string]any {
	return map[string]any{
		"id": rv.ID, "body": rv.Body, "state": rv.State, "commit_id": rv.CommitID,
		"user":     map[string]any{"login": rv.Login, "type": rv.Type},
		"html_url": fmt.Sprintf("https://github.com/%s/%s/pull/%d#pullrequestreview-%d", f.owner, f.repo, f.number, rv.ID),
	}
}

func (f *fakeGitHub) commentJSON(c *fakeComment) map[string]any {
	m := map[string]any{
		"id": c.ID, "body": c.Body, "path": c.Path, "side": c.Side,
		"original_line": c.Line, "commit_id": f.headSHA, "original_commit_id": c.CommitID,
		"pull_request_review_id": c.ReviewID,
		"user":                   map[string]any{"login": c.Login, "type": c.Type},
		"html_url":               fmt.Sprintf("https://github.com/%s/%s/pull/%d#discussion_r%d", f.owner, f.repo, f.number, c.ID),
	}
	if c.InReplyTo != 0 {
		m["in_reply_to_id"] = c.InReplyTo
	}
	m["subject_type"] = "line"
	if c.File {
		m["subject_type"] = "file"
		m["line"], m["original_line"], m["side"] = nil, nil, nil
		return m
	}
	line, ok := f.currentLine(c, c.Line)
	if !ok {
		m["line"] = nil // outdated
		return m
	}
	m["line"] = line
	if c.StartLine > 0 {
		if sl, ok := f.currentLine(c, c.StartLine); ok {
			m["start_line"] = sl
		}
	}
	return m
}

// reply serves POST /pulls/{n}/comments: with in_reply_to (go-github
// v60's CreateCommentInReplyTo: "all parameters other than body are
// ignored"), or a comment on a whole file (subject_type "file", GitHub's
// "create a review comment": commit_id and path required, no line, the
// path one of the PR's files at that commit). Line comments outside a
// review are not something reviewbot does.
func (f *fakeGitHub) reply(w http.ResponseWriter, r *http.Request) {
	if f.readOnly {
		writeJSON(w, 403, ghErr{Message: "Resource not accessible by integration"})
		return
	}
	var req struct {
		Body        *string `json:"body"`
		InReplyTo   *int64  `json:"in_reply_to"`
		SubjectType *string `json:"subject_type"`
		Path        *string `json:"path"`
		CommitID    *string `json:"commit_id"`
		Line        *int    `json:"line"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, 400, ghErr{Message: "Problems parsing JSON"})
		return
	}
	if req.InReplyTo == nil && req.SubjectType != nil && *req.SubjectType == "file" {
		f.fileComment(w, req.Body, req.Path, req.CommitID, req.Line)
		return
	}
	if req.InReplyTo == nil {
		f.t.Errorf("fake: a review comment posted outside a review and not as a reply")
		writeJSON(w, 422, ghErr{Message: "Validation Failed"})
		return
	}
	if req.Body == nil || *req.Body == "" {
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Body is required"}})
		return
	}
	var parent *fakeComment
	for _, c := range f.publishedCommentsLocked() {
		if c.ID == *req.InReplyTo {
			parent = c
		}
	}
	if parent == nil || parent.InReplyTo != 0 {
		writeJSON(w, 404, ghErr{Message: "Not Found"})
		return
	}
	f.nextID++
	c := &fakeComment{ID: f.nextID, ReviewID: f.nextID, CommitID: parent.CommitID, Login: f.currentLogin(), Type: f.currentType(),
		Path: parent.Path, Line: parent.Line, Side: parent.Side, Body: *req.Body, InReplyTo: parent.ID}
	f.comments = append(f.comments, c)
	writeJSON(w, 201, f.commentJSON(c))
}

// fileComment creates a comment on a whole file, as GitHub does for
// subject_type "file": a body within 65,536 characters, the PR's head as
// commit_id, a path among the PR's files, and no line.
func (f *fakeGitHub) fileComment(w http.ResponseWriter, body, path, commit *string, line *int) {
	switch {
	case body == nil || *body == "":
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Body is required"}})
		return
	case len([]rune(*body)) > 65536:
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Body is too long (maximum is 65536 characters)"}})
		return
	case commit == nil || path == nil:
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"commit_id and path are required"}})
		return
	case line != nil:
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"line is not permitted with subject_type file"}})
		return
	case *commit != f.headSHA:
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"commit_id is not part of the pull request"}})
		return
	}
	found := false
	for _, ff := range f.files {
		found = found || ff.Name == *path
	}
	if !found {
		writeJSON(w, 422, ghErr{Message: "Validation Failed", Errors: []string{"Path could not be resolved"}})
		return
	}
	f.nextID++
	c := &fakeComment{ID: f.nextID, ReviewID: f.nextID, CommitID: *commit, Login: f.currentLogin(), Type: f.currentType(),
		Path: *path, Body: *body, File: true}
	f.comments = append(f.comments, c)
	writeJSON(w, 201, f.commentJSON(c))
}

// graphqlPath is where GraphQL is served: /graphql beside api.github.com's
// root, /api/graphql on GitHub Enterprise Server.
func (f *fakeGitHub) graphqlPath() string {
	if f.prefix == "/api/v3" {
		return "/api/graphql"
	}
	return f.prefix + "/graphql"
}

// graphql answers the two GraphQL operations the action uses:
// pullRequest.reviewThreads (threads are the published comments that
// answer none, 100 a page) and resolveReviewThread. Like GitHub, a GraphQL
// error is a 200 with "errors"; a read-only token cannot resolve.
func (f *fakeGitHub) graphql(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, 400, ghErr{Message: "Problems parsing JSON"})
		return
	}
	gqlErr := func(msg string) {
		writeJSON(w, 200, map[string]any{"data": nil, "errors": []any{map[string]any{"message": msg}}})
	}
	switch {
	case strings.HasPrefix(req.Query, "mutation") && strings.Contains(req.Query, "resolveReviewThread(input: $input)"):
		if f.readOnly {
			gqlErr("Resource not accessible by integration")
			return
		}
		in, _ := req.Variables["input"].(map[string]any)
		tid, _ := in["threadId"].(string)
		for _, c := range f.publishedCommentsLocked() {
			if c.InReplyTo == 0 && tid == fmt.Sprintf("PRRT_%d", c.ID) {
				c.Resolved = true
				f.resolved = append(f.resolved, c.ID)
				writeJSON(w, 200, map[string]any{"data": map[string]any{"resolveReviewThread": map[string]any{"thread": map[string]any{"isResolved": true}}}})
				return
			}
		}
		gqlErr(fmt.Sprintf("Could not resolve to a node with the global id of '%s'", tid))
	case strings.Contains(req.Query, "reviewThreads(first: 100, after: $cursor)"):
		if req.Variables["owner"] != f.owner || req.Variables["name"] != f.repo || req.Variables["number"] != float64(f.number) {
			gqlErr("Could not resolve to a PullRequest")
			return
		}
		var threads []*fakeComment
		for _, c := range f.publishedCommentsLocked() {
			if c.InReplyTo == 0 {
				threads = append(threads, c)
			}
		}
		start := 0
		if cur, ok := req.Variables["cursor"].(string); ok {
			start, _ = strconv.Atoi(cur)
		}
		end := min(start+100, len(threads))
		start = min(start, end)
		nodes := []any{}
		for _, c := range threads[start:end] {
			nodes = append(nodes, map[string]any{"id": fmt.Sprintf("PRRT_%d", c.ID), "isResolved": c.Resolved,
				"comments": map[string]any{"nodes": []any{map[string]any{"databaseId": c.ID}}}})
		}
		writeJSON(w, 200, map[string]any{"data": map[string]any{"repository": map[string]any{"pullRequest": map[string]any{"reviewThreads": map[string]any{
			"nodes": nodes, "pageInfo": map[string]any{"hasNextPage": end < len(threads), "endCursor": strconv.Itoa(end)}}}}}})
	default:
		gqlErr("fake: unknown GraphQL operation: " + req.Query)
	}
}

// currentLine maps line n of the comment's commit to the current head, as
// GitHub moves a comment with its line: through a line diff (LCS) of the
// file at both commits. ok is false when the line changed (the comment is
// outdated). Without both contents the line stays.
func (f *fakeGitHub) currentLine(c *fakeComment, n int) (int, bool) {
	if c.CommitID == "" || c.CommitID == f.headSHA {
		return n, true
	}
	oldB, ok1 := f.contents[c.CommitID][c.Path]
	newB, ok2 := f.contents[f.headSHA][c.Path]
	if !ok1 || !ok2 {
		return n, true
	}
	m := lcsLineMap(strings.Split(string(oldB), "\n"), strings.Split(string(newB), "\n"))
	got, ok := m[n]
	return got, ok
}

// lcsLineMap maps the 1-based lines of a that a longest common subsequence
// keeps to their lines in b.
func lcsLineMap(a, b []string) map[int]int {
	n, m := len(a), len(b)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	out := map[int]int{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out[i+1] = j + 1
			i++
			j++
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

type draftJSON struct {
	Path      *string `json:"path"`
	Body      *string `json:"body"`
	Line      *int    `json:"line"`
	Side      *string `json:"side"`
	StartLine *int    `json:"start_line"`
	StartSide *string `json:"start_side"`
	Position  *int    `json:"position"`
}

func (f *fakeGitHub) createReview(w http.ResponseWriter, r *http.Request) {
	var req struct {
		CommitID *string     `json:"commit_id"`
		Body     *string     `json:"body"`
		Event    *string     `json:"event"`
		Comments []draftJSON `json:"comments"`
	}
	raw, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(raw, &req); err != nil {
		writeJSON(w, 400, ghErr{Message: "Problems parsing JSON"})
		return
	}
	if f.readOnly {
		writeJSON(w, 403, ghErr{Message: "Resource not accessible by integration", DocURL: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"})
		return
	}
	fail := func(msgs ...string) {
		writeJSON(w, 422, ghErr{Message: "Unprocessable Entity", Errors: msgs, DocURL: createReviewDoc, Status: "422"})
	}
	event := ""
	if req.Event != nil {
		event = *req.Event
	}
	switch event {
	case "", "COMMENT", "REQUEST_CHANGES", "APPROVE":
	default:
		fail(`"event" is not a permitted value`)
		return
	}
	if event == "APPROVE" {
		fail("GitHub Actions is not permitted to approve pull requests.")
		return
	}
	if (event == "COMMENT" || event == "REQUEST_CHANGES") && (req.Body == nil || *req.Body == "") {
		fail("Body is required")
		return
	}
	if req.Body != nil && utf8.RuneCountInString(*req.Body) > 65536 {
		fail("Body is too long (maximum is 65536 characters)")
		return
	}
	if req.CommitID == nil {
		f.t.Errorf("fake: review without commit_id: reviewbot must name the head it reviewed")
	}
	login := f.currentLogin()
	// A pending review blocks every later review of its user on the PR,
	// pending or not.
	for _, rv := range f.reviews {
		if rv.State == "PENDING" && rv.Login == login {
			fail("User can only have one pending review per pull request")
			return
		}
	}
	if req.CommitID != nil && *req.CommitID != f.headSHA && len(req.Comments) > 0 {
		// The head moved (a force-push): comments anchored on the old
		// diff are refused one and all, as positions.
		fail("Pull request review thread line must be part of the diff")
		return
	}
	for _, c := range req.Comments {
		if msg := f.checkComment(c); msg != "" {
			fail(msg)
			return
		}
	}
	f.nextID++
	state := map[string]string{"": "PENDING", "COMMENT": "COMMENTED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}[event]
	rv := &fakeReview{ID: f.nextID, Login: login, Type: f.currentType(), State: state, CommitID: f.headSHA}
	if req.Body != nil {
		rv.Body = *req.Body
	}
	f.reviews = append(f.reviews, rv)
	for _, c := range req.Comments {
		f.nextID++
		fc := &fakeComment{ID: f.nextID, ReviewID: rv.ID, CommitID: f.headSHA, Login: login, Type: f.currentType(), Path: *c.Path, Line: *c.Line, Side: "RIGHT", Body: *c.Body}
		if c.StartLine != nil {
			fc.StartLine = *c.StartLine
		}
		f.comments = append(f.comments, fc)
	}
	writeJSON(w, 200, f.reviewJSON(rv))
}

// checkComment applies GitHub's anchoring rules; "" means accepted.
func (f *fakeGitHub) checkComment(c draftJSON) string {
	if c.Position != nil {
		return "fake: reviewbot must anchor by line, not position"
	}
	if c.Path == nil || c.Body == nil || c.Line == nil {
		return "Pull request review thread path, body and line are required"
	}
	if utf8.RuneCountInString(*c.Body) > 65536 {
		return "Body is too long (maximum is 65536 characters)"
	}
	if c.Side == nil || *c.Side != "RIGHT" {
		return "fake: reviewbot comments on RIGHT lines only"
	}
	var ff *fakeFile
	for i := range f.files {
		if f.files[i].Name == *c.Path {
			ff = &f.files[i]
		}
	}
	if ff == nil {
		return "Pull request review thread path is invalid"
	}
	patch := ff.Patch
	if patch == "" {
		patch = ff.HiddenPatch
	}
	hunks := rightHunks(patch)
	h, ok := hunks[*c.Line]
	if !ok {
		return "Pull request review thread line must be part of the diff"
	}
	if c.StartLine != nil {
		if c.StartSide == nil || *c.StartSide != "RIGHT" {
			return "fake: start_side must be RIGHT"
		}
		if *c.StartLine >= *c.Line {
			return "Pull request review thread start line must precede the end line."
		}
		if hs, ok := hunks[*c.StartLine]; !ok || hs != h {
			return "Pull request review thread start line must be part of the same hunk as the line."
		}
	}
	return ""
}

var hunkHeader = regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@`)

// rightHunks maps each RIGHT-side line of a GitHub patch (added or
// context) to the index of its hunk. It is the fake's own reading of the
// patch, written independently of package diff.
func rightHunks(patch string) map[int]int {
	out := map[int]int{}
	h, n := -1, 0
	for _, l := range strings.Split(patch, "\n") {
		if m := hunkHeader.FindStringSubmatch(l); m != nil {
			h++
			n, _ = strconv.Atoi(m[1])
			continue
		}
		if h < 0 {
			continue
		}
		switch {
		case strings.HasPrefix(l, "+"), strings.HasPrefix(l, " "):
			out[n] = h
			n++
		case strings.HasPrefix(l, "-"), strings.HasPrefix(l, `\`):
		}
	}
	return out
}

// fakeClock is virtual time: Sleep advances it and returns at once.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now()} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
		c.slept = append(c.slept, d)
	}
	return ctx.Err()
}

func (c *fakeClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.slept...)
}
