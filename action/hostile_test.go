package action

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ourCommand is the only workflow commands the bot itself issues.
var ourCommand = regexp.MustCompile(`^::(add-mask|error|warning|notice)[ :]`)

// assertInertLog checks every line the bot wrote to the job log: the runner
// must read no command in it but the bot's own (the mask, annotations),
// and no line may hold an ANSI escape or the legacy "##[" form, which the
// runner obeys anywhere in a line.
func assertInertLog(t *testing.T, log string) {
	t.Helper()
	for _, l := range strings.Split(log, "\n") {
		assert.NotContains(t, l, "##[", "legacy workflow command in a log line")
		assert.NotContains(t, l, "\x1b", "ANSI escape in a log line")
		assert.NotContains(t, l, "\u009b", "ANSI CSI in a log line")
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "::") {
			assert.Regexp(t, ourCommand, l, "a workflow command the bot does not issue")
		}
	}
}

// hostilePR is a PR whose path, hunk text, label and title all carry
// workflow commands and ANSI escapes.
func hostilePR(t *testing.T, f *fakeGitHub) string {
	const path = "src/MtlsPop/##[set-output name=flow]x/\x1b[2J::add-mask::Evil.cs"
	lines := append([]string{}, sampleLines...)
	lines[11] = `                .WithAzureRegion("##[stop-commands]tok1 ::set-output name=flow::fic")`
	f.files = []fakeFile{f.addSample(path, lines)}
	// Its head content fails once: the retry's log line names the path.
	f.addFault("GET", `/contents/`, "500", 0)

	ev := loadPayload(t, "synchronize")
	pr := ev["pull_request"].(map[string]any)
	pr["title"] = "::stop-commands::tok2 ##[stop-commands]tok3 \x1b[31m"
	pr["labels"] = []any{map[string]any{"name": "mtls-pop:##[add-mask]x \x1b[0m"}, map[string]any{"name": "::warning::planted"}}
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "ev.json")
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// Issue 8 item 1: PR-controlled text reaches the log (findings, retries,
// annotations) but never as a workflow command, in normal and fork mode.
func TestHostilePRTextCannotInjectWorkflowCommands(t *testing.T) {
	for _, fork := range []bool{false, true} {
		name := map[bool]string{false: "normal", true: "fork read-only"}[fork]
		t.Run(name, func(t *testing.T) {
			f := newFakeGitHub(t, appToken)
			f.readOnly = fork
			ev := hostilePR(t, f)
			r := runAction(t, f, map[string]string{"GITHUB_EVENT_PATH": ev})
			require.NoError(t, r.err)
			assert.Equal(t, "vanilla", r.outputs["flow"], "no output was set by PR text")
			// The hostile texts did reach the log, made inert.
			assert.Contains(t, r.stdout, "stop-commands]tok1")
			assert.Contains(t, r.stdout, "set-output name=flow]x")
			assert.Contains(t, r.stdout, "retry 1 of")
			if fork {
				assert.Regexp(t, `(?m)^::error .*file=src/MtlsPop/`, r.stdout)
				assert.Contains(t, r.summary, "could not write")
			} else {
				assert.Len(t, f.published(), 1)
			}
			assertInertLog(t, r.stdout)
		})
	}
}

// The error a failed run returns is printed to the log by the CLI: PR text
// in it is inert too.
func TestHostilePathInErrorIsInert(t *testing.T) {
	f := newFakeGitHub(t, appToken)
	ev := hostilePR(t, f)
	for i := 0; i < maxAttempts; i++ {
		f.addFault("GET", `/comments$`, "500", 0)
	}
	r := runAction(t, f, map[string]string{"GITHUB_EVENT_PATH": ev})
	require.Error(t, r.err)
	assertInertLog(t, r.err.Error())
	assertInertLog(t, r.stdout)
}
