package action

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/rules"
)

const (
	// Tokens in the shapes GitHub issues: ghs_ installation tokens
	// (GITHUB_TOKEN), ghp_ personal access tokens.
	appToken   = "ghs_16C7e42F292c6912E7710c838347Ae178B4a"
	patToken   = "ghp_R2d2C3poBb8Y0dA1xYzAbCdEfGhIjKlMn0p"
	samplePath = "src/MtlsPop/Sample.cs"
)

// sampleLines is an in-scope C# file with two errors: a placeholder region
// (line 12) and a token written to the log (line 18).
var sampleLines = strings.Split(strings.TrimSuffix(`using System;
using Microsoft.Identity.Client;

namespace Contoso.MtlsPop
{
    public class Sample
    {
        public async Task RunAsync(X509Certificate2 cert)
        {
            var app = ConfidentialClientApplicationBuilder
                .Create("3fa85f64-5717-4562-b3fc-2c963f66afa6")
                .WithAzureRegion("your-region-here")
                .WithCertificate(cert, true)
                .Build();
            var result = await app.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
                .WithMtlsProofOfPossession()
                .ExecuteAsync();
            Console.WriteLine(result.AccessToken);
        }
    }
}
`, "\n"), "\n")

// addedPatch is GitHub's patch of a new file.
func addedPatch(lines []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@@ -0,0 +1,%d @@", len(lines))
	for _, l := range lines {
		b.WriteString("\n+" + l)
	}
	return b.String()
}

func content(lines []string) string { return strings.Join(lines, "\n") + "\n" }

// sampleFile is the in-scope file as GitHub lists it, with its head
// content stored in the fake.
func (f *fakeGitHub) addSample(path string, lines []string) fakeFile {
	f.setContent(f.headSHA, path, content(lines))
	return fakeFile{Name: path, Status: "added", Patch: addedPatch(lines), Changes: len(lines)}
}

type result struct {
	failed   bool
	err      error
	stdout   string
	outputs  map[string]string
	summary  string
	eventDir string
}

// runAction runs the action as the runner would: INPUT_* and GITHUB_*
// variables, the real synchronize payload (with the fake's head SHA) as
// the event file, and output files.
func runAction(t *testing.T, f *fakeGitHub, inputs map[string]string) result {
	t.Helper()
	return runActionCtx(context.Background(), t, f, inputs)
}

// runActionCtx is runAction with a context the test may cancel, as the
// CLI's does on SIGTERM.
func runActionCtx(ctx context.Context, t *testing.T, f *fakeGitHub, inputs map[string]string) result {
	t.Helper()
	dir := t.TempDir()
	ev := loadPayload(t, "synchronize")
	pr := ev["pull_request"].(map[string]any)
	pr["head"].(map[string]any)["sha"] = f.headSHA
	pr["base"].(map[string]any)["sha"] = f.baseSHA
	if f.changedFiles > 0 {
		pr["changed_files"] = f.changedFiles
	}
	evPath := filepath.Join(dir, "event.json")
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(evPath, b, 0o644))
	outPath := filepath.Join(dir, "output")
	sumPath := filepath.Join(dir, "summary")
	env := map[string]string{
		"GITHUB_EVENT_NAME":   "pull_request",
		"GITHUB_EVENT_PATH":   evPath,
		"GITHUB_REPOSITORY":   fakeOwner + "/" + fakeRepo,
		"GITHUB_API_URL":      f.apiURL(),
		"GITHUB_OUTPUT":       outPath,
		"GITHUB_STEP_SUMMARY": sumPath,
		"INPUT_GITHUB-TOKEN":  f.token,
	}
	for k, v := range inputs {
		if strings.HasPrefix(k, "GITHUB_") {
			env[k] = v
		} else {
			env["INPUT_"+strings.ToUpper(k)] = v
		}
	}
	// Runs are minutes apart on GitHub.
	f.clock.Sleep(context.Background(), time.Minute)
	var out bytes.Buffer
	hc := f.srv.Client()
	if f.httpClient != nil {
		hc = f.httpClient
	}
	failed, err := run(ctx, func(k string) string { return env[k] }, &out, deps{clock: f.clock, http: hc})
	r := result{failed: failed, err: err, stdout: out.String(), eventDir: dir}
	r.outputs = parseOutputs(t, outPath)
	if s, err := os.ReadFile(sumPath); err == nil {
		r.summary = string(s)
	}
	// Whatever the PR holds, the runner reads no command in the log but
	// the bot's own.
	assertInertLog(t, r.stdout)
	// The token never leaves the process except in the mask command.
	if f.token == "" {
		return r
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, f.token) {
			assert.Equal(t, "::add-mask::"+f.token, l, "token printed outside ::add-mask::")
		}
	}
	assert.NotContains(t, r.summary, f.token)
	if err != nil {
		assert.NotContains(t, err.Error(), f.token)
	}
	f.mu.Lock()
	assert.Empty(t, f.violations, "the fake GitHub saw its rules broken")
	f.violations = nil
	f.mu.Unlock()
	return r
}

