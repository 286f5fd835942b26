package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestReadConfigDefaults(t *testing.T) {
	c, err := readConfig(envOf(map[string]string{"INPUT_GITHUB-TOKEN": "t"}))
	require.NoError(t, err)
	assert.Equal(t, rules.Error, c.FailOn)
	assert.Equal(t, "COMMENT", c.ReviewEvent)
	assert.Equal(t, DefaultMaxComments, c.MaxComments)
	assert.Equal(t, DefaultFlowLabelPrefix, c.FlowLabelPrefix)
	assert.Equal(t, DefaultTimeout, c.Timeout)
	assert.Nil(t, c.Guidance)
}

func TestReadConfigValues(t *testing.T) {
	c, err := readConfig(envOf(map[string]string{
		"INPUT_GITHUB-TOKEN": "t", "INPUT_GUIDANCE": "a.md, ./docs/*.md\nb.md", "INPUT_FAIL-ON": "never",
		"INPUT_REVIEW-EVENT": "request_changes", "INPUT_MAX-COMMENTS": "0", "INPUT_FLOW": "FIC",
		"INPUT_CASE-SENSITIVE-GLOBS": "true", "INPUT_PR-NUMBER": "#12", "INPUT_COMMIT-SHA": strings.Repeat("A", 40),
		"INPUT_DRY-RUN": "yes", "INPUT_TIMEOUT": "90",
	}))
	require.NoError(t, err)
	assert.Equal(t, []string{"a.md", "docs/*.md", "b.md"}, c.Guidance)
	assert.Zero(t, c.FailOn)
	assert.Equal(t, "REQUEST_CHANGES", c.ReviewEvent)
	assert.Zero(t, c.MaxComments)
	assert.Equal(t, flow.FIC, c.Flow)
	assert.True(t, c.CaseSensitiveGlobs)
	assert.Equal(t, 12, c.PRNumber)
	assert.Equal(t, strings.Repeat("a", 40), c.CommitSHA)
	assert.True(t, c.DryRun)
	assert.Equal(t, 90*time.Second, c.Timeout)
}

func TestReadConfigErrorsNameTheInput(t *testing.T) {
	cases := map[string]string{
		"INPUT_FAIL-ON":              "input fail-on",
		"INPUT_REVIEW-EVENT":         "input review-event",
		"INPUT_MAX-COMMENTS":         "input max-comments",
		"INPUT_FLOW":                 "input flow",
		"INPUT_CASE-SENSITIVE-GLOBS": "input case-sensitive-globs",
		"INPUT_DRY-RUN":              "input dry-run",
		"INPUT_PR-NUMBER":            "input pr-number",
		"INPUT_COMMIT-SHA":           "input commit-sha",
		"INPUT_TIMEOUT":              "input timeout",
		"INPUT_GUIDANCE":             "input guidance",
	}
	bad := map[string]string{"INPUT_GUIDANCE": "../etc/passwd", "INPUT_REVIEW-EVENT": "APPROVE"}
	for k, want := range cases {
		v := bad[k]
		if v == "" {
			v = "bogus"
		}
		_, err := readConfig(envOf(map[string]string{"INPUT_GITHUB-TOKEN": "t", k: v}))
		require.Error(t, err, k)
		assert.Contains(t, err.Error(), want)
		assert.NotContains(t, err.Error(), "\n")
	}
	_, err := readConfig(envOf(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "input github-token is empty")
}

// The real payloads from @octokit/webhooks-examples parse into the PR to
// review: number, head SHA (not GITHUB_SHA), base SHA and labels.
func TestReadEventRealPayloads(t *testing.T) {
	for _, action := range []string{"opened", "synchronize", "reopened"} {
		p := filepath.Join("..", "testdata", "github", "webhooks", "pull_request."+action+".json")
		_, err := os.Stat(p)
		require.NoError(t, err)
		for _, name := range []string{"pull_request", "pull_request_target"} {
			tg, err := readEvent(envOf(map[string]string{
				"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": p,
				"GITHUB_REPOSITORY": "Codertocat/Hello-World", "GITHUB_SHA": strings.Repeat("f", 40),
			}))
			require.NoError(t, err, action)
			assert.True(t, tg.FromEvent)
			assert.Equal(t, 2, tg.Number)
			assert.Equal(t, "ec26c3e57ca3a959ca5aad62de7213c562f8c821", tg.HeadSHA)
			assert.Equal(t, "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", tg.BaseSHA)
			assert.Equal(t, action, tg.Action)
			assert.Equal(t, 1, tg.ChangedFiles)
		}
	}
}

func TestReadEventErrors(t *testing.T) {
	_, err := readEvent(envOf(map[string]string{"GITHUB_REPOSITORY": "nope"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GITHUB_REPOSITORY")

	p := filepath.Join(t.TempDir(), "ev.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"action":"opened"}`), 0o644))
	_, err = readEvent(envOf(map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": p}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "has no pull_request")

	require.NoError(t, os.WriteFile(p, []byte(`{not json`), 0o644))
	_, err = readEvent(envOf(map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": p}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "parse pull_request event file")

	tg, err := readEvent(envOf(map[string]string{"GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_NAME": "push"}))
	require.NoError(t, err)
	assert.False(t, tg.FromEvent)
}

func TestFingerprintStableAcrossShiftsAndWhitespace(t *testing.T) {
	a := fingerprint("secret-logging", "a.cs", "    Console.WriteLine(token);")
	assert.Equal(t, a, fingerprint("secret-logging", "a.cs", "Console.WriteLine(token);  "))
	assert.NotEqual(t, a, fingerprint("secret-logging", "b.cs", "Console.WriteLine(token);"))
	assert.NotEqual(t, a, fingerprint("hardcoded-secret", "a.cs", "Console.WriteLine(token);"))
	assert.Regexp(t, `^[0-9a-f]{16}$`, a)
}
