// Package action runs reviewbot as a GitHub Action: it reads the pull
// request through the REST API (never a checkout, never the PR's code),
// reviews it with the offline engine, and posts one review per run with
// line comments on the changed lines and the summary checklist, keeping
// that review current across pushes without duplicates. When the token
// cannot write (a fork PR on pull_request) it falls back to annotations and
// the job summary.
package action

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// Main runs the action with the runner's environment (getenv reads the
// INPUT_* and GITHUB_* variables). failed reports a finding at or above the
// fail-on input; err is a one-line error for the CLI to print (exit 2). The
// token appears in no line Main writes except the ::add-mask:: command that
// hides it.
func Main(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) (failed bool, err error) {
	return run(ctx, getenv, stdout, deps{
		clock: realClock{},
		http:  &http.Client{Timeout: 60 * time.Second},
	})
}

// deps are what tests replace: the clock (so waits cost nothing) and the
// HTTP client.
type deps struct {
	clock Clock
	http  *http.Client
}

func run(ctx context.Context, getenv func(string) string, stdout io.Writer, d deps) (failed bool, err error) {
	r := newRunner(getenv, stdout)
	// Mask first, before anything can print.
	token := getInput(getenv, "github-token")
	r.mask(token)
	defer func() {
		if err != nil {
			r.reportFailure(err)
			// The CLI prints it to the job log: PR text in it (a path)
			// must not form a workflow command.
			err = errors.New(r.safe(err.Error()))
		}
	}()

	cfg, err := readConfig(getenv)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()

	t, err := readEvent(getenv)
	if err != nil {
		return false, err
	}
	if t.FromEvent && skipAction(t.Action) && cfg.PRNumber == 0 {
		r.notice("reviewbot skips pull_request action %q: nothing to review", t.Action)
		return false, nil
	}
	if !t.FromEvent && cfg.PRNumber == 0 {
		r.notice("reviewbot reviews pull requests: event %q has none; set the pr-number input (and commit-sha) to review one from this event", getenv("GITHUB_EVENT_NAME"))
		return false, writeOutputs(r, nil, "")
	}

	mk, err := newGitHubClient(d.http, getenv("GITHUB_API_URL"), cfg.Token)
	if err != nil {
		return false, err
	}
	g := &ghRepo{api: newAPI(mk, d.clock, r.logf), owner: t.Owner, repo: t.Repo,
		gql: newGraphQL(d.http, graphqlURL(getenv, getenv("GITHUB_API_URL")), cfg.Token)}

	if cfg.PRNumber != 0 && cfg.PRNumber != t.Number {
		pr, err := g.getPR(ctx, cfg.PRNumber)
		if err != nil {
			return false, err
		}
		if pr.GetState() != "open" {
			r.notice("PR #%d is %s: nothing to review", cfg.PRNumber, pr.GetState())
			return false, writeOutputs(r, nil, "")
		}
		t.Number = pr.GetNumber()
		t.HeadSHA = pr.GetHead().GetSHA()
		t.BaseSHA = pr.GetBase().GetSHA()
		t.ChangedFiles = pr.GetChangedFiles()
		t.Labels = nil
		for _, l := range pr.Labels {
			t.Labels = append(t.Labels, l.GetName())
		}
	}
	if cfg.CommitSHA != "" && !strings.EqualFold(cfg.CommitSHA, t.HeadSHA) {
		r.notice("PR #%d has moved on to %.7s since commit-sha %.7s: the run for the newer head reviews it", t.Number, t.HeadSHA, cfg.CommitSHA)
		return false, writeOutputs(r, nil, "")
	}
	r.logf("reviewing PR #%d of %s/%s at %.12s (base %.12s)", t.Number, t.Owner, t.Repo, t.HeadSHA, t.BaseSHA)

	rv := &reviewer{cfg: cfg, t: t, g: g, r: r, token: token, workspace: getenv("GITHUB_WORKSPACE"), serverURL: getenv("GITHUB_SERVER_URL")}
	return rv.run(ctx)
}

// reviewer is one run's state.
type reviewer struct {
	cfg   *Config
	t     *target
	g     *ghRepo
	r     *runner
	token string
	notes []string
	// workspace is GITHUB_WORKSPACE, where sarif-file is written.
	workspace string
	// serverURL is GITHUB_SERVER_URL (https://github.com when unset): the
	// summary's links to the PR's head start with it.
	serverURL string
}

