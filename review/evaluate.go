package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/rules/source"

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
	// head holds the added and context lines of the in-scope files; nil
	// until evaluate, unless Run found it ahead (prepareHead).
	head *head
}

// evaluate gives every checklist and focus item of g its status. Items
// are judged together: one finding fails at most one item, the most
// specific one, and the others its rule verifies say where it went.
func (e *evaluator) evaluate(g *checklist.Guidance) (list, focus []ItemResult) {
	if e.head == nil {
		e.head = newHead(e.inScope)
	}
	e.head.ev = e.res.Evidence
	focus = e.focusItems(g)
	list = e.groups(g.Checklist, "")
	all := make([]*ItemResult, 0, len(focus)+len(list))
	for i := range focus {
		all = append(all, &focus[i])
	}
	for i := range list {
		all = append(all, &list[i])
	}
	for _, r := range all {
		if r.Status == "" {
			e.prejudge(r)
		}
	}
	owner := e.assign(all, e.res.Findings)
	shadowOwner := e.assign(all, e.shadowed)
	for i, r := range all {
		if r.Status == "" {
			e.judge(r, i, all, owner, shadowOwner, i < len(focus))
		}
		r.NeedsReviewer = r.Status == Fail || r.Status == Manual || r.Status == NotChecked && r.NeedsReviewer
	}
	return list, focus
}

func (e *evaluator) focusItems(g *checklist.Guidance) []ItemResult {
	out := []ItemResult{}
	fl := e.res.Flow
	for _, key := range []string{"all", "vanilla", "fic"} {
		groups := g.Focus[key]
		na := ""
		switch {
		case key == "all" && fl == flow.None:
			na = "not an mTLS PoP flow: this change is " + flowName(fl)
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
			}
			out = append(out, r)
		}
	}
	return out
}

// managedIdentityOnly reports whether the change's mTLS PoP code is
// managed identity only: no application builder, no WithCertificate().
func (e *evaluator) managedIdentityOnly() bool {
	v := e.res.Variants
	return slices.Contains(v, flow.ManagedIdentity) && !slices.Contains(v, flow.ConfidentialClient)
}

// miCertificate is what a managed-identity change says of the items about
// the application's certificate.
const miCertificate = "managed identity: the certificate comes from the managed identity source, not WithCertificate() on an application builder"

// miAcquire adapts an acquisition item to managed identity.
const miAcquire = "managed identity: the acquisition is AcquireTokenForManagedIdentity(..).WithMtlsProofOfPossession()"

// prejudge settles what needs no rule (n/a for this kind of change) and
// lists the rules that verify the item.
func (e *evaluator) prejudge(r *ItemResult) {
	switch {
	case len(e.inScope)+len(e.unread) == 0:
		r.Status, r.Why = NA, "no reviewable file of this change is in the guidance's scope"
		return
	case r.Kind == checklist.KindProcess && !e.changes(func(p string) bool { return !source.IsMarkdown(p) }):
		r.Status, r.Why = NA, "documentation-only change: no build or test run to check"
		return
	case r.Kind == checklist.KindProcess:
		r.Status, r.Why = Manual, "a person must check this: rules cannot see builds or test runs"
		return
	case r.Kind == checklist.KindDocs && !e.changes(source.IsMarkdown):
		r.Status, r.Why = NA, "no documentation in scope changed"
		return
	case r.Kind == checklist.KindTest && !e.changes(source.IsTest):
		r.Status, r.Why = NA, "no test in scope changed"
		return
	case r.Kind == checklist.KindTest && !e.changes(func(p string) bool { return !source.IsMarkdown(p) }):
		r.Status, r.Why = NA, "documentation-only change: no test to check"
		return
	case e.managedIdentityOnly() && (slices.Contains(r.Topics, checklist.TopicAppCertificate) || slices.Contains(r.Topics, checklist.TopicSendX5c)):
		r.Status, r.Why = NA, miCertificate
		return
	}
	for _, rl := range e.rules {
		if slices.ContainsFunc(rl.Topics, func(t checklist.Topic) bool { return slices.Contains(r.Topics, t) }) && e.judged[rl.ID] {
			r.Rules = append(r.Rules, rl.ID)
		}
	}
}

// inDomain reports whether finding f can fail item r: a documentation item
// is about documents, so a finding in code fails the code items instead.
func inDomain(r *ItemResult, f rules.Finding) bool {
	return slices.Contains(r.Rules, f.Rule) && (r.Kind != checklist.KindDocs || source.IsMarkdown(f.Path))
}

// assign gives each finding the one item it fails: among the open items
// whose rules include its rule, a documentation item for a finding in a
// document (a code or test item otherwise), then the one with the fewest
// topics, the flow's focus list before the checklist.
// owner[i] is the index in all of finding i's item, or -1.
func (e *evaluator) assign(all []*ItemResult, fs []rules.Finding) []int {
	owner := make([]int, len(fs))
	for i, f := range fs {
		owner[i] = -1
		best := [2]int{}
		for j, r := range all {
			if r.Status != "" || !inDomain(r, f) {
				continue
			}
			mismatch := 1
			if source.IsMarkdown(f.Path) == (r.Kind == checklist.KindDocs) {
				mismatch = 0
			}
			score := [2]int{mismatch, len(r.Topics)}
			if owner[i] < 0 || score[0] < best[0] || score[0] == best[0] && score[1] < best[1] {
				owner[i], best = j, score
			}
		}
	}
	return owner
}

