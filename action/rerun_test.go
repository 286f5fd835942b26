package action

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var writeCalls = `^(POST|PUT|PATCH|DELETE) `

func (f *fakeGitHub) pendingReviews() []*fakeReview {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*fakeReview
	for _, r := range f.reviews {
		if r.State == "PENDING" {
			out = append(out, r)
		}
	}
	return out
}

// plantPending leaves a pending review of login, as a cancelled run does.
// The caller holds the lock or runs before the action.
func (f *fakeGitHub) plantPendingLocked(login string) {
	f.nextID++
	f.reviews = append(f.reviews, &fakeReview{ID: f.nextID, Login: login, Type: "Bot", State: "PENDING", CommitID: f.headSHA})
}

// addRefusedFile adds an in-scope file GitHub lists without a patch and
// whose own diff is smaller than reviewbot's local one: GitHub refuses the
// comment on it as "not part of the diff".
func (f *fakeGitHub) addRefusedFile() {
	base := []string{"namespace Contoso.MtlsPop.Big", "{"}
	for i := 0; i < 30; i++ {
		base = append(base, fmt.Sprintf("    // line %d", i))
	}
	base = append(base, "}")
	head := append([]string{}, base...)
	head[3] = `    // Console.WriteLine kept`
	head = append(head[:len(head)-1], `    static void Log(AuthenticationResult r) { Console.WriteLine(r.AccessToken); }`, "}")
	f.setContent(f.baseSHA, "src/MtlsPop/Big.cs", content(base))
	f.setContent(f.headSHA, "src/MtlsPop/Big.cs", content(head))
	f.files = append(f.files, fakeFile{Name: "src/MtlsPop/Big.cs", Status: "modified", Changes: 3,
		HiddenPatch: "@@ -2,3 +2,3 @@\n {\n     // line 0\n-    // line 1\n+    // Console.WriteLine kept"})
}

// Issue 8 item 3: a pending review an earlier run left (cancelled, or a
// lost reply) is deleted on start; otherwise GitHub refuses every review.
func TestStalePendingReviewIsDeletedOnStart(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.plantPendingLocked(botLogin)
	// Another user's pending review is not the bot's to delete.
	f.plantPendingLocked("octocat")
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	require.Len(t, f.published(), 1)
	assert.Len(t, f.publishedComments(), 2)
	pend := f.pendingReviews()
	require.Len(t, pend, 1)
	assert.Equal(t, "octocat", pend[0].Login)
	assert.Equal(t, 1, f.callsMatching(`^DELETE /repos/.*/reviews/\d+$`))
	assert.Equal(t, 1, f.callsMatching(`^POST `), "no retry storm")
	assert.Contains(t, r.stdout, "an earlier run left it")
}

// Issue 8 item 3: a run cancelled (SIGTERM from cancel-in-progress) while
// a pending test review is up deletes it before it exits.
func TestCancelledRunDeletesItsPendingTestReview(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addRefusedFile()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.after = func(call string) {
		if strings.HasPrefix(call, "POST ") && len(f.pendingReviews()) > 0 {
			cancel()
		}
	}
	r := runActionCtx(ctx, t, f, nil)
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), "context canceled")
	assert.Empty(t, f.pendingReviews(), "the pending test review is deleted")
	assert.Regexp(t, `(?m)^::error .*line=18`, r.stdout, "the findings still reach the log")

	// The next run is not blocked.
	f.after = nil
	require.NoError(t, runAction(t, f, nil).err)
	assert.Len(t, f.published(), 1)
}

// Issue 8 item 3: a 422 that is not about comment positions ("one pending
// review") is not bisected: the bot's pending review is deleted and the
// review posted again once.
func TestPendingConflictIsNotBisected(t *testing.T) {
	f := newSampleServer(t, appToken)
	planted := false
	f.before = func(call string) {
		if strings.HasPrefix(call, "POST ") && !planted {
			planted = true
			f.plantPendingLocked(botLogin) // a lost reply of a concurrent run
		}
	}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Len(t, f.published(), 1)
	assert.Len(t, f.publishedComments(), 2)
	assert.Equal(t, 2, f.callsMatching(`^POST `), "the review, then once more after the delete")
	assert.Equal(t, 1, f.callsMatching(`^DELETE `))
	assert.NotContains(t, r.stdout, "finding the comments it rejects")
}

