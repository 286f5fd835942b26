package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules"
)

// evaluator gives checklist and focus items their status from the rules
// that ran and what they found.
type evaluator struct {
	res   *Result
	rules []*rules.Rule
	// judged holds the IDs of the rules that judged at least one file.
	judged  map[string]bool
	inScope []*diff.File
	// shadowed are the notices left out beside a more serious finding on
	// the same line: their rule fired, so an item cannot pass on it.
	shadowed []rules.Finding
	// unread are in-scope files the caller could not get lines for (too
	// large, no patch): the rules never saw them.
	unread []*diff.File
}

func (e *evaluator) focus(g *checklist.Guidance) []ItemResult {
	out := []ItemResult{}
	fl := e.res.Flow
	for _, key := range []string{"vanilla", "fic"} {
		groups := g.Focus[key]
		na := ""
		switch {
		case key == "vanilla" && !fl.Has(flow.Vanilla):
			na = "not the vanilla flow: this change is " + flowName(fl)
		case key == "fic" && !fl.Has(flow.FIC):
			na = "not the FIC two-leg flow: this change is " + flowName(fl)
		}
		for _, it := range e.groups(groups, na) {
			if it.Group == "" {
				it.Group = focusTitle(key) + ": " + it.Group
			}
			out = append(out, it)
		}
	}
	for _, it := range e.groups(g.DocFocus, "") {
		it.Group = "Documentation review: " + it.Group
		out = append(out, it)
	}
	return out
}

func focusTitle(key string) string {
	switch key {
	case "vanilla":
		return "Vanilla flow focus"
	case "fic":
		return "FIC two-leg flow focus"
	}
	return "Reviewer focus"
}

func flowName(f flow.Flow) string {
	switch f {
	case flow.Vanilla:
		return "the vanilla flow"
	case flow.FIC:
		return "the FIC two-leg flow"
	case flow.Both:
		return "both flows"
	}
	return "neither mTLS PoP flow"
}

func (e *evaluator) groups(gs []checklist.Group, na string) []ItemResult {
	out := []ItemResult{}
	for _, g := range gs {
		for _, it := range g.Items {
			r := ItemResult{Item: it, Group: g.Title}
			if r.Topics == nil {
				r.Topics = []checklist.Topic{}
			}
			if na != "" {
				r.Status, r.Why = NA, na
			} else {
				e.judge(&r)
			}
			out = append(out, r)
		}
	}
	return out
}

func (e *evaluator) judge(r *ItemResult) {
	if len(e.inScope)+len(e.unread) == 0 {
		r.Status, r.Why = NA, "no reviewable file of this change is in the guidance's scope"
		return
	}
	if r.Kind == checklist.KindProcess {
		r.Status, r.Why = Manual, "a person must check this: rules cannot see builds or test runs"
		return
	}
	if r.Kind == checklist.KindDocs && !e.changes(rules.IsMarkdown) {
		r.Status, r.Why = NA, "no documentation in scope changed"
		return
	}
	if r.Kind == checklist.KindTest && !e.changes(rules.IsTest) {
		r.Status, r.Why = NA, "no test in scope changed"
		return
	}
	var idle, topical []string
	for _, rl := range e.rules {
		if !slices.ContainsFunc(rl.Topics, func(t checklist.Topic) bool { return slices.Contains(r.Topics, t) }) {
			continue
		}
		topical = append(topical, rl.ID)
		if e.judged[rl.ID] {
			r.Rules = append(r.Rules, rl.ID)
		} else {
			idle = append(idle, rl.ID)
		}
	}
	for i, f := range e.res.Findings {
		// A documentation item is about documents: a finding in code
		// fails the code items, not this one.
		if slices.Contains(r.Rules, f.Rule) && (r.Kind != checklist.KindDocs || rules.IsMarkdown(f.Path)) {
			r.Findings = append(r.Findings, i)
		}
	}
	if len(r.Findings) > 0 {
		r.Status = Fail
		r.Why = fmt.Sprintf("%d finding(s) of %s", len(r.Findings), strings.Join(r.Rules, ", "))
		return
	}
	if missed := e.unreadFor(topical, r.Kind); len(missed) > 0 {
		r.Status = NotChecked
		r.Why = fmt.Sprintf("%s could not be read (see Not reviewed), so %s never saw it: a reviewer must check it", strings.Join(missed, ", "), strings.Join(topical, ", "))
		return
	}
	if len(r.Rules) == 0 {
		r.Status, r.Why = Manual, "no rule can verify this: a reviewer must check it"
		if len(idle) > 0 {
			r.Why = strings.Join(idle, ", ") + " judged no file of this change: a reviewer must check it"
		}
		return
	}
	for _, f := range e.shadowed {
		if slices.Contains(r.Rules, f.Rule) && (r.Kind != checklist.KindDocs || rules.IsMarkdown(f.Path)) {
			r.Status = Manual
			r.Why = fmt.Sprintf("%s also fired on %s:%d, left out beside a more serious finding on that line: a reviewer must check it", f.Rule, f.Path, f.Line)
			return
		}
	}
	r.Status = Pass
	r.Why = fmt.Sprintf("%s found nothing in %d in-scope file(s)", strings.Join(r.Rules, ", "), len(e.inScope))
}

// unreadFor lists the unread files that one of ids would have judged (its
// Applies accepts the file's name), for an item of kind.
func (e *evaluator) unreadFor(ids []string, kind checklist.Kind) []string {
	var out []string
	for _, f := range e.unread {
		p := f.Path()
		if kind == checklist.KindDocs && !rules.IsMarkdown(p) || kind == checklist.KindTest && !rules.IsTest(p) {
			continue
		}
		pass := &rules.Pass{File: f, Flow: e.res.Flow}
		if slices.ContainsFunc(e.rules, func(rl *rules.Rule) bool {
			return slices.Contains(ids, rl.ID) && (rl.Applies == nil || rl.Applies(pass))
		}) {
			out = append(out, p)
		}
	}
	return out
}

func (e *evaluator) changes(pred func(string) bool) bool {
	for _, f := range append(e.inScope[:len(e.inScope):len(e.inScope)], e.unread...) {
		if pred(f.Path()) {
			return true
		}
	}
	return false
}
