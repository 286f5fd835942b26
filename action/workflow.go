package action

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/sethvargo/go-githubactions"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/rules"
)

// maxStepSummary is GitHub's limit on one step's job summary: 1 MiB. A
// larger upload fails with an error annotation.
const maxStepSummary = 1 << 20

// maxAnnotationsPerSeverity is how many error, warning and notice
// annotations GitHub shows per step.
const maxAnnotationsPerSeverity = 10

// runner talks to the Actions runner: the log and workflow commands on
// stdout, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
type runner struct {
	gha    *githubactions.Action
	out    io.Writer
	getenv func(string) string
	// secrets are removed from every log line, should one ever reach it.
	secrets []string
	// wroteOutputs and wroteSummary are set once the outputs and the job
	// summary were written.
	wroteOutputs, wroteSummary bool
}

func newRunner(getenv func(string) string, stdout io.Writer) *runner {
	return &runner{
		gha:    githubactions.New(githubactions.WithWriter(stdout), githubactions.WithGetenv(getenv)),
		out:    stdout,
		getenv: getenv,
	}
}

// mask tells the runner to hide v in the job log (::add-mask::) and keeps
// it out of every later line this runner writes.
func (r *runner) mask(v string) {
	if v == "" {
		return
	}
	r.gha.AddMask(v)
	r.secrets = append(r.secrets, v)
}

// scrub removes the masked values from s.
func (r *runner) scrub(s string) string {
	for _, v := range r.secrets {
		s = strings.ReplaceAll(s, v, "***")
	}
	return s
}

// safe is s as it may appear in the job log: masked values removed, on one
// line, with no ANSI escape and no workflow command the runner would obey
// ("##[" anywhere, "::" at the start), whatever PR text it holds.
func (r *runner) safe(s string) string { return report.LogSafe(r.scrub(s)) }

// logf writes one plain log line, always starting with "reviewbot: " and
// made safe, so that no text from a pull request can form a workflow
// command ("::set-output", "##[add-mask]", "##[stop-commands]").
func (r *runner) logf(format string, a ...any) {
	fmt.Fprintf(r.out, "reviewbot: %s\n", r.safe(fmt.Sprintf(format, a...)))
}

// notice writes a notice annotation with no file.
func (r *runner) notice(format string, a ...any) {
	r.gha.Noticef("%s", r.safe(fmt.Sprintf(format, a...)))
}

// warning writes a warning annotation with no file.
func (r *runner) warning(format string, a ...any) {
	r.gha.Warningf("%s", r.safe(fmt.Sprintf(format, a...)))
}

// annotate writes one annotation per finding, at most
// maxAnnotationsPerSeverity per severity (GitHub drops the rest), and
// logs how many were left out. go-githubactions escapes the data and the
// properties, so a message cannot end the command early; safe keeps PR
// text in them from forming another command.
func (r *runner) annotate(findings []rules.Finding) {
	shown := map[rules.Severity]int{}
	left := map[rules.Severity]int{}
	for _, f := range findings {
		if shown[f.Severity] >= maxAnnotationsPerSeverity {
			left[f.Severity]++
			continue
		}
		shown[f.Severity]++
		props := map[string]string{
			"file":  r.safe(f.Path),
			"line":  fmt.Sprint(f.Line),
			"title": r.safe("reviewbot " + f.Rule),
		}
		if f.EndLine > f.Line {
			props["endLine"] = fmt.Sprint(f.EndLine)
		}
		if f.Column > 0 {
			props["col"] = fmt.Sprint(f.Column)
		}
		a := r.gha.WithFieldsMap(props)
		msg := r.safe(f.Message + " [" + f.Rule + "]")
		switch f.Severity {
		case rules.Error:
			a.Errorf("%s", msg)
		case rules.Warning:
			a.Warningf("%s", msg)
		default:
			a.Noticef("%s", msg)
		}
	}
	for _, s := range []rules.Severity{rules.Error, rules.Warning, rules.Notice} {
		if left[s] > 0 {
			r.logf("%d more %s findings were not annotated (GitHub shows at most %d per severity per step); the step summary lists them all", left[s], s, maxAnnotationsPerSeverity)
		}
	}
}

// setOutputs appends the outputs to the GITHUB_OUTPUT file. Without that
// variable (a local run) it logs them instead: go-githubactions' SetOutput
// would panic. Each value is written with its own random delimiter, so a
// value can never end the block early.
func (r *runner) setOutputs(kv [][2]string) error {
	path := r.getenv("GITHUB_OUTPUT")
	if path == "" {
		for _, p := range kv {
			r.logf("output %s=%s", p[0], p[1])
		}
		r.wroteOutputs = true
		return nil
	}
	var b strings.Builder
	for _, p := range kv {
		delim := "ghadelimiter_" + randomHex(16)
		fmt.Fprintf(&b, "%s<<%s\n%s\n%s\n", p[0], delim, r.scrub(p[1]), delim)
	}
	if err := appendFile(path, b.String()); err != nil {
		return fmt.Errorf("write outputs to GITHUB_OUTPUT: %w", err)
	}
	r.wroteOutputs = true
	return nil
}

// addStepSummary appends md to the GITHUB_STEP_SUMMARY file, cut so the
// file stays within GitHub's 1 MiB per step. Without the variable it does
// nothing (go-githubactions' AddStepSummary would panic).
func (r *runner) addStepSummary(md string) error {
	path := r.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		r.logf("GITHUB_STEP_SUMMARY is not set: the job summary is not written")
		return nil
	}
	var used int64
	if st, err := os.Stat(path); err == nil {
		used = st.Size()
	}
	md = r.scrub(md)
	if !strings.HasSuffix(md, "\n") {
		md += "\n"
	}
	md = cutToBytes(md, maxStepSummary-int(used), "\n\n_(cut: the job summary is limited to 1 MiB per step)_\n")
	if md == "" {
		r.logf("the job summary already holds 1 MiB: nothing added")
		return nil
	}
	if err := appendFile(path, md); err != nil {
		return fmt.Errorf("write the job summary to GITHUB_STEP_SUMMARY: %w", err)
	}
	r.wroteSummary = true
	return nil
}

// cutToBytes returns s if it fits in n bytes, else a prefix cut at a line
// (or at least a UTF-8) boundary followed by note, all within n bytes.
func cutToBytes(s string, n int, note string) string {
	if len(s) <= n {
		return s
	}
	room := n - len(note)
	if room <= 0 {
		return ""
	}
	cut := s[:room]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i]
	}
	for len(cut) > 0 && !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut + note
}

func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand does not fail on supported platforms; a fixed value
		// still works as a delimiter.
		return strings.Repeat("5f", n)
	}
	return hex.EncodeToString(b)
}
