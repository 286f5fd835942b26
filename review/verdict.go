package review

import (
	"strings"

	"github.com/reviewbot/reviewbot/flow"
)

// ScopeOnly reports whether the change is in the guidance's scope by path
// only, with nothing to review: flow none (not set by the user), no
// finding, no unread file, and every in-scope file matched by a glob
// rather than by mTLS PoP code in its lines. Such a change gets a short
// summary, and the action posts no review for it unless post-empty is set.
func (r *Result) ScopeOnly() bool {
	if r.Overridden || r.Flow != flow.None && r.Flow != "" || len(r.Findings) > 0 {
		return false
	}
	in := 0
	for _, f := range r.Files {
		if !f.InScope {
			continue
		}
		in++
		if f.Unread || !strings.HasPrefix(f.Reason, "glob ") {
			return false
		}
	}
	return in > 0
}

// ReviewerItems lists the checklist and focus items a person must act on,
// focus items first.
func (r *Result) ReviewerItems() []ItemResult {
	var out []ItemResult
	for _, it := range append(append([]ItemResult{}, r.Focus...), r.Checklist...) {
		if it.Reviewer() {
			out = append(out, it)
		}
	}
	return out
}

// Reviewer reports whether a person must act on the item: it failed, it is
// manual, or NeedsReviewer says so (a file its rules would have judged was
// unread).
func (it ItemResult) Reviewer() bool {
	return it.Status == Fail || it.Status == Manual || it.NeedsReviewer
}
