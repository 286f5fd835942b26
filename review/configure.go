package review

import (
	"fmt"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/rules"
)

// enabledRules drops the rules a configuration turned off.
func enabledRules(rs []*rules.Rule, disabled map[string]bool) []*rules.Rule {
	if len(disabled) == 0 {
		return rs
	}
	out := make([]*rules.Rule, 0, len(rs))
	for _, r := range rs {
		if !disabled[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// overrideSeverities gives findings of configured rules their configured
// severity.
func overrideSeverities(fs []rules.Finding, sev map[string]rules.Severity) {
	if len(sev) == 0 {
		return
	}
	for i := range fs {
		if s, ok := sev[fs[i].Rule]; ok {
			fs[i].Severity = s
		}
	}
}

// splitIgnored takes the files an ignore glob matches (new or old path)
// out of the review. Each becomes an out-of-scope decision that names the
// glob, and the result gets one note listing them, so the summary says
// what was not reviewed on the configuration's say-so.
func splitIgnored(files []*diff.File, opts Options, res *Result) []*diff.File {
	if len(opts.Ignore) == 0 {
		return files
	}
	src := opts.IgnoreSource
	if src == "" {
		src = "the configuration"
	}
	kept := make([]*diff.File, 0, len(files))
	var names []string
	for _, f := range files {
		g := ignoredBy(f, opts.Ignore)
		if g == "" {
			kept = append(kept, f)
			continue
		}
		res.Files = append(res.Files, FileDecision{Path: f.Path(), OldPath: f.OldPath, Status: f.Status,
			Reason: fmt.Sprintf("ignored by %s (ignore: %s)", src, g)})
		names = append(names, f.Path())
	}
	if len(names) > 0 {
		const show = 10
		list := names
		if len(list) > show {
			list = list[:show]
		}
		extra := ""
		if len(names) > show {
			extra = fmt.Sprintf(" and %d more", len(names)-show)
		}
		res.Notes = append(res.Notes, fmt.Sprintf("%d file(s) not reviewed, ignored by %s: %s%s", len(names), src, strings.Join(list, ", "), extra))
	}
	return kept
}

// ignoredBy returns the first glob matching the file's new or old path.
func ignoredBy(f *diff.File, globs []string) string {
	for _, g := range globs {
		for _, p := range []string{f.NewPath, f.OldPath} {
			if p == "" {
				continue
			}
			if ok, _ := doublestar.Match(g, p); ok {
				return g
			}
		}
	}
	return ""
}
