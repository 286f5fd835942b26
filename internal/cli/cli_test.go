package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/internal/golden"
	"github.com/reviewbot/reviewbot/rules"
)

// run calls Main as the binary would and returns exit code, stdout, stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// goldenFile compares got with testdata/name, or rewrites it under -update.
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// rulesRunRe is the JSON output's rules_run list.
var rulesRunRe = regexp.MustCompile(`(?s)"rules_run": \[.*?\]`)

// withoutRulesRun checks that the JSON output's rules_run lists every
// registered rule, in order, and puts a placeholder in its place: the
// golden files must not change when a rule is added.
func withoutRulesRun(t *testing.T, out string) string {
	t.Helper()
	var v struct {
		RulesRun []string `json:"rules_run"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	var ids []string
	for _, r := range rules.All {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, ids, v.RulesRun, "rules_run lists every registered rule")
	require.Regexp(t, rulesRunRe, out)
	return rulesRunRe.ReplaceAllString(out, `"rules_run": ["(every registered rule, checked by the test)"]`)
}

// ruleListRe is a list of rule IDs where the output names the rules that
// verified an item: its JSON "rules" and the "... found nothing" reason.
var ruleListRe = regexp.MustCompile(`("rules": \[)[^\]]*(\])|\b([a-z0-9]+(?:-[a-z0-9]+)*(?:, [a-z0-9]+(?:-[a-z0-9]+)*)*)( found nothing)`)

// withoutRuleLists checks that every rule an item names is registered and
// puts a placeholder in the list's place: a new rule that verifies an
// item's topic changes these lists, and the golden files must not change
// when a rule is added (review's tests pin which rules verify an item).
func withoutRuleLists(t *testing.T, out string) string {
	t.Helper()
	return ruleListRe.ReplaceAllStringFunc(out, func(m string) string {
		sm := ruleListRe.FindStringSubmatch(m)
		if sm[1] != "" {
			return sm[1] + `"(the item's rules, checked by the test)"` + sm[2]
		}
		for _, id := range strings.Split(sm[3], ", ") {
			assert.NotNil(t, rules.ByID(id), "%q names %q, which is not a registered rule", m, id)
		}
		return "(the item's rules)" + sm[4]
	})
}

// checkItemRules checks the JSON's items: each rule an item names is
// registered and verifies one of the item's topics.
func checkItemRules(t *testing.T, out string) {
	t.Helper()
	type item struct {
		ID     string   `json:"id"`
		Topics []string `json:"topics"`
		Rules  []string `json:"rules"`
	}
	var v struct {
		Checklist []item `json:"checklist"`
		Focus     []item `json:"focus"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	for _, it := range append(v.Checklist, v.Focus...) {
		for _, id := range it.Rules {
			r := rules.ByID(id)
			if !assert.NotNil(t, r, "item %s names %q, which is not a registered rule", it.ID, id) {
				continue
			}
			shared := false
			for _, tp := range r.Topics {
				shared = shared || slices.Contains(it.Topics, string(tp))
			}
			assert.True(t, shared, "item %s names rule %s, which verifies none of its topics %v", it.ID, id, it.Topics)
		}
	}
}

func TestCheckFormats(t *testing.T) {
	for _, sample := range []string{"sample-fic", "sample-vanilla"} {
		for _, format := range []string{"text", "text-checklist", "json", "markdown"} {
			t.Run(sample+"/"+format, func(t *testing.T) {
				args := []string{"check", "--format", strings.TrimSuffix(format, "-checklist")}
				if strings.HasSuffix(format, "-checklist") {
					args = append(args, "--checklist")
				}
				code, out, errs := run(t, "", append(args, filepath.Join("..", "..", "testdata", sample+".diff"))...)
				assert.Empty(t, errs)
				if sample == "sample-fic" {
					assert.Equal(t, ExitFindings, code, "the FIC sample holds errors")
				} else {
					assert.Equal(t, ExitClean, code, "the vanilla sample is clean:\n%s", out)
				}
				if format == "json" {
					out = withoutRulesRun(t, out)
					checkItemRules(t, out)
				}
				goldenFile(t, sample+"."+format+".golden", withoutRuleLists(t, out))
			})
		}
	}
}

