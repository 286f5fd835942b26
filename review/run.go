package review

import (
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/fanout"
	"github.com/reviewbot/reviewbot/rules"
)

// Run reviews a change offline: scope, flow, rules, checklist. It fails only
// on unusable options (an invalid glob); problems in the input files are
// reported in the result.
func Run(files []*diff.File, opts Options) (*Result, error) {
	g := opts.Guidance
	if g == nil {
		g = checklist.Default()
	}
	res := &Result{
		Version:   SchemaVersion,
		Guidance:  append([]string{}, g.Sources...),
		Files:     []FileDecision{},
		Findings:  []rules.Finding{},
		Checklist: []ItemResult{},
		Focus:     []ItemResult{},
		Warnings:  []string{},
		RulesRun:  []string{},
	}
	for _, w := range g.Warnings {
		res.Warnings = append(res.Warnings, w.String())
	}
	// A guidance without path globs (labels only) gets the default scope;
	// checklist.Parse has already warned about it.
	globs := g.Globs
	if len(globs) == 0 {
		globs = checklist.DefaultGlobs
	}
	sc, err := newScoper(globs, opts.CaseSensitiveGlobs)
	if err != nil {
		return nil, err
	}

	files = splitIgnored(files, opts, res)
	// The novelty marks depend on the files alone: they are found on
	// another core while the files are scoped.
	novelty := make(chan map[lineRef]string, 1)
	go func() {
		marks, _ := markNovelty(files)
		novelty <- marks
	}()
	var inScope, unread []*diff.File
	reviewed := make([]bool, len(files))
	for i, f := range files {
		d := sc.decide(f, globs)
		if d.InScope {
			switch reason, ok := opts.NotReviewed[d.Path]; {
			case ok:
				d.NotReviewed, d.Unread = reason, true
				unread = append(unread, f)
			case f.Binary:
				d.NotReviewed = "binary file: no lines to review"
			case f.ModeOnly():
				d.NotReviewed = "file mode change only: no lines to review"
			case len(f.Hunks) == 0 && f.Status == diff.Renamed:
				d.NotReviewed = "renamed without content changes"
			default:
				reviewed[i] = true
				inScope = append(inScope, f)
			}
		}
		res.Files = append(res.Files, d)
	}
	// So do the places the evaluator looks for in the in-scope lines:
	// they are found while the marks are.
	prepared := make(chan *head, 1)
	go func() { prepared <- prepareHead(inScope, g) }()
	marks := <-novelty
	// Each file's marks are looked up by line alone; the files without
	// marks have none to look up.
	marked := byFile(marks)
	newOnly := make([]*diff.File, 0, len(inScope))
	for i, f := range files {
		if !reviewed[i] {
			continue
		}
		nf := f
		if fm := marked[f.Path()]; fm != nil {
			for _, h := range f.Hunks {
				for _, l := range h.Lines {
					switch fm[l.NewLine] {
					case "moved":
						res.Novelty.Moved++
					case "renamed":
						res.Novelty.Renamed++
					}
				}
			}
			nf = withoutNovelty(f, fm)
		}
		newOnly = append(newOnly, nf)
	}

	// Moved and renamed lines are no evidence of a flow: the classifier
	// reads them as context.
	cl := flow.Classify(newOnly)
	if cl.Flow != flow.None && !slices.ContainsFunc(newOnly, hasNewLine) && flow.Classify(goneLines(inScope, marks)).Flow != flow.None {
		// The change only moves, renames or deletes mTLS PoP code: nothing
		// new to review as either flow.
		cl = flow.Classification{Flow: flow.None, Detected: flow.None, Evidence: []flow.Evidence{}, Variants: []flow.Variant{}}
	}
	res.Classification = flow.Override(cl, opts.Flow)

	rs := opts.Rules
	if rs == nil {
		rs = rules.All
	}
	rs = enabledRules(rs, opts.DisabledRules)
	for _, r := range rs {
		res.RulesRun = append(res.RulesRun, r.ID)
	}
	judged := map[string]bool{}
	for _, j := range judgeFiles(rs, inScope, opts.Source, res.Flow, marked) {
		res.Findings = append(res.Findings, j.Findings...)
		for _, id := range j.Judged {
			judged[id] = true
		}
	}
	overrideSeverities(res.Findings, opts.Severities)
	sortFindings(res.Findings)
	// Suppressions speak of lines: apply them before repeats are grouped.
	res.Findings, res.Suppressed = suppress(res.Findings, inScope, opts)
	kept, shadowed := dropShadowed(res.Findings)
	res.Findings = group(kept)

	ev := evaluator{res: res, rules: rs, judged: judged, inScope: inScope, shadowed: shadowed, unread: unread, head: <-prepared}
	res.Checklist, res.Focus = ev.evaluate(g)
	res.Counts = counts(res)
	return res, nil
}

// judgeFiles runs the rules on every in-scope file and returns the
// judgements in the order of files. The files' sources are asked for
// first, one file at a time in the order of files: source may do I/O, need
// not be safe for concurrent use, and may spend a budget (the action's
// downloads), which must go to the same files on every run. Then the files
// are judged on all the cores the process may use, largest first (rules
// are plain values and each file has its own Pass and View, so they share
// nothing they write).
func judgeFiles(rs []*rules.Rule, files []*diff.File, source func(string) ([]byte, bool), fl flow.Flow, marks map[string]map[int]string) []Judgement {
	srcs := make([][]byte, len(files))
	if source != nil {
		for i, f := range files {
			if b, ok := source(f.Path()); ok {
				srcs[i] = b
			}
		}
	}
	out := make([]Judgement, len(files))
	judge := func(i int) {
		f := files[i]
		fm := marks[f.Path()]
		out[i] = judgeNew(rs, f, srcs[i], fl, files, func(n int) bool { return fm[n] != "" })
	}
	fanout.EachLargestFirst(len(files), func(i int) int { return files[i].LineCount() }, judge)
	return out
}

func counts(r *Result) map[string]int {
	c := map[string]int{"files": len(r.Files), "in_scope": 0, "error": 0, "warning": 0, "notice": 0}
	for _, f := range r.Files {
		if f.InScope {
			c["in_scope"]++
		}
	}
	for _, f := range r.Findings {
		c[f.Severity.String()]++
	}
	for _, it := range append(append([]ItemResult{}, r.Checklist...), r.Focus...) {
		c["items_"+strings.ReplaceAll(string(it.Status), "/", "")]++
	}
	return c
}

// Failed reports whether the result has a finding at or above min. A zero
// min ("never") fails nothing.
func (r *Result) Failed(min rules.Severity) bool {
	if min == 0 {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity >= min {
			return true
		}
	}
	return false
}
