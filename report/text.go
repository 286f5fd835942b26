package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// TextOptions tunes the text output.
type TextOptions struct {
	// Checklist adds, after the findings, every file decision, the flow
	// and its evidence, and every checklist and focus item with its
	// status, reason and evidence (`reviewbot check --checklist`).
	Checklist bool
}

// Text writes r as TextWith does with the checklist.
func Text(w io.Writer, r *review.Result) error {
	return TextWith(w, r, TextOptions{Checklist: true})
}

// TextWith writes r for a person at a terminal, in a fixed order: the
// verdict ("vanilla · 2 errors in 1 file · 3 items need a reviewer"), the
// findings as actionlint-style lines ("path:line:col: message [rule]"),
// then, without opts.Checklist, the items a person must act on; with it,
// one line per file decision ("path: in scope: glob **/*mtls*/**"), the
// flow and each piece of evidence ("path:line: flow fic: signal"), and one
// line per checklist and focus item with its status, reason and evidence.
// Warnings, notes and suppressions end it. Control characters in PR
// content are replaced so the output cannot drive a terminal.
func TextWith(w io.Writer, r *review.Result, opts TextOptions) error {
	if r == nil {
		return fmt.Errorf("write text report: no result")
	}
	bw := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(bw, format+"\n", a...) }

	p("%s", clean(Verdict(r)))
	for _, i := range findingOrder(r.Findings, false) {
		f := r.Findings[i]
		f.Path, f.Message, f.Rule = clean(f.Path), clean(f.Message), clean(f.Rule)
		p("%s", f.String())
	}
	if !opts.Checklist {
		for _, it := range reviewerItems(r) {
			p("%s", itemLineText(it, r, "needs a reviewer"))
		}
	}

	if opts.Checklist {
		files := slices.Clone(r.Files)
		slices.SortStableFunc(files, func(a, b review.FileDecision) int { return strings.Compare(a.Path, b.Path) })
		for _, f := range files {
			scope := "out of scope"
			if f.InScope {
				scope = "in scope"
			}
			line := fmt.Sprintf("%s: %s: %s", clean(f.Path), scope, clean(f.Reason))
			if f.OldPath != "" && f.OldPath != f.Path {
				line += fmt.Sprintf(" (%s from %s)", f.Status, clean(f.OldPath))
			}
			p("%s", line)
			if f.NotReviewed != "" {
				p("%s: not reviewed: %s", clean(f.Path), clean(f.NotReviewed))
			}
		}

		fl := r.Classification
		head := "flow: " + string(orNone(fl.Flow))
		if len(fl.Variants) > 0 {
			vs := make([]string, len(fl.Variants))
			for i, v := range fl.Variants {
				vs[i] = string(v)
			}
			head += " (" + strings.Join(vs, ", ") + ")"
		}
		if fl.Overridden {
			head += fmt.Sprintf(": set by the user; the evidence says %s", orNone(fl.Detected))
		}
		p("%s", clean(head))
		ev := slices.Clone(fl.Evidence)
		slices.SortStableFunc(ev, func(a, b flowEvidence) int {
			return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
		})
		for _, e := range ev {
			p("%s:%d: flow %s: %s", clean(e.Path), e.Line, orNone(e.Flow), clean(e.Signal))
		}
		if nv := novelty(r); nv != "" {
			p("not new: %s", nv)
		}
		for _, list := range []struct {
			name  string
			items []review.ItemResult
		}{{"checklist", r.Checklist}, {"focus", r.Focus}} {
			for _, it := range list.items {
				p("%s", itemLineText(it, r, list.name))
			}
		}
	} else {
		for _, fd := range r.Files {
			if fd.InScope && fd.NotReviewed != "" {
				p("%s: not reviewed: %s", clean(fd.Path), clean(fd.NotReviewed))
			}
		}
	}

	for _, w := range r.Warnings {
		p("warning: %s", clean(w))
	}
	for _, n := range r.Notes {
		p("note: %s", clean(n))
	}
	for _, s := range r.Suppressed {
		by := "an earlier change"
		if s.Added {
			by = "this change"
		}
		p("suppressed: %s:%d: [%s] %s (reviewbot:ignore on line %d, added by %s)", clean(s.Path), s.Line, clean(s.Rule), clean(s.Reason), s.CommentLine, by)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// itemLineText is one item's line: "focus: pass: Group: text (why; at
// path:line)".
func itemLineText(it review.ItemResult, r *review.Result, list string) string {
	line := fmt.Sprintf("%s: %s: ", list, it.Status)
	if it.Group != "" {
		line += clean(it.Group) + ": "
	}
	line += clean(it.Text)
	why := itemWhy(it, r.Findings)
	if len(it.Evidence) > 0 {
		at := make([]string, len(it.Evidence))
		for i, e := range it.Evidence {
			at[i] = fmt.Sprintf("%s:%d", e.Path, e.Line)
		}
		if why != "" {
			why += "; "
		}
		why += "at " + strings.Join(at, ", ")
	}
	if why != "" {
		line += " (" + clean(why) + ")"
	}
	return line
}

// itemWhy is the short explanation after an item in text output: the
// engine's Why, and the findings of a failed item as path:line.
func itemWhy(it review.ItemResult, fs []rules.Finding) string {
	why := it.Why
	var at []string
	for _, i := range it.Findings {
		if i >= 0 && i < len(fs) {
			at = append(at, fmt.Sprintf("%s:%d", fs[i].Path, fs[i].Line))
		}
	}
	if len(at) > 0 {
		if why != "" {
			why += ": "
		}
		why += strings.Join(at, ", ")
	}
	return why
}

// findingOrder returns the indexes of fs sorted by path, line, column and
// rule; bySeverity puts the most severe first.
func findingOrder(fs []rules.Finding, bySeverity bool) []int {
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := fs[a], fs[b]
		if bySeverity && x.Severity != y.Severity {
			return cmp.Compare(y.Severity, x.Severity)
		}
		return cmp.Or(
			strings.Compare(x.Path, y.Path),
			cmp.Compare(x.Line, y.Line),
			cmp.Compare(x.Column, y.Column),
			strings.Compare(x.Rule, y.Rule),
		)
	})
	return idx
}

// flowEvidence is one piece of flow evidence.
type flowEvidence = review.Evidence

// orNone returns f, or "none" when the engine left it empty.
func orNone(f review.Flow) review.Flow {
	if f == "" {
		return review.NoFlow
	}
	return f
}
