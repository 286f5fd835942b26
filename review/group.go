package review

import (
	"github.com/reviewbot/reviewbot/rules"
)

// group merges the findings of one rule on the same literal or phrase in
// one file (the same Key, or the same message when the rule set no key)
// into one finding at the first line, listing every line it covers in
// Lines. A reviewer writes one comment per problem, not one per repeat.
// fs must be sorted by path and line; the result keeps that order.
func group(fs []rules.Finding) []rules.Finding {
	type key struct{ rule, path, what string }
	at := map[key]int{}
	out := make([]rules.Finding, 0, len(fs))
	for _, f := range fs {
		what := f.Key
		if what == "" {
			what = f.Message
		}
		k := key{f.Rule, f.Path, what}
		if i, ok := at[k]; ok {
			g := &out[i]
			if g.Lines[len(g.Lines)-1] != f.Line {
				g.Lines = append(g.Lines, f.Line)
			}
			if f.Severity > g.Severity {
				g.Severity = f.Severity
			}
			continue
		}
		at[k] = len(out)
		f.Lines = []int{f.Line}
		out = append(out, f)
	}
	return out
}
