package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckConfig: --config turns rules off, overrides severities (and so
// the exit code), ignores files with a note, and sets fail-on unless
// --fail-on is given.
func TestCheckConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	demote := write("demote.yml", "rules:\n  secret-logging: {severity: warning}\n  placeholder-region: {severity: warning}\n  assertion-without-binding: {severity: warning}\n")
	never := write("never.yml", "fail-on: never\n")
	off := write("off.yml", "rules:\n  secret-logging: {enabled: false}\n")
	ignore := write("ignore.yml", "ignore: [\"docs/**\"]\n")
	bad := write("bad.yml", "rules:\n  secret-logging: {severity: fatal}\n")

	code, out, _ := run(t, "", "check", sampleFIC)
	require.Equal(t, ExitFindings, code)
	require.Contains(t, out, "[secret-logging]")

	code, out, errs := run(t, "", "check", "--config", demote, sampleFIC)
	assert.Equal(t, ExitClean, code, "no error left: %s%s", out, errs)
	code, _, _ = run(t, "", "check", "--config", demote, "--fail-on", "warning", sampleFIC)
	assert.Equal(t, ExitFindings, code)

	code, _, _ = run(t, "", "check", "--config", never, sampleFIC)
	assert.Equal(t, ExitClean, code, "the file's fail-on")
	code, _, _ = run(t, "", "check", sampleFIC, "--config", never, "--fail-on", "error")
	assert.Equal(t, ExitFindings, code, "--fail-on wins over the file")

	_, out, _ = run(t, "", "check", "--config", off, sampleFIC)
	assert.NotContains(t, out, "[secret-logging]")
	assert.Contains(t, out, "[assertion-without-binding]")

	_, out, _ = run(t, "", "check", "--checklist", "--config", ignore, sampleFIC)
	assert.Contains(t, out, "docs/mtls-pop-fic.md: out of scope: ignored by "+ignore+" (ignore: docs/**)\n")
	assert.Contains(t, out, "note: 1 file(s) not reviewed, ignored by "+ignore+": docs/mtls-pop-fic.md\n")
	assert.NotContains(t, out, "docs/mtls-pop-fic.md:3:")

	code, out, errs = run(t, "", "check", "--config", bad, sampleFIC)
	assert.Equal(t, ExitError, code)
	assert.Empty(t, out)
	oneLineErr(t, errs, "reviewbot: "+bad+":2:30: rules.secret-logging.severity: value must be one of 'error', 'warning', 'notice': write error, warning or notice")

	code, _, errs = run(t, "", "check", "--config", filepath.Join(dir, "none.yml"), sampleFIC)
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errs, "reviewbot: --config: open ")
}