func loadPayload(t *testing.T, action string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "github", "webhooks", "pull_request."+action+".json"))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// parseOutputs reads a GITHUB_OUTPUT file in the runner's heredoc format.
func parseOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] == "" {
			continue
		}
		name, delim, ok := strings.Cut(lines[i], "<<")
		require.True(t, ok, "output line %q", lines[i])
		var val []string
		for i++; i < len(lines) && lines[i] != delim; i++ {
			val = append(val, lines[i])
		}
		require.Less(t, i, len(lines), "unterminated output %s", name)
		out[name] = strings.Join(val, "\n")
	}
	return out
}

var fpInBody = regexp.MustCompile(`reviewbot:fp=([0-9a-f-]+)`)

func fps(cs []*fakeComment) []string {
	var out []string
	for _, c := range cs {
		if m := fpInBody.FindStringSubmatch(c.Body); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

func newSampleServer(t *testing.T, token string) *fakeGitHub {
	f := newFakeGitHub(t, token)
	f.files = []fakeFile{f.addSample(samplePath, sampleLines)}
	return f
}

func TestFirstRunPostsOneReviewWithLineComments(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.True(t, r.failed, "two errors and fail-on error")

	revs := f.published()
	require.Len(t, revs, 1)
	assert.Equal(t, "COMMENTED", revs[0].State)
	assert.Contains(t, revs[0].Body, summaryMarker)
	assert.Contains(t, revs[0].Body, "#### Needs a reviewer")
	cs := f.publishedComments()
	require.Len(t, cs, 2)
	lines := []int{cs[0].Line, cs[1].Line}
	assert.ElementsMatch(t, []int{12, 18}, lines)
	assert.Len(t, fps(cs), 2)
	for _, c := range cs {
		assert.Equal(t, revs[0].ID, c.ReviewID, "comments belong to the one review")
	}

	assert.Equal(t, "vanilla", r.outputs["flow"])
	assert.Equal(t, "1", r.outputs["in-scope-files"])
	assert.Equal(t, "2", r.outputs["findings"])
	assert.Equal(t, "2", r.outputs["errors"])
	assert.Equal(t, "0", r.outputs["warnings"])
	assert.Contains(t, r.outputs["review-url"], fmt.Sprintf("#pullrequestreview-%d", revs[0].ID))
	assert.Contains(t, r.summary, "#### Needs a reviewer")
	assert.NotContains(t, r.summary, "reviewbot:state", "hidden markers stay out of the job summary")
	assert.True(t, strings.HasPrefix(r.stdout, "::add-mask::"+appToken+"\n"), "the token is masked before anything else is printed")
}

func TestRerunWithNoChangePostsNothing(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	before := f.callsMatching(`^(POST|PUT|PATCH|DELETE) `)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1)
	assert.Len(t, f.publishedComments(), 2)
	assert.Equal(t, before, f.callsMatching(`^(POST|PUT|PATCH|DELETE) `), "an unchanged PR gets no write at all")
	assert.Equal(t, r.outputs["review-url"], fmt.Sprintf("https://github.com/%s/%s/pull/2#pullrequestreview-%d", fakeOwner, fakeRepo, f.published()[0].ID))
}

func TestRerunWithChangedSummaryUpdatesInPlace(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	first := f.published()[0].Body
	// Same findings, but a second, out-of-scope file changes the summary.
	f.push("1111111111111111111111111111111111111111", append(f.files, fakeFile{Name: "README.md", Status: "modified", Patch: "@@ -1,1 +1,2 @@\n # Hello\n+World", Changes: 1}))
	f.setContent(f.headSHA, samplePath, content(sampleLines))
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	revs := f.published()
	require.Len(t, revs, 1, "no new review when nothing new is commented")
	assert.NotEqual(t, first, revs[0].Body, "summary updated in place")
	assert.Contains(t, revs[0].Body, "1 file out of the guidance's scope", "the new README.md is in the summary")
	assert.Len(t, f.publishedComments(), 2)
	assert.Equal(t, 1, f.callsMatching(`^PUT /repos/.*/reviews/\d+$`))
}

func TestPushThatShiftsLinesPostsNoDuplicate(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	firstFPs := fps(f.publishedComments())

	shifted := append([]string{"// header", "// more", ""}, sampleLines...)
	f.push("2222222222222222222222222222222222222222", nil)
	f.files = []fakeFile{f.addSample(samplePath, shifted)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1, "no second review")
	assert.Len(t, f.publishedComments(), 2, "no duplicate comments")
	assert.ElementsMatch(t, firstFPs, fps(f.publishedComments()))
	// The summary still points at the comments, now on shifted lines.
	assert.Contains(t, f.published()[0].Body, "R15) 💬", "the shifted finding links to its inline comment's line")
	assert.Contains(t, f.published()[0].Body, "Sample.cs:21")
}

func TestNewFindingPostsNewReviewAndSupersedesOld(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	firstID := f.published()[0].ID

	more := append(append([]string{}, sampleLines[:18]...), `            Console.WriteLine(app.AppConfig.ClientSecret);`)
	more = append(more, sampleLines[18:]...)
	f.push("3333333333333333333333333333333333333333", nil)
	f.files = []fakeFile{f.addSample(samplePath, more)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	revs := f.published()
	require.Len(t, revs, 2)
	assert.Equal(t, firstID, revs[0].ID)
	assert.Contains(t, revs[0].Body, "Superseded by [the latest reviewbot review]")
	assert.Contains(t, revs[0].Body, fmt.Sprintf("#pullrequestreview-%d", revs[1].ID))
	assert.Less(t, len(revs[0].Body), 300, "the old summary is one line plus markers")
	cs := f.publishedComments()
	require.Len(t, cs, 3, "only the new finding is commented")
	assert.Equal(t, revs[1].ID, cs[2].ReviewID)
	assert.Equal(t, 19, cs[2].Line)
}

func TestFixRemovingFindingIsReportedFixed(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	fixed := append([]string{}, sampleLines...)
	fixed[17] = `            Console.WriteLine($"Token acquired, expires: {result.ExpiresOn}");`
	f.push("4444444444444444444444444444444444444444", nil)
	f.files = []fakeFile{f.addSample(samplePath, fixed)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, "1", r.outputs["findings"])
	revs := f.published()
	require.Len(t, revs, 1)
	assert.Contains(t, revs[0].Body, "Fixed since an earlier review")
	assert.Contains(t, revs[0].Body, "secret-logging")
	assert.Contains(t, r.summary, "Fixed since an earlier review")

	// The fixed note stays on a later run with no change: no churn.
	before := f.callsMatching(`^(POST|PUT|DELETE) `)
	require.NoError(t, runAction(t, f, nil).err)
	assert.Equal(t, before, f.callsMatching(`^(POST|PUT|DELETE) `))
}

func TestForkReadOnlyTokenFallsBackToAnnotations(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.readOnly = true
	r := runAction(t, f, nil)
	require.NoError(t, r.err, "a read-only token is not an error")
	assert.True(t, r.failed, "fail-on still decides the status")
	assert.Empty(t, f.published())
	assert.Regexp(t, `(?m)^::error .*file=src/MtlsPop/Sample.cs,line=12,title=reviewbot placeholder-region::`, r.stdout)
	assert.Regexp(t, `(?m)^::error .*file=src/MtlsPop/Sample.cs,line=18,title=reviewbot secret-logging::`, r.stdout)
	assert.Contains(t, r.stdout, "pull-requests: write")
	assert.Contains(t, r.stdout, "pull_request_target")
	assert.Contains(t, r.summary, "could not write")
	assert.Contains(t, r.summary, "#### Needs a reviewer")
	assert.Equal(t, "2", r.outputs["errors"])
	assert.Equal(t, "", r.outputs["review-url"])
}

func TestAnnotationsCappedPerSeverity(t *testing.T) {
	var out bytes.Buffer
	rn := newRunner(func(string) string { return "" }, &out)
	var fs []rules.Finding
	for i := 1; i <= 13; i++ {
		fs = append(fs, rules.Finding{Rule: "secret-logging", Severity: rules.Error, Path: "a.cs", Line: i, Message: "m"})
	}
	fs = append(fs, rules.Finding{Rule: "ambiguous-pop", Severity: rules.Notice, Path: "a.md", Line: 1, Message: "n"})
	rn.annotate(fs)
	assert.Equal(t, 10, strings.Count(out.String(), "::error "))
	assert.Equal(t, 1, strings.Count(out.String(), "::notice "))
	assert.Contains(t, out.String(), "3 more error findings were not annotated")
}

func TestReviewRejected422MovesCommentToSummary(t *testing.T) {
	f := newSampleServer(t, appToken)
	// A large file GitHub lists without a patch: reviewbot diffs base and
	// head itself, but GitHub's own diff of it is smaller, so a comment
	// on the local hunk is "not part of the diff" for GitHub.
	f.addRefusedFile()
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	revs := f.published()
	require.Len(t, revs, 1, "one review, not lost")
	cs := f.publishedComments()
	assert.Len(t, cs, 2, "the two good comments are posted")
	for _, c := range cs {
		assert.Equal(t, samplePath, c.Path)
	}
	assert.Contains(t, revs[0].Body, "GitHub refused 1 inline comment(s)")
	assert.Contains(t, revs[0].Body, "must be part of the diff")
	assert.Contains(t, revs[0].Body, "Big.cs")
	// Pending test reviews were all deleted.
	f.mu.Lock()
	for _, rv := range f.reviews {
		assert.NotEqual(t, "PENDING", rv.State)
	}
	f.mu.Unlock()
}

func TestFilesOverThreePagesAndCallBound(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	f.files = append(f.files, f.addSample(samplePath, sampleLines))
	for i := 0; i < 249; i++ {
		f.files = append(f.files, fakeFile{Name: fmt.Sprintf("docs/notes/n%03d.txt", i), Status: "added", Patch: "@@ -0,0 +1 @@\n+hello", Changes: 1})
	}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, 3, f.callsMatching(`^GET /repos/.*/pulls/2/files\?`), "250 files are three pages of 100")
	assert.Contains(t, f.published()[0].Body, "249 files out of the guidance's scope")

	// The bound of issue 4: ceil(files/100) + ceil(earlier bot
	// comments/100) + ceil(new comments/max-comments) + 4, plus one
	// contents fetch per in-scope file.
	inScope := 1
	bound := func(files, earlier, newComments, maxComments int) int {
		c := func(a, b int) int { return int(math.Ceil(float64(a) / float64(b))) }
		return c(files, 100) + c(earlier, 100) + c(newComments, maxComments) + 4 + inScope
	}
	assert.LessOrEqual(t, f.callCount(), bound(250, 0, 2, 30), "first run")
	n := f.callCount()
	require.NoError(t, runAction(t, f, nil).err)
	assert.LessOrEqual(t, f.callCount()-n, bound(250, 2, 0, 30), "re-run")
}

func TestFileWithoutPatchIsDiffedLocally(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	f.setContent(f.baseSHA, samplePath, content(sampleLines[:10]))
	f.setContent(f.headSHA, samplePath, content(sampleLines))
	f.files = []fakeFile{{Name: samplePath, Status: "modified", Changes: 11,
		HiddenPatch: "@@ -8,3 +8,14 @@\n" + hunkBody(sampleLines, 7, 10, 21)}}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, "2", r.outputs["findings"])
	assert.Len(t, f.publishedComments(), 2)
	assert.Equal(t, 1, f.callsMatching(`contents/src/MtlsPop/Sample.cs\?ref=`+f.baseSHA))
	assert.Equal(t, 1, f.callsMatching(`contents/src/MtlsPop/Sample.cs\?ref=`+f.headSHA), "head fetched once, reused as the rules' source")
}

