package action

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

func TestConfigInput(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"", review.DefaultConfigPath, ""},
		{"./ci/reviewbot.yml", "ci/reviewbot.yml", ""},
		{"/etc/reviewbot.yml", "", "input config"},
		{"../x.yml", "", "without .."},
		{".github/*.yml", "", "or globs"},
	} {
		got, err := configInput(func(string) string { return tt.in })
		if tt.err != "" {
			require.Error(t, err, tt.in)
			assert.Contains(t, err.Error(), tt.err)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got)
	}
}

// The sample PR has two errors: placeholder-region (line 12) and
// secret-logging (line 18).
func TestConfigFileAppliesFromBase(t *testing.T) {
	for _, tt := range []struct {
		name     string
		config   string
		failed   bool
		findings string
		comments int
		summary  string
	}{
		{"rule off", "rules:\n  secret-logging: {enabled: false}\n", true, "1", 1, ""},
		{"severity override lets the step pass", "rules:\n  secret-logging: {severity: warning}\n  placeholder-region: {severity: warning}\n", false, "2", 2, ""},
		{"fail-on never", "fail-on: never\n", false, "2", 2, ""},
		{"max-comments", "max-comments: 1\n", true, "2", 1, "beyond max-comments (1)"},
		{"ignore glob", "ignore: [\"src/MtlsPop/**\"]\n", false, "0", 0, "ignored by .github/reviewbot.yml: src/MtlsPop/Sample.cs"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			f.setContent(f.baseSHA, review.DefaultConfigPath, tt.config)
			r := runAction(t, f, nil)
			require.NoError(t, r.err)
			assert.Equal(t, tt.failed, r.failed)
			assert.Equal(t, tt.findings, r.outputs["findings"])
			assert.Len(t, f.publishedComments(), tt.comments)
			assert.Contains(t, r.summary, tt.summary)
			assert.Contains(t, r.stdout, "config read from base commit")
		})
	}
}

// TestConfigFileChangedByThePRIsNotApplied: the PR's own edit of the
// configuration (turning the rules off) is reported, not applied.
func TestConfigFileChangedByThePRIsNotApplied(t *testing.T) {
	f := newSampleServer(t, appToken)
	cp := review.DefaultConfigPath
	f.setContent(f.baseSHA, cp, "inline-level: notice\n")
	f.setContent(f.headSHA, cp, "fail-on: never\nrules:\n  secret-logging: {enabled: false}\n  placeholder-region: {enabled: false}\n")
	f.files = append(f.files, fakeFile{Name: cp, Status: "modified", Patch: "@@ -1,1 +1,1 @@\n-inline-level: notice\n+fail-on: never", Changes: 2})
	r := runAction(t, f, nil)
	require.NoError(t, r.err)
	assert.True(t, r.failed, "the base's configuration applies")
	assert.Equal(t, "2", r.outputs["findings"])
	assert.Equal(t, 1, f.callsMatching(`contents/\.github/reviewbot\.yml\?ref=`+f.baseSHA))
	assert.Zero(t, f.callsMatching(`contents/\.github/reviewbot\.yml\?ref=`+f.headSHA))
	assert.Contains(t, f.published()[0].Body, "This PR changes the reviewbot configuration")
}

func TestConfigFileErrors(t *testing.T) {
	t.Run("missing at the default path", func(t *testing.T) {
		f := newSampleServer(t, appToken)
		r := runAction(t, f, nil)
		require.NoError(t, r.err)
		assert.True(t, r.failed)
		assert.Contains(t, r.stdout, "no .github/reviewbot.yml at base commit")
	})
	t.Run("missing at a named path", func(t *testing.T) {
		f := newSampleServer(t, appToken)
		r := runAction(t, f, map[string]string{"config": "ci/reviewbot.yml"})
		require.Error(t, r.err)
		assert.Contains(t, r.err.Error(), `input config "ci/reviewbot.yml": no such file at the PR's base commit`)
	})
	t.Run("invalid", func(t *testing.T) {
		f := newSampleServer(t, appToken)
		f.setContent(f.baseSHA, "ci/reviewbot.yml", "rules:\n  secret-logging: {enabled: nope}\n")
		r := runAction(t, f, map[string]string{"config": "ci/reviewbot.yml"})
		require.Error(t, r.err)
		assert.Contains(t, r.err.Error(), "ci/reviewbot.yml:2:29: rules.secret-logging.enabled: got string, want boolean: write enabled: true or enabled: false")
		assert.Empty(t, f.published())
	})
}

// TestConfigFileSetsInlineLevel: the file's inline-level, max-comments and
// fail-on win over the inputs (whose defaults the runner always passes).
func TestConfigFileSetsInlineLevel(t *testing.T) {
	f := newSampleServer(t, appToken)
	f.setContent(f.baseSHA, review.DefaultConfigPath, "inline-level: error\nmax-comments: 7\nfail-on: notice\n")
	var out bytes.Buffer
	r := newRunner(envOf(nil), &out)
	mk, err := newGitHubClient(f.srv.Client(), f.apiURL(), f.token)
	require.NoError(t, err)
	cfg := &Config{ConfigFile: review.DefaultConfigPath, InlineLevel: rules.Warning, MaxComments: DefaultMaxComments, FailOn: rules.Error}
	rv := &reviewer{cfg: cfg, t: &target{BaseSHA: f.baseSHA, Owner: fakeOwner, Repo: fakeRepo},
		g: &ghRepo{api: newAPI(mk, f.clock, r.logf), owner: fakeOwner, repo: fakeRepo}, r: r}
	c, err := rv.loadRepoConfig(context.Background())
	require.NoError(t, err)
	require.NotNil(t, c)
	assert.Equal(t, rules.Error, cfg.InlineLevel)
	assert.Equal(t, 7, cfg.MaxComments)
	assert.Equal(t, rules.Notice, cfg.FailOn)
}