// Issue 8 item 9: the PR is force-pushed between listing and posting: the
// run stops with a notice instead of bisecting a diff that is gone.
func TestHeadMovedStopsWithNotice(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.before = func(call string) {
		if strings.HasPrefix(call, "POST ") && f.headSHA != strings.Repeat("9", 40) {
			f.headSHA = strings.Repeat("9", 40)
		}
	}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Empty(t, f.published())
	assert.Empty(t, f.pendingReviews())
	assert.Equal(t, 1, f.callsMatching(`^POST `), "no test reviews")
	assert.Regexp(t, `(?m)^::notice::PR #2 moved on to 9999999 while reviewbot reviewed ec26c3e`, r.stdout)
	assert.NotContains(t, r.stdout, "GitHub refused")
	assert.Contains(t, r.summary, "the run for the new head reviews it")
	assert.Equal(t, "", r.outputs["review-url"])
	assert.Equal(t, "2", r.outputs["errors"])
}

// Issue 8 item 4: a comment GitHub refused is recorded in the summary's
// state; a re-run on the same head does not try it again.
func TestRefusedCommentIsNotRetriedOnSameHead(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.addRefusedFile()
	require.NoError(t, runAction(t, f, nil).err)
	require.Len(t, f.published(), 1)
	body := f.published()[0].Body
	require.Contains(t, body, "GitHub refused 1 inline comment(s)")

	before := f.callsMatching(writeCalls)
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, before, f.callsMatching(writeCalls), "nothing new on the same head: no review, no test review, no edit")
	assert.Len(t, f.published(), 1)
	assert.Contains(t, r.summary, "GitHub refused 1 inline comment(s)")
	assert.Contains(t, r.summary, "Big.cs")
}

// Issue 8 item 5 (issue 7 item 3): past max-comments the rest stay in the
// summary, and a re-run on the same head posts none of them.
func TestOverflowIsNotPostedOnRerunOfSameHead(t *testing.T) {
	f := newSampleServer(t, appToken)
	in := map[string]string{"max-comments": "1"}
	require.NoError(t, runAction(t, f, in).err)
	require.Len(t, f.publishedComments(), 1)
	before := f.callsMatching(writeCalls)
	for i := 0; i < 2; i++ {
		r := runAction(t, f, in)
		require.NoError(t, r.err)
		assert.Contains(t, r.summary, "beyond max-comments (1)")
	}
	assert.Equal(t, before, f.callsMatching(writeCalls))
	assert.Len(t, f.published(), 1)
	assert.Len(t, f.publishedComments(), 1)
}

// mixedLines holds one finding of each severity: a notice (line 1), a
// warning (12) and errors (13, 19).
func mixedLines() []string {
	lines := append([]string{"// Sample of the vanilla flow."}, sampleLines...)
	lines[11] = `                .Create("your-client-id")`
	return lines
}

// noticePath holds the mixed sample's notice: a bare "PoP" in C# that
// never says mTLS (in the sample itself, which calls
// WithMtlsProofOfPossession, it would be mTLS PoP already).
const noticePath = "src/Pop/TokenClient.cs"

// mixedFiles are the sample with an error, a warning and a second error,
// and a file with one notice on its line 1.
func mixedFiles(f *fakeGitHub) []fakeFile {
	return []fakeFile{
		f.addSample(samplePath, mixedLines()),
		f.addSample(noticePath, []string{"// Sends the PoP token to the resource.", "internal class TokenClient { }"}),
	}
}

// Issue 7 item 3: inline comments go to errors, then warnings, then
// notices, in file order; notices stay in the summary by default.
func TestInlinePolicyBySeverity(t *testing.T) {
	cases := []struct {
		name   string
		inputs map[string]string
		lines  []int
		note   string
	}{
		{"default inline-level warning", nil, []int{12, 13, 19}, "1 finding(s) below inline-level (warning)"},
		{"errors first within max-comments", map[string]string{"max-comments": "2"}, []int{13, 19}, "1 more finding(s) are beyond max-comments (2)"},
		{"inline-level notice", map[string]string{"inline-level": "notice"}, []int{1, 12, 13, 19}, ""},
		{"inline-level notice, errors then warnings first", map[string]string{"inline-level": "notice", "max-comments": "3"}, []int{12, 13, 19}, "1 more finding(s)"},
		{"inline-level error", map[string]string{"inline-level": "ERROR"}, []int{13, 19}, "2 finding(s) below inline-level (error)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeGitHub(t, appToken)
			f.files = mixedFiles(f)
			r := runAction(t, f, tc.inputs)
			require.NoError(t, r.err)
			assert.Equal(t, "4", r.outputs["findings"])
			var got []int
			for _, c := range f.publishedComments() {
				got = append(got, c.Line)
			}
			sort.Ints(got)
			assert.Equal(t, tc.lines, got)
			if tc.note != "" {
				assert.Contains(t, f.published()[0].Body, tc.note)
			}
			// Nothing is lost: every finding is in the summary.
			for _, l := range []string{"TokenClient.cs:1", "Sample.cs:12", "Sample.cs:13", "Sample.cs:19"} {
				assert.Contains(t, f.published()[0].Body, l)
			}
		})
	}
	_, err := readConfig(func(k string) string {
		return map[string]string{"INPUT_GITHUB-TOKEN": "t", "INPUT_INLINE-LEVEL": "loud"}[k]
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "input inline-level \"loud\": use error, warning or notice")
}