// hunkBody writes lines[from:ctxEnd] as context and lines[ctxEnd:to] as
// additions.
func hunkBody(lines []string, from, ctxEnd, to int) string {
	var b []string
	for i := from; i < ctxEnd; i++ {
		b = append(b, " "+lines[i])
	}
	for i := ctxEnd; i < to; i++ {
		b = append(b, "+"+lines[i])
	}
	return strings.Join(b, "\n")
}

func TestFileWithoutPatchNotFetchableIsNotReviewed(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	f.files = []fakeFile{{Name: samplePath, Status: "modified", Changes: 5000}}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Contains(t, r.summary, "Sample.cs")
	assert.Contains(t, r.summary, "GitHub sent no patch and the base version was not found")
}

func TestThreeThousandFileCapIsNoted(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	f.files = append(f.files, f.addSample(samplePath, sampleLines))
	for i := 0; i < 3100; i++ {
		f.files = append(f.files, fakeFile{Name: fmt.Sprintf("gen/f%04d.txt", i), Status: "added", Patch: "@@ -0,0 +1 @@\n+x", Changes: 1})
	}
	f.changedFiles = len(f.files)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, 30, f.callsMatching(`^GET /repos/.*/pulls/2/files\?`), "GitHub stops at 3,000 files")
	assert.Contains(t, f.published()[0].Body, "at most 3,000 files")
	assert.Contains(t, f.published()[0].Body, "3000 of 3101")
}

