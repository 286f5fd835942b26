package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// maxSourceBytes bounds one file read from --source-dir.
const maxSourceBytes = 4 << 20

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var guidance listFlag
	fs.Var(&guidance, "guidance", "guidance document: a file, a directory of *.md or a glob; repeat to merge (default: the embedded guidance)")
	gitRange := fs.String("git", "", "review `BASE...HEAD` of the git repository in the current directory instead of a diff file")
	format := fs.String("format", "text", "output `format`: text, json, markdown or sarif")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at or above this `severity`: error, warning, notice or never")
	flowFlag := fs.String("flow", "", "override the classified `flow`: vanilla, fic, both or none")
	caseSensitive := fs.Bool("case-sensitive-globs", false, "match applies_to globs case-sensitively, as written")
	configPath := fs.String("config", "", "reviewbot configuration `file` (.github/reviewbot.yml): rules off, severities, ignore globs, fail-on")
	sourceDir := fs.String("source-dir", "", "`directory` holding the new tree, so rules see whole files")
	withChecklist := fs.Bool("checklist", false, "text format: after the verdict and the findings, list every file decision, the flow's evidence and every checklist and focus item with its status, reason and evidence (markdown and json always have them)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: reviewbot check [flags] [DIFF | -]")
		fs.PrintDefaults()
	}
	positional, err := parseInterleaved(fs, args)
	if err != nil {
		return flagExit(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "reviewbot: "+format+"\n", a...)
		return ExitError
	}

	cfg, err := loadConfig(*configPath)
	if err != nil {
		return fail("%s", oneLine(err))
	}
	failOnSet := false
	fs.Visit(func(f *flag.Flag) { failOnSet = failOnSet || f.Name == "fail-on" })
	if cfg != nil && cfg.FailOn != nil && !failOnSet {
		*failOn = "never"
		if *cfg.FailOn != 0 {
			*failOn = cfg.FailOn.String()
		}
	}
	var minSev rules.Severity
	if *failOn != "never" {
		s, err := rules.ParseSeverity(*failOn)
		if err != nil {
			return fail("--fail-on: %s (or never)", oneLine(err))
		}
		minSev = s
	}
	var override review.Flow
	if *flowFlag != "" {
		f, err := review.ParseFlow(*flowFlag)
		if err != nil {
			return fail("--flow: %s", oneLine(err))
		}
		override = f
	}
	render, ok := renderers[*format]
	if *format == "text" {
		render = func(w io.Writer, r *review.Result) error {
			return report.TextWith(w, r, report.TextOptions{Checklist: *withChecklist})
		}
	}
	if !ok {
		return fail("--format %q: use text, json, markdown or sarif", *format)
	}

	in, describe, done, err := diffInput(positional, *gitRange, stdin, stderr)
	if err != nil {
		return fail("%s", oneLine(err))
	}
	defer done()
	in.Guidance = guidance
	in.Options = review.Options{CaseSensitiveGlobs: *caseSensitive, Flow: override}
	cfg.Apply(&in.Options)
	rv, err := review.Load(context.Background(), in)
	if err != nil {
		var ie *review.InputError
		if errors.As(err, &ie) && ie.Input == review.InputChange {
			err = describe(ie.Err)
		}
		return fail("%s", oneLine(err))
	}
	if *sourceDir != "" {
		st, err := os.Stat(*sourceDir)
		if err != nil || !st.IsDir() {
			return fail("--source-dir %q is not a directory: give the checkout of the new tree", *sourceDir)
		}
		rv.Options.Source = sourceFrom(*sourceDir)
	}

	res, err := rv.Run()
	if err != nil {
		return fail("review: %s", oneLine(err))
	}
	if err := render(stdout, res); err != nil {
		return fail("write %s output: %s", *format, oneLine(err))
	}
	if res.Failed(minSev) {
		return ExitFindings
	}
	return ExitClean
}

// renderers write each --format; text is written with the --checklist
// option.
var renderers = map[string]func(io.Writer, *review.Result) error{
	"text": report.Text,
	"json": report.JSON,
	"markdown": func(w io.Writer, r *review.Result) error {
		_, err := io.WriteString(w, report.Markdown(r, report.MarkdownOptions{}))
		return err
	},
	"sarif": func(w io.Writer, r *review.Result) error { return report.SARIF(w, r, rules.All) },
}

// loadConfig reads the --config file; no path means no configuration.
func loadConfig(path string) (*review.Config, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--config: %w: give the path of a reviewbot configuration file such as .github/reviewbot.yml", err)
	}
	return review.ParseConfig(path, b, nil)
}

// sourceFrom reads new file contents below dir, refusing paths that would
// leave it.
func sourceFrom(dir string) func(string) ([]byte, bool) {
	return func(p string) ([]byte, bool) {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			return nil, false
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return nil, false
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxSourceBytes+1))
		if err != nil || len(b) > maxSourceBytes {
			return nil, false
		}
		return b, true
	}
}