// Issue 8 item 6 with issue 7 item 2: a line identical to an
// already-commented one is inserted above it. Both lines are one problem
// (one rule, one literal, one file): the comment already posted covers it,
// no second comment lands on either line, and the summary names both.
func TestIdenticalLineInsertedAboveIsTheSameProblem(t *testing.T) {
	f := newSampleServer(t, appToken)
	require.NoError(t, runAction(t, f, nil).err)
	require.Len(t, f.publishedComments(), 2)

	// Line 18 logs the token; the same line is inserted above line 17.
	lines := append(append(append([]string{}, sampleLines[:16]...), sampleLines[17]), sampleLines[16:]...)
	require.Equal(t, lines[16], lines[18])
	f.push("7777777777777777777777777777777777777777", nil)
	f.files = []fakeFile{f.addSample(samplePath, lines)}
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	perLine := map[int]int{}
	f.mu.Lock()
	for _, c := range f.publishedCommentsLocked() {
		if strings.Contains(c.Body, "secret-logging") {
			l, ok := f.currentLine(c, c.Line)
			require.True(t, ok)
			perLine[l]++
		}
	}
	f.mu.Unlock()
	assert.Equal(t, map[int]int{19: 1}, perLine, "the one comment stays on its line, and none is added")
	assert.Contains(t, f.published()[len(f.published())-1].Body, "R17) (also line 19)")

	// A re-run adds nothing.
	before := f.callsMatching(writeCalls)
	require.NoError(t, runAction(t, f, nil).err)
	assert.Equal(t, before, f.callsMatching(writeCalls))
}

// Issue 8 item 11: a failed run still writes the outputs it knows and a
// job summary that says what failed and what to do.
func TestFailedRunStillReports(t *testing.T) {
	cases := []struct {
		name   string
		inputs map[string]string
		setup  func(f *fakeGitHub)
		want   string
	}{
		{"bad input", map[string]string{"max-comments": "lots"}, nil, "input max-comments"},
		{"guidance missing", map[string]string{"guidance": "docs/none.md"}, nil, "no such file at the PR"},
		{"API down", nil, func(f *fakeGitHub) {
			for i := 0; i < maxAttempts; i++ {
				f.addFault("GET", `/files$`, "500", 0)
			}
		}, "list files of PR #2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			if tc.setup != nil {
				tc.setup(f)
			}
			r := runAction(t, f, tc.inputs)
			require.Error(t, r.err)
			assert.Contains(t, r.summary, "## reviewbot failed")
			assert.Contains(t, r.summary, tc.want)
			assert.Contains(t, r.summary, "re-run the job")
			require.NotNil(t, r.outputs)
			v, ok := r.outputs["review-url"]
			assert.True(t, ok, "review-url is written")
			assert.Empty(t, v)
		})
	}
	// A failure after the review still has its counts and summary.
	f := newSampleServer(t, appToken)
	for i := 0; i < maxAttempts; i++ {
		f.addFault("GET", `/comments$`, "500", 0)
	}
	r := runAction(t, f, nil)
	require.Error(t, r.err)
	assert.Equal(t, "2", r.outputs["errors"])
	assert.Equal(t, 1, strings.Count(r.summary, "#### Needs a reviewer"))
	assert.NotContains(t, r.summary, "## reviewbot failed", "the review's own summary says what failed")
}

// Issue 8 item 12: an in-scope file too large to review is named in the
// verdict, not counted clean, and the items it would have informed are
// not checked.
func TestTooLargeInScopeFileIsNotClean(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	clean := append([]string{}, sampleLines...)
	clean[11] = `                .WithAzureRegion("westus3")`
	clean[17] = `            Console.WriteLine("acquired");`
	f.files = []fakeFile{f.addSample(samplePath, clean)}
	huge := strings.Repeat("// padding line of a generated mTLS PoP file\n", maxFileBytes/40)
	f.setContent(f.baseSHA, "src/MtlsPop/Generated.cs", huge)
	f.setContent(f.headSHA, "src/MtlsPop/Generated.cs", huge+"Console.WriteLine(result.AccessToken);\n")
	f.files = append(f.files, fakeFile{Name: "src/MtlsPop/Generated.cs", Status: "modified", Changes: 1})
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.Equal(t, "0", r.outputs["findings"])
	body := f.published()[0].Body
	assert.Contains(t, body, "no findings in the files read")
	assert.Contains(t, body, "**Not reviewed, so not known to be clean:** 1 file in scope (`src/MtlsPop/Generated.cs`)")
	assert.Contains(t, body, "*not checked*")
	assert.Contains(t, body, "src/MtlsPop/Generated.cs could not be read")
}