func TestRateLimits(t *testing.T) {
	cases := []struct {
		name, method, path, kind string
		wait                     time.Duration
	}{
		{"secondary 403 with Retry-After on a read", "GET", `/files$`, "secondary403", 30 * time.Second},
		{"secondary 429 with Retry-After on the review", "POST", `/reviews$`, "429", 7 * time.Second},
		{"primary limit resetting soon", "GET", `/comments$`, "primary", 2 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			f.addFault(tc.method, tc.path, tc.kind, tc.wait)
			r := runAction(t, f, nil)
			require.NoError(t, r.err)
			assert.Len(t, f.published(), 1)
			assert.Len(t, f.publishedComments(), 2)
			var waited bool
			for _, d := range f.clock.sleeps() {
				if d >= tc.wait {
					waited = true
				}
			}
			assert.True(t, waited, "waited at least %s: %v", tc.wait, f.clock.sleeps())
			assert.Contains(t, r.stdout, "retry 1 of")
		})
	}
}

func TestPrimaryRateLimitFarAwayIsClearError(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addFault("GET", `/files$`, "primary", 40*time.Minute)
	r := runAction(t, f, nil)
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "rate limit of 1000 requests per hour is used up")
	assert.Contains(t, r.err.Error(), "re-run the job after that")
	f.mu.Lock()
	f.blockUntil = time.Time{}
	f.mu.Unlock()
}