// TestCheckTextPutsTheVerdictFirst pins issue 11 item 7: at a terminal
// `reviewbot check` prints the verdict and the findings first, then what
// needs a reviewer; the whole checklist, the scope and the flow's evidence
// follow only with --checklist.
func TestCheckTextPutsTheVerdictFirst(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample-fic.diff")
	_, out, _ := run(t, "", "check", sample)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NotEmpty(t, lines)
	assert.Regexp(t, `^FIC two-leg · 3 errors, 1 warning in 2 files · \d+ items need a reviewer$`, lines[0])
	assert.Regexp(t, `^\S+:\d+:\d+: .* \[[a-z-]+\]$`, lines[1], "the findings follow the verdict")
	assert.NotContains(t, out, "checklist: ", "no checklist without --checklist")
	assert.NotContains(t, out, ": in scope: ")
	assert.Contains(t, out, "needs a reviewer: fail: ")

	_, full, _ := run(t, "", "check", "--checklist", sample)
	assert.True(t, strings.HasPrefix(full, out[:strings.Index(out, "needs a reviewer: ")]), "--checklist keeps the verdict and findings first")
	for _, want := range []string{"checklist: pass: ", "focus: pass: For FIC Two-Leg Flow PRs: Leg 1 asks for `api://AzureADTokenExchange` (", "; at tests/Integration/HeadlessTests/ClientCredentialsMtlsPopTests.cs:47)", ": in scope: glob"} {
		assert.Contains(t, full, want)
	}
}

