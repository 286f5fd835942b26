package review

import (
	"sort"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
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
	var inScope []*diff.File
	for _, f := range files {
		d := sc.decide(f, globs)
		if d.InScope {
			switch reason, ok := opts.NotReviewed[d.Path]; {
			case ok:
				d.NotReviewed = reason
			case f.Binary:
				d.NotReviewed = "binary file: no lines to review"
			case f.ModeOnly():
				d.NotReviewed = "file mode change only: no lines to review"
			case len(f.Hunks) == 0 && f.Status == diff.Renamed:
				d.NotReviewed = "renamed without content changes"
			default:
				inScope = append(inScope, f)
			}
		}
		res.Files = append(res.Files, d)
	}

	res.Classification = flow.Override(flow.Classify(inScope), opts.Flow)

	rs := opts.Rules
	if rs == nil {
		rs = rules.All
	}
	rs = enabledRules(rs, opts.DisabledRules)
	for _, r := range rs {
		res.RulesRun = append(res.RulesRun, r.ID)
	}
	judged := map[string]bool{}
	for _, f := range inScope {
		var src []byte
		if opts.Source != nil {
			if b, ok := opts.Source(f.Path()); ok {
				src = b
			}
		}
		j := rules.Judge(rs, f, src, res.Flow, inScope)
		res.Findings = append(res.Findings, j.Findings...)
		for _, id := range j.Judged {
			judged[id] = true
		}
	}
	overrideSeverities(res.Findings, opts.Severities)
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})

	res.Findings, res.Suppressed = suppress(res.Findings, inScope, opts)
	ev := evaluator{res: res, rules: rs, judged: judged, inScope: inScope}
	res.Checklist = ev.groups(g.Checklist, "")
	res.Focus = ev.focus(g)
	res.Counts = counts(res)
	return res, nil
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