func TestServerErrorsAreRetried(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addFault("GET", `/files$`, "500", 0)
	f.addFault("GET", `/files$`, "500", 0)
	f.addFault("GET", `/reviews$`, "reset", 0)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1)
	assert.Equal(t, []time.Duration{time.Second, 2 * time.Second}, f.clock.sleeps()[1:3], "exponential backoff")
}

func TestRetriedPostIsCheckedBeforeRepeating(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addFault("POST", `/reviews$`, "502after", 0)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1, "the review GitHub created before the 502 is not posted twice")
	assert.Len(t, f.publishedComments(), 2)
	assert.Equal(t, 1, f.callsMatching(`^POST `))
	assert.Contains(t, r.stdout, "had succeeded despite the error")
}

func TestPersistentServerErrorFailsWithinBound(t *testing.T) {
	f := newSampleServer(t, appToken)
	for i := 0; i < 10; i++ {
		f.addFault("GET", `/files$`, "500", 0)
	}
	r := runAction(t, f, nil)
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "gave up after 6 tries")
	assert.Equal(t, 6, f.callsMatching(`/files\?`))
}

func TestMutationsAreOneSecondApart(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	more := append(append([]string{}, sampleLines...), `// Console.WriteLine(result.AccessToken);`)
	_ = more
	// A second run that posts and supersedes: two mutations in a row. The
	// fake records any gap under a second as a violation (checked in
	// runAction).
	lines := append(append([]string{}, sampleLines[:18]...), `            Console.WriteLine(app.AppConfig.ClientSecret);`)
	lines = append(lines, sampleLines[18:]...)
	f.push("5555555555555555555555555555555555555555", nil)
	f.files = []fakeFile{f.addSample(samplePath, lines)}
	require.NoError(t, runAction(t, f, nil).err)
	f.mu.Lock()
	defer f.mu.Unlock()
	require.GreaterOrEqual(t, len(f.mutations), 3)
	for i := 1; i < len(f.mutations); i++ {
		assert.GreaterOrEqual(t, f.mutations[i].Sub(f.mutations[i-1]), time.Second)
	}
}

