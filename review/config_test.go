package review

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/rules"
)

// issueExample is the configuration issue #10 shows.
const issueExample = `rules:
  secret-logging: {enabled: false}
  ambiguous-pop: {severity: warning}
ignore: ["docs/archive/**"]
inline-level: warning
max-comments: 20
fail-on: error
`

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig(".github/reviewbot.yml", []byte(issueExample), nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"secret-logging": true}, c.Disabled)
	assert.Equal(t, map[string]rules.Severity{"ambiguous-pop": rules.Warning}, c.Severity)
	assert.Equal(t, []string{"docs/archive/**"}, c.Ignore)
	require.NotNil(t, c.InlineLevel)
	assert.Equal(t, rules.Warning, *c.InlineLevel)
	require.NotNil(t, c.MaxComments)
	assert.Equal(t, 20, *c.MaxComments)
	require.NotNil(t, c.FailOn)
	assert.Equal(t, rules.Error, *c.FailOn)

	c, err = ParseConfig("x.yml", []byte("fail-on: never\nrules:\n  secret-logging: {enabled: true}\n"), nil)
	require.NoError(t, err)
	require.NotNil(t, c.FailOn)
	assert.Equal(t, rules.Severity(0), *c.FailOn, "never")
	assert.Empty(t, c.Disabled, "enabled: true turns nothing off")
	assert.Nil(t, c.MaxComments)
	assert.Nil(t, c.InlineLevel)

	for _, empty := range []string{"", "\n", "# only a comment\n"} {
		c, err := ParseConfig("x.yml", []byte(empty), nil)
		require.NoError(t, err, "%q", empty)
		assert.Equal(t, &Config{Source: "x.yml"}, c)
	}
}

// TestParseConfigErrors: every error says file:line:col, what is wrong
// and what to write, on one line.
func TestParseConfigErrors(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"unknown key", "rules: {}\nfail_on: error\n", `c.yml:2:1: unknown key "fail_on": the settings are rules, ignore, inline-level, max-comments and fail-on`},
		{"bad severity", "rules:\n  ambiguous-pop: {severity: fatal}\n", `c.yml:2:29: rules.ambiguous-pop.severity: value must be one of 'error', 'warning', 'notice': write error, warning or notice`},
		{"enabled not a bool", "rules:\n  secret-logging:\n    enabled: \"no\"\n", `c.yml:3:14: rules.secret-logging.enabled: got string, want boolean: write enabled: true or enabled: false`},
		{"rule setting misspelt", "rules:\n  secret-logging: {enable: false}\n", `c.yml:2:20: rules.secret-logging: unknown key "enable": write ` + "`enabled: false` or `severity: warning`" + ` under the rule ID`},
		{"rule without settings", "rules:\n  secret-logging: {}\n", `c.yml:2:19: rules.secret-logging: minProperties: got 0, want 1: write`},
		{"rule as a bare word", "rules:\n  secret-logging: off\n", `c.yml:2:19: rules.secret-logging: got string, want object: write`},
		{"unknown rule", "rules:\n  secret-loging: {enabled: false}\n", `c.yml:2:3: rules: no rule "secret-loging": write a rule ID that ` + "`reviewbot rules`" + ` lists`},
		{"rule ID not kebab-case", "rules:\n  Secret_Logging: {enabled: false}\n", `c.yml:2:3: rules: "Secret_Logging" is not a rule ID: write a rule ID as ` + "`reviewbot rules`" + ` lists it (kebab-case)`},
		{"ignore not a list", "ignore: docs/**\n", `c.yml:1:9: ignore: got string, want array: write a list of path globs, e.g. ignore: ["docs/archive/**"]`},
		{"ignore bad glob", "ignore: [\"docs/[archive\"]\n", `c.yml:1:10: ignore: "docs/[archive" is not a valid glob: fix its brackets or braces`},
		{"max-comments negative", "max-comments: -1\n", `c.yml:1:15: max-comments: minimum: got -1, want 0: write a whole number from 0 to 1000`},
		{"max-comments not a number", "max-comments: lots\n", `c.yml:1:15: max-comments: got string, want integer: write a whole number`},
		{"max-comments not in digits", "max-comments: 1e3\n", `c.yml:1:15: max-comments: "1e3" is not written in digits: write a whole number from 0 to 1000, such as 100`},
		{"fail-on bad", "fail-on: always\n", `c.yml:1:10: fail-on: value must be one of 'error', 'warning', 'notice', 'never': write error, warning, notice or never`},
		{"inline-level bad", "inline-level: never\n", `c.yml:1:15: inline-level: value must be one of 'error', 'warning', 'notice': write error, warning or notice`},
		{"not a mapping", "- rules\n", `c.yml:1:1: got array, want object: write a mapping of settings`},
		{"duplicate key", "fail-on: error\nfail-on: never\n", `c.yml:2:1: key "fail-on" is given twice: keep one`},
		{"YAML syntax", "rules: [\n", `c.yml: line 1: did not find expected node content: fix the YAML`},
		{"alias", "a: &x 1\nmax-comments: *x\n", `c.yml:2:15: YAML aliases are not supported here`},
		{"two problems", "fail-on: always\nmax-comments: -1\n", `c.yml:1:10: fail-on: value must be one of 'error', 'warning', 'notice', 'never': write error, warning, notice or never (and 1 more problem)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("c.yml", []byte(tt.in), nil)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got  %s\nwant %s", err, tt.want)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

// TestParseConfigErrorsAreStable: with several problems, the error names
// the first in the file, every time. (The JSON Schema library this
// replaced visited keys in map order: it named either of two unknown keys,
// and a rule ID's error could take the path of the key after "rules".)
func TestParseConfigErrorsAreStable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"foo: 1\nbar: 2\nbaz: 3\n", `c.yml:1:1: unknown key "foo": the settings are rules, ignore, inline-level, max-comments and fail-on`},
		{"rules:\n  secret-logging: {b: 1, a: 2}\n", `c.yml:2:20: rules.secret-logging: unknown key "b": write`},
		{"rules:\n  Bad_ID: {enabled: false}\nfail-on: always\n", `c.yml:2:3: rules: "Bad_ID" is not a rule ID: write a rule ID as ` + "`reviewbot rules`" + ` lists it (kebab-case) (and 1 more problem)`},
		{"ignore: [1]\nrules:\n  Bad_ID: {enabled: false}\nmax-comments: x\ninline-level: y\n", `c.yml:1:10: ignore.0: got number, want string: write a list of path globs, e.g. ignore: ["docs/archive/**"] (and 3 more problems)`},
	} {
		for range 20 {
			_, err := ParseConfig("c.yml", []byte(tt.in), nil)
			require.Error(t, err)
			require.True(t, strings.HasPrefix(err.Error(), tt.want), "on %q\ngot  %s\nwant %s", tt.in, err, tt.want)
		}
	}
}

// TestConfigExampleInREADME: the README's example is a valid
// configuration and turns a rule off.
func TestConfigExampleInREADME(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```yaml\n# \\.github/reviewbot\\.yml\n(.*?)```").FindSubmatch(b)
	require.NotNil(t, m, "README has a ```yaml block starting with # .github/reviewbot.yml")
	c, err := ParseConfig("README.md", m[1], nil)
	require.NoError(t, err)
	assert.NotEmpty(t, c.Disabled)
	assert.NotEmpty(t, c.Severity)
	assert.NotEmpty(t, c.Ignore)
}

