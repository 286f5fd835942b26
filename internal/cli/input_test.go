package cli

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sampleFIC = filepath.Join("..", "..", "testdata", "sample-fic.diff")

// oneLineErr asserts that stderr is exactly one line holding want.
func oneLineErr(t *testing.T, errs, want string) {
	t.Helper()
	assert.Contains(t, errs, want)
	assert.Equal(t, 1, strings.Count(errs, "\n"), "one line on stderr: %q", errs)
	assert.True(t, strings.HasSuffix(errs, "\n"), "ends with a newline: %q", errs)
}

// TestCheckEmptyInput: an empty diff, a closed stdin or no input in CI is
// an input error, not a clean review of nothing.
func TestCheckEmptyInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.diff")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	blank := filepath.Join(dir, "blank.diff")
	require.NoError(t, os.WriteFile(blank, []byte("\n\n  \n"), 0o644))
	bom := filepath.Join(dir, "bom.diff")
	require.NoError(t, os.WriteFile(bom, []byte{0xEF, 0xBB, 0xBF}, 0o644))
	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"closed stdin, -", "", []string{"check", "-"}, "standard input: empty diff, nothing to review"},
		{"no input in CI", "", []string{"check"}, "standard input: empty diff"},
		{"blank stdin", "\n \n", []string{"check", "--format", "json"}, "standard input: empty diff"},
		{"empty file", "", []string{"check", empty}, empty + ": empty diff"},
		{"blank file", "", []string{"check", blank}, blank + ": empty diff"},
		{"only a byte order mark", "", []string{"check", bom}, bom + ": empty diff"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, tt.stdin, tt.args...)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, out)
			oneLineErr(t, errs, tt.want)
			assert.Contains(t, errs, "give a unified diff file, - for stdin, or --git BASE...HEAD")
		})
	}
}

// fakeTTY is standard input that says it is a terminal.
type fakeTTY struct{ *strings.Reader }

func (fakeTTY) Stat() (os.FileInfo, error) { return ttyInfo{}, nil }

type ttyInfo struct{}

func (ttyInfo) Name() string       { return "stdin" }
func (ttyInfo) Size() int64        { return 0 }
func (ttyInfo) Mode() fs.FileMode  { return fs.ModeDevice | fs.ModeCharDevice | 0o620 }
func (ttyInfo) ModTime() time.Time { return time.Time{} }
func (ttyInfo) IsDir() bool        { return false }
func (ttyInfo) Sys() any           { return nil }

// TestCheckTerminalHint: reading a terminal, reviewbot says so first
// instead of waiting silently; a pipe gets no hint.
func TestCheckTerminalHint(t *testing.T) {
	b, err := os.ReadFile(sampleFIC)
	require.NoError(t, err)
	for _, tt := range []struct {
		name     string
		tty      bool
		stdin    string
		code     int
		wantHint bool
	}{
		{"terminal, nothing typed", true, "", ExitError, true},
		{"terminal, diff pasted", true, string(b), ExitFindings, true},
		{"pipe", false, string(b), ExitFindings, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var in interface{ Read([]byte) (int, error) } = strings.NewReader(tt.stdin)
			if tt.tty {
				in = fakeTTY{strings.NewReader(tt.stdin)}
			}
			var out, errb bytes.Buffer
			code := Main([]string{"check"}, in, &out, &errb, func(string) string { return "" })
			assert.Equal(t, tt.code, code, errb.String())
			first, _, _ := strings.Cut(errb.String(), "\n")
			if tt.wantHint {
				assert.Equal(t, "reviewbot: reading a diff from the terminal (end with Ctrl-D); or give a unified diff file, - for stdin, or --git BASE...HEAD", first)
			} else {
				assert.Empty(t, errb.String())
			}
		})
	}
}

// TestCheckNullDeviceStdin: standard input from the null device (a
// character device, as CI jobs give it) is no terminal: no hint, one line.
func TestCheckNullDeviceStdin(t *testing.T) {
	null, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer null.Close()
	var out, errb bytes.Buffer
	code := Main([]string{"check"}, null, &out, &errb, func(string) string { return "" })
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errb.String(), "reviewbot: standard input: empty diff")
}

// TestCheckInterleavedFlags: flags after the diff work like flags before it.
func TestCheckInterleavedFlags(t *testing.T) {
	_, want, _ := run(t, "", "check", "--format", "json", "--fail-on", "never", sampleFIC)
	for _, args := range [][]string{
		{"check", sampleFIC, "--format", "json", "--fail-on", "never"},
		{"check", "--format", "json", sampleFIC, "--fail-on=never"},
	} {
		code, out, errs := run(t, "", args...)
		assert.Equal(t, ExitClean, code, errs)
		assert.Empty(t, errs)
		assert.Equal(t, want, out, "%v", args)
	}
	// After "--" a name that looks like a flag is the diff.
	code, _, errs := run(t, "", "check", "--", "--format")
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errs, "read diff: open --format")
	// Two diffs are still two diffs, wherever the flags are.
	code, _, errs = run(t, "", "check", sampleFIC, "--format", "json", sampleFIC)
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errs, "more than one diff given")
}