func TestGHESBaseURL(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.prefix = "/api/v3"
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1)
	f.mu.Lock()
	defer f.mu.Unlock()
	assert.NotEmpty(t, f.calls)
}

func TestDryRunPostsNothing(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"dry-run": "true"})
	require.NoError(t, r.err)
	assert.True(t, r.failed)
	assert.Zero(t, f.callsMatching(`^(POST|PUT|PATCH|DELETE) `))
	assert.Contains(t, r.stdout, "dry-run: would post 2 inline comment(s)")
	assert.Equal(t, "2", r.outputs["errors"])
}

func TestMaxCommentsPutsTheRestInTheSummary(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"max-comments": "1"})
	require.NoError(t, r.err)
	assert.Len(t, f.publishedComments(), 1)
	assert.Contains(t, f.published()[0].Body, "beyond max-comments (1)")
}

func TestRequestChangesOnlyWithErrors(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, map[string]string{"review-event": "REQUEST_CHANGES"}).err)
	assert.Equal(t, "CHANGES_REQUESTED", f.published()[0].State)

	// Once the errors are fixed, the blocking review is dismissed.
	fixed := append([]string{}, sampleLines...)
	fixed[11] = `                .WithAzureRegion("westus3")`
	fixed[17] = `            Console.WriteLine("acquired");`
	f.push("6666666666666666666666666666666666666666", nil)
	f.files = []fakeFile{f.addSample(samplePath, fixed)}
	r := runAction(t, f, map[string]string{"review-event": "REQUEST_CHANGES"})
	require.NoError(t, r.err)
	assert.False(t, r.failed)
	require.Len(t, f.published(), 1)
	assert.Equal(t, "DISMISSED", f.published()[0].State)
	assert.Contains(t, f.published()[0].Body, "Fixed since an earlier review")

	g := newFakeGitHub(t, appToken)
	clean := append([]string{}, sampleLines...)
	clean[11] = `                .WithAzureRegion("westus3")`
	clean[17] = `            Console.WriteLine("acquired");`
	g.files = []fakeFile{g.addSample(samplePath, clean)}
	require.NoError(t, runAction(t, g, map[string]string{"review-event": "REQUEST_CHANGES"}).err)
	require.Len(t, g.published(), 1)
	assert.Equal(t, "COMMENTED", g.published()[0].State)
}

func TestFlowLabelOverridesFlow(t *testing.T) {
	f := newSampleServer(t, appToken)
	dir := t.TempDir()
	ev := loadPayload(t, "synchronize")
	pr := ev["pull_request"].(map[string]any)
	pr["labels"] = []any{map[string]any{"name": "mtls-pop:fic"}}
	b, _ := json.Marshal(ev)
	p := filepath.Join(dir, "ev.json")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	r := runAction(t, f, map[string]string{"GITHUB_EVENT_PATH": p})
	require.NoError(t, r.err)
	assert.Equal(t, "fic", r.outputs["flow"])
}

