package review

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/rules"
)

const testPath = "tests/Microsoft.Identity.Test.Unit/MtlsPopLogTests.cs"

// csFile is an added C# test file whose body lines are given.
func csFile(body ...string) *diff.File {
	lines := append([]string{
		"using System;",
		"public class MtlsPopLogTests",
		"{",
		"    public void Run(AuthenticationResult result)",
		"    {",
	}, body...)
	lines = append(lines, "    }", "}")
	return difftest.Added(testPath, lines...)
}

func findingsOf(res *Result, rule string) []rules.Finding {
	var out []rules.Finding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestSuppressions pins issue #10's acceptance: a suppression comment with
// a reason removes its finding (counted and listed as suppressed); one
// without a reason, or naming an unknown rule, leaves the finding and adds
// a bad-suppression warning.
func TestSuppressions(t *testing.T) {
	const leak = "        Console.WriteLine(result.AccessToken);"
	for _, tt := range []struct {
		name       string
		file       *diff.File
		leaks      int // secret-logging findings left
		suppressed int
		bad        string // a bad-suppression message part, "" for none
	}{
		{"no comment", csFile(leak), 1, 0, ""},
		{"line above, with a reason", csFile("        // reviewbot:ignore secret-logging fake token", leak), 0, 1, ""},
		{"same line, with a reason", csFile(leak + " // reviewbot:ignore secret-logging fake token"), 0, 1, ""},
		{"two lines above does not reach", csFile("        // reviewbot:ignore secret-logging fake token", "        var x = 1;", leak), 1, 0, ""},
		{"another rule's suppression", csFile("        // reviewbot:ignore placeholder-region not this one", leak), 1, 0, ""},
		{"no reason", csFile("        // reviewbot:ignore secret-logging", leak), 1, 0, "secret-logging gives no reason"},
		{"unknown rule", csFile("        // reviewbot:ignore secret-loging fake token", leak), 1, 0, `"secret-loging", which is no reviewbot rule`},
		{"no rule", csFile("        // reviewbot:ignore", leak), 1, 0, "names no rule"},
		{"a trailing comment after the reason", csFile(leak + " // reviewbot:ignore secret-logging fake token // TODO"), 0, 1, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run([]*diff.File{tt.file}, Options{})
			require.NoError(t, err)
			assert.Len(t, findingsOf(res, "secret-logging"), tt.leaks)
			assert.Len(t, res.Suppressed, tt.suppressed)
			bad := findingsOf(res, "bad-suppression")
			if tt.bad == "" {
				assert.Empty(t, bad)
			} else {
				require.Len(t, bad, 1)
				assert.Contains(t, bad[0].Message, tt.bad)
				assert.Equal(t, rules.Warning, bad[0].Severity)
			}
			for _, s := range res.Suppressed {
				assert.Equal(t, "secret-logging", s.Rule)
				assert.True(t, s.Added, "the PR adds the comment")
				assert.Equal(t, "fake token", s.Reason)
				assert.Equal(t, testPath, s.Path)
			}
			assert.Equal(t, tt.leaks > 0, res.Failed(rules.Error), "a suppressed error no longer fails the review")
		})
	}
}