func (rv *reviewer) run(ctx context.Context) (bool, error) {
	cfg, t := rv.cfg, rv.t
	// One review.Load: the guidance from the PR's base commit first, then,
	// only if it reads, the repository's configuration and the PR's files.
	in, fsys := rv.guidanceInput(ctx)
	src := newSourceCache(rv.g, t)
	var repoCfg *review.Config
	var files []*github.CommitFile
	in.Patches = func(ctx context.Context) ([]review.Patch, error) {
		var err error
		if repoCfg, err = rv.loadRepoConfig(ctx); err != nil {
			return nil, err
		}
		if files, err = rv.g.listFiles(ctx, t.Number); err != nil {
			return nil, err
		}
		return rv.patches(ctx, files, src), nil
	}
	in.Options = review.Options{
		CaseSensitiveGlobs: cfg.CaseSensitiveGlobs,
		Flow:               rv.flowOverride(),
		Source:             src.source(ctx),
	}
	loaded, err := review.Load(ctx, in)
	if fsys != nil && fsys.truncated {
		rv.notes = append(rv.notes, "The base tree is too large for one listing: the guidance glob may have missed files; name the guidance file instead.")
	}
	if err != nil {
		var ie *review.InputError
		if errors.As(err, &ie) && ie.Input == review.InputGuidance {
			return false, guidanceError(ie.Err, t.BaseSHA)
		}
		if ie != nil {
			return false, ie.Err
		}
		return false, err
	}
	if fsys != nil {
		rv.r.logf("guidance read from base commit %.12s: %s", t.BaseSHA, strings.Join(loaded.GuidancePaths, ", "))
	}
	if capped := len(files) >= maxListedFiles || t.ChangedFiles > len(files); capped {
		more := ""
		if t.ChangedFiles > len(files) {
			more = fmt.Sprintf(" of %d", t.ChangedFiles)
		}
		rv.notes = append(rv.notes, fmt.Sprintf("GitHub lists at most 3,000 files of a pull request: only the first %d%s changed files were reviewed; split the PR or run `reviewbot check --git` locally for the rest.", len(files), more))
	}
	if changed := guidanceChanged(files, loaded.GuidancePaths); len(changed) > 0 {
		rv.notes = append(rv.notes, fmt.Sprintf("This PR changes the guidance (%s): it was reviewed with the base branch's version, so a PR cannot weaken its own review.", quoteList(changed)))
	}
	rv.noteConfigChange(files)

	repoCfg.Apply(&loaded.Options)
	change := loaded.Change
	res, err := loaded.Run()
	if err != nil {
		return false, fmt.Errorf("review PR #%d: %w", t.Number, err)
	}
	rv.notes = append(rv.notes, src.notes()...)
	for _, f := range res.Findings {
		rv.r.logf("%s", f.String())
	}
	failed := res.Failed(cfg.FailOn)
	sarifErr := rv.writeSARIF(res)

	p := &publisher{rv: rv, svc: rv.g, res: res, change: change}
	url, summary, perr := p.publish(ctx)
	if sarifErr != nil && perr == nil {
		perr = sarifErr
	}
	if serr := rv.r.addStepSummary(summary); serr != nil && perr == nil {
		perr = serr
	}
	if oerr := writeOutputs(rv.r, res, url); oerr != nil && perr == nil {
		perr = oerr
	}
	return failed, perr
}

// flowOverride picks the flow to force, if any: a PR label
// <flow-label-prefix><flow> wins over the flow input, which wins over the
// classification. Conflicting labels are ignored with a note.
func (rv *reviewer) flowOverride() review.Flow {
	var fromLabel review.Flow
	var conflict bool
	if p := rv.cfg.FlowLabelPrefix; p != "" {
		for _, l := range rv.t.Labels {
			if !strings.HasPrefix(strings.ToLower(l), strings.ToLower(p)) {
				continue
			}
			f, err := review.ParseFlow(strings.ToLower(strings.TrimSpace(l[len(p):])))
			if err != nil {
				rv.notes = append(rv.notes, fmt.Sprintf("Label %s names no flow (use %s, %s, %s or %s): ignored.", report.Quote(l), report.Quote(p+"vanilla"), report.Quote(p+"fic"), report.Quote(p+"both"), report.Quote(p+"none")))
				continue
			}
			if fromLabel != "" && fromLabel != f {
				conflict = true
			}
			fromLabel = f
		}
	}
	if conflict {
		rv.notes = append(rv.notes, "The PR carries labels for different flows: they were ignored; keep one.")
		fromLabel = ""
	}
	if fromLabel != "" {
		return fromLabel
	}
	return rv.cfg.Flow
}

// reportFailure makes a failed run still report, as the README promises:
// the outputs it knows (review-url is empty: nothing was posted) when none
// were written, and a job summary that says what failed and what to do
// when none was written.
func (r *runner) reportFailure(err error) {
	if !r.wroteOutputs {
		if oerr := r.setOutputs([][2]string{{"review-url", ""}}); oerr != nil {
			r.logf("%s", shortErr(oerr))
		}
	}
	if r.wroteSummary {
		return
	}
	md := "## reviewbot failed\n\n" + report.Quote(shortErr(err)) + "\n\n" +
		"Nothing was reviewed or posted. Fix what the error names (an input, the guidance file, the token's permissions) and re-run the job; if GitHub was unavailable or rate-limited, re-run the job later.\n"
	if serr := r.addStepSummary(md); serr != nil {
		r.logf("%s", shortErr(serr))
	}
}

// writeOutputs sets the step outputs; res may be nil for a run that
// reviewed nothing.
func writeOutputs(r *runner, res *review.Result, reviewURL string) error {
	fl, inScope, findings, errs, warns := "none", 0, 0, 0, 0
	if res != nil {
		fl = string(res.Flow)
		if fl == "" {
			fl = "none"
		}
		for _, f := range res.Files {
			if f.InScope {
				inScope++
			}
		}
		findings = len(res.Findings)
		for _, f := range res.Findings {
			switch f.Severity {
			case rules.Error:
				errs++
			case rules.Warning:
				warns++
			}
		}
	}
	return r.setOutputs([][2]string{
		{"flow", fl},
		{"in-scope-files", strconv.Itoa(inScope)},
		{"findings", strconv.Itoa(findings)},
		{"errors", strconv.Itoa(errs)},
		{"warnings", strconv.Itoa(warns)},
		{"review-url", reviewURL},
	})
}