func TestGuidanceIsReadFromBaseNeverHead(t *testing.T) {
	f := newSampleServer(t, appToken)
	guidance := readSeedGuidance(t)
	const gp = ".github/reviewbot/guidance.md"
	f.setContent(f.baseSHA, gp, guidance)
	// The PR weakens the guidance at its head: no checklist at all.
	f.setContent(f.headSHA, gp, "---\napplies_to:\n  - \"nothing/**\"\n---\n# Weak\n")
	f.files = append(f.files, fakeFile{Name: gp, Status: "modified", Patch: "@@ -1,1 +1,1 @@\n-x\n+y", Changes: 2})
	r := runAction(t, f, map[string]string{"guidance": gp})
	require.NoError(t, r.err)
	assert.Equal(t, 1, f.callsMatching(`contents/\.github/reviewbot/guidance\.md\?ref=`+f.baseSHA))
	assert.Zero(t, f.callsMatching(`contents/\.github/reviewbot/guidance\.md\?ref=`+f.headSHA))
	// The call bound holds with a guidance file too: 2 files, 0 earlier
	// comments, 2 new comments, 1 in-scope file.
	assert.LessOrEqual(t, f.callCount(), 1+0+1+4+1)
	assert.NotContains(t, r.summary, "The guidance has no pre-PR checklist")
	assert.Contains(t, r.summary, "Real Azure region strings")
	assert.Equal(t, "2", r.outputs["findings"])
	assert.Contains(t, f.published()[0].Body, "This PR changes the guidance")
}

func TestGuidanceMissingAtBaseIsClearError(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"guidance": "docs/none.md"})
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), `input guidance "docs/none.md": no such file at the PR's base commit`)
}

// readSeedGuidance returns the team's real guidance (../shared/seed), or,
// without ../shared, the project's default guidance document, which has
// the same format and the same checklist.
func readSeedGuidance(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "seed", "mtls-pop-shared-guidance.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Logf("%s not found (%v): using checklist/default-guidance.md", p, err)
		b, err = os.ReadFile(filepath.Join("..", "checklist", "default-guidance.md"))
		require.NoError(t, err)
	}
	return string(b)
}

func TestNonPREventNoticesAndExitsZero(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"GITHUB_EVENT_NAME": "push"})
	require.NoError(t, r.err)
	assert.False(t, r.failed)
	assert.Contains(t, r.stdout, "::notice::")
	assert.Contains(t, r.stdout, "pr-number")
	assert.Zero(t, f.callCount())
}

func TestPRNumberFromWorkflowRun(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"GITHUB_EVENT_NAME": "workflow_run", "pr-number": "2", "commit-sha": f.headSHA})
	require.NoError(t, r.err)
	// The event is not a PR one, so the PR is read from the API.
	assert.Equal(t, 1, f.callsMatching(`^GET /repos/Codertocat/Hello-World/pulls/2$`))
	assert.Len(t, f.published(), 1)

	g := newSampleServer(t, appToken)
	r = runAction(t, g, map[string]string{"GITHUB_EVENT_NAME": "workflow_run", "pr-number": "2", "commit-sha": strings.Repeat("a", 40)})
	require.NoError(t, r.err)
	assert.Empty(t, g.published(), "a stale commit-sha posts nothing")
	assert.Contains(t, r.stdout, "has moved on")
}

func TestPersonalTokenUsesItsLogin(t *testing.T) {
	f := newSampleServer(t, patToken)
	f.userLogin = "octo-reviewer"
	require.NoError(t, runAction(t, f, nil).err)
	// Someone else plants a comment with a matching fingerprint marker:
	// it must not suppress the bot's own comment on the next run.
	cs := f.publishedComments()
	require.Len(t, cs, 2)
	f.mu.Lock()
	f.comments = nil
	f.comments = append(f.comments, &fakeComment{ID: 1, Login: "mallory", Type: "User", Path: samplePath, Line: 12, Side: "RIGHT", Body: cs[0].Body})
	f.reviews = nil
	f.mu.Unlock()
	require.NoError(t, runAction(t, f, nil).err)
	assert.Len(t, f.publishedComments(), 3, "both findings commented again: the planted marker is not trusted")
}

func TestMissingTokenIsOneLineError(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.token = ""
	r := runAction(t, f, nil)
	require.Error(t, r.err)
	assert.Equal(t, 1, len(strings.Split(r.err.Error(), "\n")))
	assert.Contains(t, r.err.Error(), "github-token")
}

func TestRunsLocallyWithoutRunnerFiles(t *testing.T) {
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"GITHUB_OUTPUT": "", "GITHUB_STEP_SUMMARY": ""})
	require.NoError(t, r.err)
	assert.Contains(t, r.stdout, "output flow=vanilla")
}

