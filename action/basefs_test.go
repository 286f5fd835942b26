package action

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/review"
)

// baseRepo returns a fake whose base and head commits hold the same paths
// with different contents, and a baseFS over the base commit.
func baseRepo(t *testing.T) (*fakeGitHub, *baseFS) {
	t.Helper()
	f := newFakeGitHub(t, appToken)
	paths := []string{"README.md", "guidance/a.md", "guidance/b.md", "guidance/sub/c.md", "guidance/sub/notes.txt"}
	for _, sha := range []string{f.baseSHA, f.headSHA} {
		f.trees[sha] = paths
		for _, p := range paths {
			f.setContent(sha, p, "---\nskill_name: "+p+"@"+sha[:7]+"\n---\n# "+p+"\n")
		}
	}
	mk, err := newGitHubClient(f.srv.Client(), f.apiURL(), f.token)
	require.NoError(t, err)
	g := &ghRepo{api: newAPI(mk, f.clock, t.Logf), owner: fakeOwner, repo: fakeRepo}
	return f, newBaseFS(context.Background(), g, f.baseSHA, maxGuidanceBytes)
}

// baseFS is a well-behaved fs.FS (the standard library's own checks) over
// the base commit, and reads nothing at the head.
func TestBaseFSIsTheBaseCommit(t *testing.T) {
	f, fsys := baseRepo(t)
	require.NoError(t, fstest.TestFS(fsys, "README.md", "guidance/a.md", "guidance/b.md", "guidance/sub/c.md", "guidance/sub/notes.txt"))
	b, err := fs.ReadFile(fsys, "guidance/sub/c.md")
	require.NoError(t, err)
	assert.Contains(t, string(b), "guidance/sub/c.md@"+f.baseSHA[:7])
	assert.Positive(t, f.callsMatching(`ref=`+f.baseSHA))
	assert.Zero(t, f.callsMatching(f.headSHA), "baseFS read the head")
	assert.Equal(t, 1, f.callsMatching(`/git/trees/`), "the tree is listed once")
}

// Loading guidance through baseFS reads the base versions of a file, a
// directory and a glob. A named file costs one request and no listing; a
// directory (named, or a glob's fixed prefix) costs one contents request,
// which GitHub answers with a listing, then the one tree listing.
func TestBaseFSGuidanceIsTheBaseVersion(t *testing.T) {
	cases := []struct {
		entries  []string
		want     []string
		trees    int
		contents int
	}{
		{[]string{"guidance/a.md"}, []string{"guidance/a.md"}, 0, 1},
		{[]string{"guidance"}, []string{"guidance/a.md", "guidance/b.md"}, 1, 3},
		{[]string{"guidance/**/*.md"}, []string{"guidance/a.md", "guidance/b.md", "guidance/sub/c.md"}, 1, 4},
		{[]string{"**/c.md"}, []string{"guidance/sub/c.md"}, 1, 1},
		{[]string{"README.md", "guidance/sub"}, []string{"README.md", "guidance/sub/c.md"}, 1, 3},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.entries, ","), func(t *testing.T) {
			f, fsys := baseRepo(t)
			g, read, err := review.LoadGuidanceFS(fsys, c.entries, review.GuidanceLimits{MaxFiles: maxGuidanceFiles, MaxBytes: maxGuidanceBytes})
			require.NoError(t, err)
			assert.Equal(t, c.want, read)
			assert.Equal(t, c.want[0]+"@"+f.baseSHA[:7], g.SkillName, "the first document's base version")
			assert.Zero(t, f.callsMatching(f.headSHA), "read the head")
			assert.Equal(t, c.trees, f.callsMatching(`/git/trees/`+f.baseSHA))
			assert.Equal(t, c.contents, f.callsMatching(`/contents/`))
		})
	}
}

// The guidance input's entries read through baseFS: a directory and a
// glob work at the base commit; a truncated listing is said in the
// summary.
func TestGuidanceInputDirectoryAndTruncatedTree(t *testing.T) {
	g := readSeedGuidance(t)
	for _, c := range []struct {
		name, entry string
		truncated   bool
		note        bool
	}{
		{"directory", "guidance", false, false},
		{"glob", "guidance/*.md", false, false},
		{"glob over a truncated listing", "guidance/*.md", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			f.trees[f.baseSHA] = []string{"README.md", "guidance/a.md", "guidance/notes.txt"}
			f.truncatedTrees = map[string]bool{f.baseSHA: c.truncated}
			f.setContent(f.baseSHA, "guidance/a.md", g)
			f.setContent(f.baseSHA, "guidance/notes.txt", "not guidance")
			r := runAction(t, f, map[string]string{"guidance": c.entry})
			require.NoError(t, r.err)
			assert.Equal(t, 1, f.callsMatching(`contents/guidance/a\.md\?ref=`+f.baseSHA))
			assert.Zero(t, f.callsMatching(`contents/guidance/notes`), "only *.md are read")
			assert.Zero(t, f.callsMatching(`contents/guidance.*ref=`+f.headSHA), "guidance read at the head")
			assert.Equal(t, "2", r.outputs["findings"])
			const note = "The base tree is too large for one listing"
			if c.note {
				assert.Contains(t, f.published()[0].Body, note)
			} else {
				assert.NotContains(t, f.published()[0].Body, note)
			}
		})
	}
}