func sampleFIC(t *testing.T) []*diff.File {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "sample-fic.diff"))
	require.NoError(t, err)
	defer f.Close()
	files, err := diff.Parse(f)
	require.NoError(t, err)
	return files
}

func ruleIDs(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

// TestConfigInEngine pins issue #10's acceptance: a rule turned off loses
// its findings (and does not run), a severity override changes whether the
// review fails, an ignore glob drops the file and the result says so.
func TestConfigInEngine(t *testing.T) {
	files := sampleFIC(t)
	base, err := Run(files, Options{})
	require.NoError(t, err)
	require.Contains(t, ruleIDs(base.Findings), "secret-logging")
	require.True(t, base.Failed(rules.Error))

	parse := func(y string) Options {
		c, err := ParseConfig("reviewbot.yml", []byte(y), nil)
		require.NoError(t, err)
		var o Options
		c.Apply(&o)
		return o
	}

	t.Run("rule off", func(t *testing.T) {
		res, err := Run(files, parse("rules:\n  secret-logging: {enabled: false}\n"))
		require.NoError(t, err)
		assert.NotContains(t, ruleIDs(res.Findings), "secret-logging")
		assert.NotContains(t, res.RulesRun, "secret-logging")
		n := 0
		for _, id := range ruleIDs(base.Findings) {
			if id == "secret-logging" {
				n++
			}
		}
		assert.Len(t, res.Findings, len(base.Findings)-n, "only its findings go")
	})

	t.Run("severity override changes the verdict", func(t *testing.T) {
		var y strings.Builder
		y.WriteString("rules:\n")
		for _, f := range base.Findings {
			if f.Severity == rules.Error {
				y.WriteString("  " + f.Rule + ": {severity: warning}\n")
			}
		}
		res, err := Run(files, parse(y.String()))
		require.NoError(t, err)
		require.Len(t, res.Findings, len(base.Findings))
		assert.False(t, res.Failed(rules.Error), "no error is left")
		assert.True(t, res.Failed(rules.Warning))
		assert.Zero(t, res.Counts["error"])

		res, err = Run(files, parse("rules:\n  ambiguous-pop: {severity: error}\n"))
		require.NoError(t, err)
		for _, f := range res.Findings {
			if f.Rule == "ambiguous-pop" {
				assert.Equal(t, rules.Error, f.Severity)
			}
		}
	})

	t.Run("ignore glob", func(t *testing.T) {
		res, err := Run(files, parse("ignore: [\"docs/**\"]\n"))
		require.NoError(t, err)
		for _, f := range res.Findings {
			assert.False(t, strings.HasPrefix(f.Path, "docs/"), "finding in an ignored file: %s", f)
		}
		var d *FileDecision
		for i := range res.Files {
			if res.Files[i].Path == "docs/mtls-pop-fic.md" {
				d = &res.Files[i]
			}
		}
		require.NotNil(t, d, "the ignored file is still listed")
		assert.False(t, d.InScope)
		assert.Equal(t, "ignored by reviewbot.yml (ignore: docs/**)", d.Reason)
		assert.Equal(t, []string{"1 file(s) not reviewed, ignored by reviewbot.yml: docs/mtls-pop-fic.md"}, res.Notes)
		assert.Len(t, res.Files, len(base.Files))
	})
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(issueExample))
	f.Add([]byte("rules:\n  secret-logging: {enabled: false, severity: notice}\nignore: [a, 'b/**']\n"))
	f.Add([]byte("fail-on: [1]\nmax-comments: 1e3\n"))
	f.Add([]byte("a: &x {b: *x}\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := ParseConfig("f.yml", in, nil)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yml:") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line starting with the file name", err)
			}
			return
		}
		if c.MaxComments != nil && (*c.MaxComments < 0 || *c.MaxComments > 1000) {
			t.Fatalf("max-comments %d passed the schema", *c.MaxComments)
		}
		for id := range c.Disabled {
			if rules.ByID(id) == nil {
				t.Fatalf("unknown rule %q accepted", id)
			}
		}
	})
}