// TestCheckSARIF checks the CLI's SARIF against its own JSON: one result
// per finding, same rules and lines. The report package pins the SARIF
// document itself (golden files, the SARIF 2.1.0 schema).
func TestCheckSARIF(t *testing.T) {
	sample := filepath.Join("..", "..", "testdata", "sample-fic.diff")
	_, js, _ := run(t, "", "check", "--format", "json", sample)
	_, sa, _ := run(t, "", "check", "--format", "sarif", sample)
	var res struct {
		Findings []struct {
			Rule string `json:"rule"`
			Line int    `json:"line"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(js), &res))
	var doc struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(sa), &doc))
	assert.Equal(t, "2.1.0", doc.Version)
	require.Len(t, doc.Runs, 1)
	require.NotEmpty(t, res.Findings)
	require.Len(t, doc.Runs[0].Results, len(res.Findings))
	for i, f := range res.Findings {
		r := doc.Runs[0].Results[i]
		assert.Equal(t, f.Rule, r.RuleID)
		require.Len(t, r.Locations, 1)
		assert.Equal(t, f.Line, r.Locations[0].PhysicalLocation.Region.StartLine)
	}
}

func TestCheckFailOn(t *testing.T) {
	diffPath := filepath.Join("..", "..", "testdata", "sample-fic.diff")
	code, _, _ := run(t, "", "check", "--fail-on", "never", diffPath)
	assert.Equal(t, ExitClean, code)
	code, _, _ = run(t, "", "check", "--fail-on", "notice", diffPath)
	assert.Equal(t, ExitFindings, code)
}

func TestCheckStdin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample-fic.diff"))
	require.NoError(t, err)
	code, out, _ := run(t, string(b), "check", "-")
	assert.Equal(t, ExitFindings, code)
	_, fromFile, _ := run(t, "", "check", filepath.Join("..", "..", "testdata", "sample-fic.diff"))
	assert.Equal(t, fromFile, out, "stdin and file give the same review")
}

func TestCheckFlowOverride(t *testing.T) {
	_, out, _ := run(t, "", "check", "--format", "json", "--flow", "vanilla", filepath.Join("..", "..", "testdata", "sample-fic.diff"))
	assert.Contains(t, out, `"flow": "vanilla"`)
	assert.Contains(t, out, `"overridden": true`)
	assert.Contains(t, out, `"detected": "fic"`)
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	notDiff := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDiff, []byte("just some words\n"), 0o644))
	noFront := filepath.Join(dir, "guidance.md")
	require.NoError(t, os.WriteFile(noFront, []byte("# Guidance\n\n- [ ] item\n"), 0o644))
	sample := filepath.Join("..", "..", "testdata", "sample-fic.diff")
	tests := []struct {
		name string
		args []string
		want string // substring of the one-line error
	}{
		{"no command", nil, "Usage"},
		{"unknown command", []string{"review"}, `unknown command "review"`},
		{"missing diff file", []string{"check", filepath.Join(dir, "nope.diff")}, "give a unified diff file, - for stdin, or --git BASE...HEAD"},
		{"not a diff", []string{"check", notDiff}, notDiff + ": diff: input holds no unified diff"},
		{"bad format", []string{"check", "--format", "xml", sample}, `--format "xml": use text, json, markdown or sarif`},
		{"bad fail-on", []string{"check", "--fail-on", "fatal", sample}, "--fail-on"},
		{"bad flow", []string{"check", "--flow", "pop", sample}, "use vanilla, fic, both or none"},
		{"file and git", []string{"check", "--git", "main...HEAD", sample}, "not both"},
		{"two files", []string{"check", sample, sample}, "more than one diff"},
		{"guidance without front matter", []string{"check", "--guidance", noFront, sample}, "guidance " + noFront + ": no YAML front matter"},
		{"missing guidance", []string{"check", "--guidance", filepath.Join(dir, "none.md"), sample}, "guidance " + filepath.Join(dir, "none.md") + ": "},
		{"source dir missing", []string{"check", "--source-dir", filepath.Join(dir, "nodir"), sample}, "is not a directory"},
		{"unknown flag", []string{"check", "--nope", sample}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, "", tt.args...)
			assert.Equal(t, ExitError, code)
			assert.Empty(t, out)
			assert.Contains(t, errs, tt.want)
			if !strings.Contains(errs, "Usage") {
				assert.Equal(t, 1, strings.Count(strings.TrimRight(errs, "\n"), "\n")+1, "the error is one line: %q", errs)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := run(t, "", "version")
	assert.Equal(t, ExitClean, code)
	assert.Regexp(t, `^reviewbot \S+\n$`, out)
	code, out, _ = run(t, "", "help")
	assert.Equal(t, ExitClean, code)
	assert.Contains(t, out, "reviewbot check")
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := run(t, "", "rules")
	assert.Equal(t, ExitClean, code)
	assert.Contains(t, out, "secret-logging")
	code, out, _ = run(t, "", "rules", "--doc")
	assert.Equal(t, ExitClean, code)
	want, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules.md"))
	require.NoError(t, err)
	assert.Equal(t, string(want), out, "reviewbot rules --doc prints docs/rules.md")
}

func TestCheckGitRange(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	gitDo := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, string(out))
	}
	gitDo("init", "-q", "-b", "main")
	p := filepath.Join(dir, "tests", "Fic.cs")
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte("class A {}\n"), 0o644))
	gitDo("add", ".")
	gitDo("commit", "-qm", "base")
	require.NoError(t, os.WriteFile(p, []byte("class A {}\nconst string Url = \"api://AzureADTokenExchange/.default\";\n"), 0o644))
	gitDo("commit", "-qam", "leg 1")

	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	code, out, errs := run(t, "", "check", "--format", "json", "--git", "HEAD~1...HEAD")
	assert.Equal(t, ExitClean, code, errs)
	assert.Contains(t, out, `"flow": "fic"`)
	code, _, errs = run(t, "", "check", "--git", "--output=/tmp/x")
	assert.Equal(t, ExitError, code)
	assert.Contains(t, errs, "--git")
}

func TestSourceDirStaysInside(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.cs"), []byte("x"), 0o644))
	src := sourceFrom(dir)
	b, ok := src("a.cs")
	assert.True(t, ok)
	assert.Equal(t, "x", string(b))
	for _, p := range []string{"../etc/passwd", "/etc/passwd", "a/../../x"} {
		_, ok := src(p)
		assert.False(t, ok, "%s must not be read", p)
	}
}

// TestMainSetsMemoryLimit pins the soft heap limit that keeps a large
// review under 64 MB, GOGC off under that limit (collect only near it),
// the higher GOGC when GOMEMLIMIT sets the limit (so the heap never grows
// unbounded), and that GOMEMLIMIT and GOGC override them.
func TestMainSetsMemoryLimit(t *testing.T) {
	prevLimit := debug.SetMemoryLimit(-1)
	prevGC := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(prevLimit)
		debug.SetGCPercent(prevGC)
	})
	for _, tc := range []struct {
		limitEnv, gcEnv string
		limit           int64
		gc              int
	}{
		{"", "", memoryLimit, -1},
		{"100MiB", "", 12345, gcPercent},
		{"off", "", 12345, gcPercent},
		{"", "150", memoryLimit, 77},
		{"100MiB", "off", 12345, 77},
	} {
		debug.SetMemoryLimit(12345)
		debug.SetGCPercent(77)
		Main([]string{"version"}, strings.NewReader(""), io.Discard, io.Discard, func(k string) string {
			switch k {
			case "GOMEMLIMIT":
				return tc.limitEnv
			case "GOGC":
				return tc.gcEnv
			}
			return ""
		})
		if got := debug.SetMemoryLimit(-1); got != tc.limit {
			t.Errorf("GOMEMLIMIT=%q: memory limit %d, want %d", tc.limitEnv, got, tc.limit)
		}
		if got := debug.SetGCPercent(77); got != tc.gc {
			t.Errorf("GOGC=%q: GC percent %d, want %d", tc.gcEnv, got, tc.gc)
		}
	}
}