// Every way the guidance input can name nothing usable at the base commit
// is a one-line error naming the entry or file and what to do.
func TestGuidanceInputErrors(t *testing.T) {
	var many []string
	for i := range maxGuidanceFiles + 1 {
		many = append(many, fmt.Sprintf("g/%02d.md", i))
	}
	cases := []struct {
		name, entry string
		tree        []string
		contents    map[string]string // at the base
		head        map[string]string
		fail        string // a path GitHub answers with 500s past every retry
		want        string
	}{
		{name: "missing file", entry: "docs/none.md",
			want: `input guidance "docs/none.md": no such file at the PR's base commit f95f852: commit it to the base branch first, or leave guidance empty for the embedded one`},
		{name: "a file only the head has", entry: "docs/new.md", head: map[string]string{"docs/new.md": "---\n---\n# New\n"},
			want: `input guidance "docs/new.md": no such file at the PR's base commit f95f852: commit it to the base branch first`},
		{name: "a glob only the head matches", entry: "docs/*.md", head: map[string]string{"docs/new.md": "---\n---\n# New\n"},
			want: `input guidance "docs/*.md" matches no file at the PR's base commit f95f852: commit the guidance to the base branch first`},
		{name: "bad glob", entry: "docs/[a-.md", want: `input guidance "docs/[a-.md" is not a valid glob: fix the pattern`},
		{name: "empty directory", entry: "docs", tree: []string{"docs/notes.txt"}, contents: map[string]string{"docs/notes.txt": "x"},
			want: `input guidance "docs": no *.md file in that directory at the PR's base commit f95f852: commit the guidance to the base branch first`},
		{name: "too many files", entry: "g/*.md", tree: many,
			want: fmt.Sprintf("input guidance matches %d files at the base commit: name at most %d", maxGuidanceFiles+1, maxGuidanceFiles)},
		{name: "too large", entry: "big.md", contents: map[string]string{"big.md": strings.Repeat("x", maxGuidanceBytes+1)},
			want: fmt.Sprintf(`input guidance "big.md" is larger than %d bytes: split it`, maxGuidanceBytes)},
		{name: "too large, by a glob", entry: "*.md", tree: []string{"big.md"}, contents: map[string]string{"big.md": strings.Repeat("x", maxGuidanceBytes+1)},
			want: fmt.Sprintf(`input guidance "big.md" is larger than %d bytes: split it`, maxGuidanceBytes)},
		{name: "GitHub fails the read", entry: "g.md", contents: map[string]string{"g.md": "---\n---\n"}, fail: `/contents/g\.md$`,
			want: `read guidance "g.md" at the base commit: read g.md at f95f852: GET `},
		{name: "GitHub fails the listing", entry: "g/*.md", fail: `/git/trees/`,
			want: `input guidance "g/*.md": readdir g: list the tree of f95f852: `},
		{name: "unparsable", entry: "bad.md", contents: map[string]string{"bad.md": "---\napplies_to: [\n---\n"},
			want: `input guidance "bad.md": bad.md:3: invalid YAML front matter`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			f.trees[f.baseSHA] = c.tree
			for p, b := range c.contents {
				f.setContent(f.baseSHA, p, b)
			}
			for p, b := range c.head {
				f.setContent(f.headSHA, p, b)
				f.trees[f.headSHA] = append(f.trees[f.headSHA], p)
			}
			for range maxAttempts {
				if c.fail != "" {
					f.addFault("GET", c.fail, "500", 0)
				}
			}
			r := runAction(t, f, map[string]string{"guidance": c.entry})
			require.Error(t, r.err)
			assert.Contains(t, r.err.Error(), c.want)
			assert.NotContains(t, r.err.Error(), "\n")
			assert.Zero(t, f.callsMatching(`ref=`+f.headSHA+`|trees/`+f.headSHA), "read the head")
			assert.Zero(t, f.callsMatching(`/reviews`), "posted despite the error")
			// review.Load asks for the PR's files only once the guidance
			// reads: a broken guidance costs no listing.
			assert.Zero(t, f.callsMatching(`/pulls/[0-9]+/files`), "listed the PR's files despite the error")
			assert.LessOrEqual(t, f.callsMatching(`/git/trees/`), maxAttempts, "the tree listed more than once")
		})
	}
}