func (e *evaluator) judge(r *ItemResult, self int, all []*ItemResult, owner, shadowOwner []int, focus bool) {
	var fired, elsewhere []string
	said := map[string]bool{}
	for i, f := range e.res.Findings {
		switch {
		case owner[i] == self:
			r.Findings = append(r.Findings, i)
			if !slices.Contains(fired, f.Rule) {
				fired = append(fired, f.Rule)
			}
		case owner[i] >= 0 && inDomain(r, f):
			// Once per rule and item: "its finding fails that item".
			key := fmt.Sprintf("%s\x00%d", f.Rule, owner[i])
			if !said[key] && len(elsewhere) < 2 {
				elsewhere = append(elsewhere, fmt.Sprintf("%s's finding at %s:%d fails the item \u201c%s\u201d", f.Rule, f.Path, f.Line, all[owner[i]].Text))
			}
			said[key] = true
		}
	}
	if len(r.Findings) > 0 {
		r.Status = Fail
		r.Why = fmt.Sprintf("%s of %s", plural(len(r.Findings), "finding"), strings.Join(fired, ", "))
		return
	}
	var topical []string
	for _, rl := range e.rules {
		if slices.ContainsFunc(rl.Topics, func(t checklist.Topic) bool { return slices.Contains(r.Topics, t) }) {
			topical = append(topical, rl.ID)
		}
	}
	if missed := e.unreadFor(topical, r.Kind); len(missed) > 0 {
		r.Status, r.NeedsReviewer = NotChecked, true
		r.Why = fmt.Sprintf("%s could not be read (see Not reviewed), so %s never saw it: a reviewer must check it", strings.Join(missed, ", "), strings.Join(topical, ", "))
		return
	}
	if len(elsewhere) > 0 {
		r.Status = NotChecked
		r.Why = strings.Join(elsewhere, "; ")
		return
	}
	for i, f := range e.shadowed {
		switch {
		case shadowOwner[i] == self:
			r.Status = Manual
			r.Why = fmt.Sprintf("%s also fired on %s:%d, left out beside a more serious finding on that line: a reviewer must check it", f.Rule, f.Path, f.Line)
			return
		case shadowOwner[i] >= 0 && inDomain(r, f):
			// Its rule fired: no pass; the reviewer checks it once, under
			// the most specific item.
			r.Status = NotChecked
			r.Why = fmt.Sprintf("%s also fired on %s:%d, beside a more serious finding: see the item \u201c%s\u201d", f.Rule, f.Path, f.Line, all[shadowOwner[i]].Text)
			return
		}
	}
	mi := ""
	if e.managedIdentityOnly() && (slices.Contains(r.Topics, checklist.TopicRequestPop) || slices.Contains(r.Topics, checklist.TopicSingleAcquire)) {
		mi = "; " + miAcquire
	}
	lk := e.head.lookFor(r.Kind, r.Topics)
	found := ""
	if len(r.Rules) > 0 {
		found = fmt.Sprintf("%s found nothing in %s", strings.Join(r.Rules, ", "), e.scopeOf(r.Kind))
	}
	switch {
	case len(lk.shows) > 0:
		r.Status, r.Evidence = Pass, lk.shows
		r.Why = "the change shows it"
		if found != "" {
			r.Why = found + "; the change shows it"
		}
		r.Why += mi
	case len(lk.about) > 0 && found != "":
		// The rules that verify the item judged the code it is about and
		// stayed quiet (a test that asserts through a helper, say).
		r.Status, r.Evidence = Pass, lk.about
		r.Why = found + mi
	case len(lk.about) > 0 && len(lk.checks) > 0:
		r.Status, r.Evidence = Manual, lk.about
		r.Why = fmt.Sprintf("%s at %s: a reviewer must check it", strings.Join(lk.checks, "; "), places(lk.about))
	case len(lk.about) > 0:
		r.Status, r.Evidence = Pass, lk.about
		r.Why = "the change shows it" + mi
	case lk.all:
		// Every topic of the item has a subject and none is in the change:
		// a rule's silence here verifies nothing.
		r.Status = NotChecked
		if focus {
			r.Status = NotInChange
		}
		r.Why = "nothing in this change to check: " + strings.Join(lk.absent, "; ")
	case found != "":
		r.Status, r.Why = Pass, found
	case len(topical) > 0:
		r.Status = NotChecked
		if focus {
			r.Status = NotInChange
		}
		r.Why = "nothing in this change to check: " + strings.Join(topical, ", ") + " judged no file of this change"
	default:
		r.Status, r.Why = Manual, "no rule can verify this: a reviewer must check it"
	}
}

// scopeOf names the files an item of kind is judged on.
func (e *evaluator) scopeOf(kind checklist.Kind) string {
	pred, noun := func(string) bool { return true }, "in-scope file"
	switch kind {
	case checklist.KindDocs:
		pred, noun = source.IsMarkdown, "in-scope document"
	case checklist.KindTest:
		pred, noun = source.IsTest, "in-scope test file"
	}
	n := 0
	for _, f := range e.inScope {
		if pred(f.Path()) {
			n++
		}
	}
	return fmt.Sprintf("the %s", plural(n, noun))
}

// plural writes n and a noun, with an "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// unreadFor lists the unread files that one of ids would have judged (its
// Applies accepts the file's name), for an item of kind.
func (e *evaluator) unreadFor(ids []string, kind checklist.Kind) []string {
	var out []string
	for _, f := range e.unread {
		p := f.Path()
		if kind == checklist.KindDocs && !source.IsMarkdown(p) || kind == checklist.KindTest && !source.IsTest(p) {
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