// TestCheckGitRangeForm: --git takes BASE...HEAD only; the other forms git
// accepts review something else than the PR would show.
func TestCheckGitRangeForm(t *testing.T) {
	for _, tt := range []struct{ spec, want string }{
		{"main..HEAD", `"main..HEAD" is a two-dot range`},
		{"HEAD~1", `"HEAD~1" is a single revision`},
		{"...HEAD", `"...HEAD" leaves out a revision`},
		{"main...", `"main..." leaves out a revision`},
		{"...", `"..." leaves out a revision`},
		{"a...b...c", `"a...b...c" holds more than one range`},
		{"a..b...c", `"a..b...c" holds more than one range`},
		{"--output=/tmp/x", `"--output=/tmp/x" starts with '-'`},
	} {
		t.Run(tt.spec, func(t *testing.T) {
			code, out, errs := run(t, "", "check", "--git", tt.spec)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, out)
			oneLineErr(t, errs, "reviewbot: --git "+tt.want)
			assert.Contains(t, errs, "give BASE...HEAD")
		})
	}
	assert.NoError(t, checkGitRange("origin/main...HEAD"))
	assert.NoError(t, checkGitRange("v1.2.0...feature/x"))
}

// TestCheckWindowsEncodings: a diff saved with a UTF-8 byte order mark or
// as UTF-16 (PowerShell 5.1's `git diff > x.diff`) reviews like the plain
// file.
func TestCheckWindowsEncodings(t *testing.T) {
	plain, err := os.ReadFile(sampleFIC)
	require.NoError(t, err)
	_, want, _ := run(t, "", "check", "--format", "json", sampleFIC)
	utf16le := func(s string, bom bool) []byte {
		u := utf16.Encode([]rune(s))
		if bom {
			u = append([]uint16{0xFEFF}, u...)
		}
		b := make([]byte, 2*len(u))
		for i, c := range u {
			binary.LittleEndian.PutUint16(b[2*i:], c)
		}
		return b
	}
	crlf := strings.ReplaceAll(string(plain), "\n", "\r\n")
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"utf8-bom.diff", append([]byte{0xEF, 0xBB, 0xBF}, plain...)},
		{"powershell.diff", utf16le(crlf, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			require.NoError(t, os.WriteFile(p, tt.data, 0o644))
			code, out, errs := run(t, "", "check", "--format", "json", p)
			assert.Equal(t, ExitFindings, code, errs)
			assert.Equal(t, want, out)
			code, out, _ = run(t, string(tt.data), "check", "--format", "json", "-")
			assert.Equal(t, ExitFindings, code)
			assert.Equal(t, want, out, "from stdin")
		})
	}
	p := filepath.Join(dir, "nobom.diff")
	require.NoError(t, os.WriteFile(p, utf16le(string(plain), false), 0o644))
	code, _, errs := run(t, "", "check", p)
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errs, p+": diff: input looks like UTF-16 without a byte order mark: convert it to UTF-8")
}

// TestMessagesDoNotStutter pins two messages that once repeated a word.
func TestMessagesDoNotStutter(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such.md")
	_, _, errs := run(t, "", "check", "--guidance", missing, sampleFIC)
	oneLineErr(t, errs, "reviewbot: guidance "+missing+":")
	assert.NotContains(t, errs, "guidance guidance")
	assert.NotContains(t, errs, "guidance: guidance")

	noFront := filepath.Join(dir, "g.md")
	require.NoError(t, os.WriteFile(noFront, []byte("# Guidance\n"), 0o644))
	_, _, errs = run(t, "", "check", "--guidance", noFront, sampleFIC)
	oneLineErr(t, errs, "reviewbot: guidance "+noFront+": no YAML front matter")

	d := "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-a\n+b\n"
	code, out, errs := run(t, d, "check", "--checklist", "-")
	assert.Equal(t, ExitClean, code, errs)
	assert.Contains(t, out, "README.md: out of scope: no applies_to glob matches")
	assert.NotContains(t, out, "out of scope: out of scope")
}

// TestCheckDiffFileRead: a diff file is read straight into the parser;
// a directory still fails as a read of that name, and a CRLF file with a
// byte order mark reviews as its LF copy does.
func TestCheckDiffFileRead(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := run(t, "", "check", dir)
	assert.Equal(t, ExitError, code)
	oneLineErr(t, errs, "read diff: read "+dir+": is a directory: give a unified diff file")

	data, err := os.ReadFile(sampleFIC)
	require.NoError(t, err)
	crlf := filepath.Join(dir, "crlf.diff")
	require.NoError(t, os.WriteFile(crlf, append([]byte("\xEF\xBB\xBF"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...), 0o644))
	wantCode, want, _ := run(t, "", "check", "--format", "json", sampleFIC)
	code, got, errs := run(t, "", "check", "--format", "json", crlf)
	assert.Equal(t, wantCode, code, errs)
	assert.Equal(t, strings.ReplaceAll(want, sampleFIC, crlf), got)
}