// TestSuppressionsMarkdown: an HTML comment silences the next line, the
// next paragraph or the next fenced block, and no further.
func TestSuppressionsMarkdown(t *testing.T) {
	doc := func(lines ...string) *diff.File {
		return difftest.Added("docs/mtls-pop-guide.md", append([]string{"# mTLS PoP guide", ""}, lines...)...)
	}
	for _, tt := range []struct {
		name       string
		file       *diff.File
		left       int
		suppressed int
	}{
		{"bare PoP", doc("The PoP token is bound."), 1, 0},
		{"next line", doc("<!-- reviewbot:ignore ambiguous-pop quoting the old API name -->", "The PoP token is bound."), 0, 1},
		{"whole paragraph", doc("<!-- reviewbot:ignore ambiguous-pop quoting the old API name -->", "A paragraph that starts here", "and says PoP on its second line."), 0, 1},
		{"not past a blank line", doc("<!-- reviewbot:ignore ambiguous-pop quoting the old API name -->", "First paragraph.", "", "The PoP token is bound."), 1, 0},
		{"a blank line before the target", doc("<!-- reviewbot:ignore ambiguous-pop quoting the old API name -->", "", "The PoP token is bound."), 0, 1},
		{"fenced block", doc("<!-- reviewbot:ignore secret-logging the sample prints a fake token -->", "```csharp", "var r = await app.AcquireTokenForClient(scopes).ExecuteAsync();", "", "Console.WriteLine(r.AccessToken);", "```"), 0, 1},
		{"no reason", doc("<!-- reviewbot:ignore ambiguous-pop -->", "The PoP token is bound."), 2, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run([]*diff.File{tt.file}, Options{})
			require.NoError(t, err)
			var left []string
			for _, f := range res.Findings {
				if f.Rule == "ambiguous-pop" || f.Rule == "secret-logging" || f.Rule == "bad-suppression" {
					left = append(left, f.String())
				}
			}
			assert.Len(t, left, tt.left, "%v", left)
			assert.Len(t, res.Suppressed, tt.suppressed)
		})
	}
}

// TestSuppressionFromEarlierChange: a comment already in the file (a
// context line) silences too, but is not one this change adds.
func TestSuppressionFromEarlierChange(t *testing.T) {
	f := difftest.File(testPath,
		" public class MtlsPopLogTests {",
		"     void Run(AuthenticationResult result) {",
		"         // reviewbot:ignore secret-logging a fake token",
		"+        Console.WriteLine(result.AccessToken);",
		"     }",
		" }")
	res, err := Run([]*diff.File{f}, Options{})
	require.NoError(t, err)
	assert.Empty(t, findingsOf(res, "secret-logging"))
	require.Len(t, res.Suppressed, 1)
	assert.False(t, res.Suppressed[0].Added)
	assert.Equal(t, 3, res.Suppressed[0].CommentLine)
	assert.Equal(t, 4, res.Suppressed[0].Line)
}

// TestBadSuppressionIsNotSilenced: a suppression cannot hide the report
// about a suppression.
func TestBadSuppressionIsNotSilenced(t *testing.T) {
	f := csFile("        // reviewbot:ignore bad-suppression hush", "        // reviewbot:ignore secret-logging")
	res, err := Run([]*diff.File{f}, Options{})
	require.NoError(t, err)
	assert.Len(t, findingsOf(res, "bad-suppression"), 1)
	assert.Empty(t, res.Suppressed)
}

// FuzzMayHoldSuppression holds the shortcut to what it skips: a file for
// which mayHoldSuppression says no has no suppression in its view.
func FuzzMayHoldSuppression(f *testing.F) {
	f.Add("x();\n// reviewbot:ignore secret-logging a fake token\nLog(t);", "", false)
	f.Add("text\n<!-- reviewbot:ignore placeholder-value example -->\nmore", "", true)
	f.Add("Log(t); /* reviewbot:ignore", "x\n// reviewbot:ignore secret-logging fake\ny", false)
	f.Fuzz(func(t *testing.T, text, source string, md bool) {
		p := "src/A.cs"
		if md {
			p = "docs/a.md"
		}
		lines := strings.Split(text, "\n")
		for i := range lines {
			lines[i] = "+" + lines[i]
		}
		file := difftest.File(p, lines...)
		var src []byte
		if source != "" {
			src = []byte(source)
		}
		if mayHoldSuppression(file, src) {
			return
		}
		if got := rules.Suppressions(rules.NewView(&rules.Pass{File: file, Source: src})); len(got) > 0 {
			t.Fatalf("mayHoldSuppression said no, but the view holds %+v", got)
		}
	})
}
