package report

import (
	"fmt"

	"github.com/reviewbot/reviewbot/review"
)

// maxSuppressed caps the suppressions the summary lists.
const maxSuppressed = 30

// writeSuppressed counts the findings reviewbot:ignore comments silenced
// and lists those whose comment this change adds, so reviewers see what a
// pull request silences and why.
func writeSuppressed(d *mdDoc, r *review.Result) {
	if len(r.Suppressed) == 0 {
		return
	}
	var added []review.Suppressed
	for _, s := range r.Suppressed {
		if s.Added {
			added = append(added, s)
		}
	}
	d.add("")
	d.add("#### Suppressed")
	line := fmt.Sprintf("%s silenced by `reviewbot:ignore` comments", plural(len(r.Suppressed), "finding"))
	if len(added) == 0 {
		d.add(line + "; this PR adds none of them.")
		return
	}
	d.add(fmt.Sprintf("%s; this PR adds %d:", line, len(added)))
	for i, s := range added {
		if i == maxSuppressed {
			d.add(fmt.Sprintf("- … and %d more (`reviewbot check --format text` lists them all)", len(added)-maxSuppressed))
			break
		}
		loc := Quote(fmt.Sprintf("%s:%d", shorten(s.Path, maxPath, true), s.Line))
		d.add("- " + loc + " " + ruleLink(s.Rule) + ": " + inline(shorten(s.Reason, maxShort, false)))
	}
}