func TestBadTokenIsRejectedByAuth(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.token = "ghs_someoneElsesTokenXXXXXXXXXXXXXXXXXXXX"
	env := map[string]string{"github-token": appToken}
	r := runAction(t, f, env)
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "401 Bad credentials")
	assert.NotContains(t, r.err.Error(), appToken)
	assert.Empty(t, f.published())
}

func TestRateLimitWaitBeyondTimeoutFailsAtOnce(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addFault("GET", `/files$`, "secondary403", 10*time.Minute)
	r := runAction(t, f, map[string]string{"timeout": "2m"})
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "would pass the timeout input")
	for _, d := range f.clock.sleeps()[1:] {
		assert.Less(t, d, 2*time.Minute, "did not sleep past the deadline")
	}
	f.mu.Lock()
	f.blockUntil = time.Time{}
	f.mu.Unlock()
}

// PR text that reaches the summary (a label here) cannot inject HTML or
// mention anyone.
func TestPRTextInSummaryIsInert(t *testing.T) {
	f := newSampleServer(t, appToken)
	dir := t.TempDir()
	ev := loadPayload(t, "synchronize")
	const label = "mtls-pop:<img src=x onerror=alert(1)> @octo-org/admins `x"
	ev["pull_request"].(map[string]any)["labels"] = []any{map[string]any{"name": label}}
	b, _ := json.Marshal(ev)
	p := filepath.Join(dir, "ev.json")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	r := runAction(t, f, map[string]string{"GITHUB_EVENT_PATH": p})
	require.NoError(t, r.err)
	body := f.published()[0].Body
	assert.Contains(t, body, "names no flow")
	// The label appears once, inside a code span (which GitHub renders
	// literally: no HTML, no mention), and nowhere else.
	assert.Contains(t, body, report.Quote(label))
	assert.Equal(t, 1, strings.Count(body, "<img"))
	assert.Equal(t, 1, strings.Count(body, "@octo-org"))
}

// When even the reads of earlier reviews fail, the findings still reach
// the log as annotations and the job summary, and the error is returned.
func TestListingFailureStillAnnotates(t *testing.T) {
	f := newSampleServer(t, appToken)
	for i := 0; i < maxAttempts; i++ {
		f.addFault("GET", `/comments$`, "500", 0)
	}
	r := runAction(t, f, nil)
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "list review comments of PR #2")
	assert.Regexp(t, `(?m)^::error .*line=18`, r.stdout)
	assert.Contains(t, r.summary, "Posting the review failed")
	assert.Equal(t, "2", r.outputs["errors"])
}

// A guidance glob is matched against the base commit's tree (one call)
// and every match is read at the base commit.
func TestGuidanceGlobReadsBaseTree(t *testing.T) {
	f := newSampleServer(t, appToken)
	g := readSeedGuidance(t)
	f.trees[f.baseSHA] = []string{"README.md", "guidance/a.md", "guidance/b.md", "guidance/sub/c.txt"}
	f.setContent(f.baseSHA, "guidance/a.md", g)
	f.setContent(f.baseSHA, "guidance/b.md", g)
	r := runAction(t, f, map[string]string{"guidance": "guidance/*.md"})
	require.NoError(t, r.err)
	assert.Equal(t, 1, f.callsMatching(`^GET /repos/.*/git/trees/`+f.baseSHA+`\?recursive=1$`))
	assert.Equal(t, 1, f.callsMatching(`contents/guidance/a\.md\?ref=`+f.baseSHA))
	assert.Equal(t, 1, f.callsMatching(`contents/guidance/b\.md\?ref=`+f.baseSHA))
	assert.Equal(t, "2", r.outputs["findings"])

	r = runAction(t, f, map[string]string{"guidance": "nothing/*.md"})
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), `input guidance "nothing/*.md" matches no file at the PR's base commit`)
}

// A removed in-scope file is reviewed from its patch; its head content is
// not fetched (there is none).
func TestRemovedFileIsNotFetched(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.files = append(f.files, fakeFile{Name: "src/MtlsPop/Old.cs", Status: "removed", Patch: "@@ -1,2 +0,0 @@\n-class Old {}\n-// gone", Changes: 2})
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Zero(t, f.callsMatching(`contents/src/MtlsPop/Old\.cs`))
	assert.NotContains(t, f.published()[0].Body, "could not be fetched")
}
