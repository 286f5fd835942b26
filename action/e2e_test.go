package action

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildReviewbot builds ./cmd/reviewbot into a temporary directory.
func buildReviewbot(t *testing.T) string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	bin := filepath.Join(t.TempDir(), "reviewbot")
	// The same flags as the test build, so the build cache serves it.
	cmd := exec.Command(goBin, "build", "-o", bin, "./cmd/reviewbot")
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build ./cmd/reviewbot:\n%s", out)
	return bin
}

// TestEndToEndBinary runs the built binary exactly as the runner runs the
// Docker action: `reviewbot action` with INPUT_* and GITHUB_* variables,
// the real event payload file and the output files, against the fake
// GitHub on loopback.
func TestEndToEndBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	bin := buildReviewbot(t)
	f := newSampleServer(t, appToken)
	f.realTime = true

	dir := t.TempDir()
	ev := loadPayload(t, "opened")
	b, err := json.Marshal(ev)
	require.NoError(t, err)
	evPath := filepath.Join(dir, "event.json")
	require.NoError(t, os.WriteFile(evPath, b, 0o644))
	outPath, sumPath := filepath.Join(dir, "output"), filepath.Join(dir, "summary")

	runBin := func(extra ...string) (int, string, string) {
		cmd := exec.Command(bin, "action")
		cmd.Dir = dir
		cmd.Env = append([]string{
			"PATH=" + os.Getenv("PATH"),
			"GITHUB_EVENT_NAME=pull_request_target",
			"GITHUB_EVENT_PATH=" + evPath,
			"GITHUB_REPOSITORY=Codertocat/Hello-World",
			"GITHUB_API_URL=" + f.apiURL(),
			"GITHUB_OUTPUT=" + outPath,
			"GITHUB_STEP_SUMMARY=" + sumPath,
			"INPUT_GITHUB-TOKEN=" + appToken,
			"INPUT_FAIL-ON=error",
			"INPUT_MAX-COMMENTS=30",
			"INPUT_FLOW-LABEL-PREFIX=mtls-pop:",
			"INPUT_DRY-RUN=false",
		}, extra...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		return code, stdout.String(), stderr.String()
	}

	code, stdout, stderr := runBin()
	assert.Equal(t, 1, code, "findings at or above fail-on exit 1\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Empty(t, stderr)
	require.Len(t, f.published(), 1)
	assert.Len(t, f.publishedComments(), 2)
	out := parseOutputs(t, outPath)
	assert.Equal(t, "vanilla", out["flow"])
	assert.Equal(t, "2", out["errors"])
	assert.Contains(t, out["review-url"], "#pullrequestreview-")
	sum, err := os.ReadFile(sumPath)
	require.NoError(t, err)
	assert.Contains(t, string(sum), "#### Needs a reviewer")
	for _, l := range strings.Split(stdout, "\n") {
		if strings.Contains(l, appToken) {
			assert.Equal(t, "::add-mask::"+appToken, l)
		}
	}
	assert.NotContains(t, string(sum), appToken)

	// A bad input is a one-line error and exit 2, and posts nothing.
	code, _, stderr = runBin("INPUT_FAIL-ON=sometimes")
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(stderr), "\n")+1, stderr)
	assert.Contains(t, stderr, "input fail-on")
	assert.Len(t, f.published(), 1)

	f.mu.Lock()
	defer f.mu.Unlock()
	assert.Empty(t, f.violations)
}
