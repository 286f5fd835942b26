package review

import (
	"bytes"
	"strings"

	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/rules"
)

// Suppressed is a finding that a reviewbot:ignore comment silenced.
type Suppressed struct {
	rules.Finding
	// Reason is the comment's reason.
	Reason string `json:"reason"`
	// CommentLine is the line of the reviewbot:ignore comment.
	CommentLine int `json:"comment_line"`
	// Added is set when this change adds the comment: the summary lists
	// those, so reviewers see what a PR silences.
	Added bool `json:"added"`
}

// suppress takes the findings that a well-formed reviewbot:ignore comment
// (a known rule and a reason) covers out of the findings, after the rules
// have run. bad-suppression findings are never silenced: a suppression
// cannot hide a report about suppressions.
func suppress(findings []rules.Finding, files []*diff.File, opts Options) (kept []rules.Finding, silenced []Suppressed) {
	byPath := map[string]*diff.File{}
	for _, f := range files {
		byPath[f.Path()] = f
	}
	sups := map[string][]rules.Suppression{}
	seen := map[string]bool{}
	kept = findings[:0:0]
	for _, fd := range findings {
		f := byPath[fd.Path]
		if fd.Rule == rules.BadSuppression.ID || f == nil {
			kept = append(kept, fd)
			continue
		}
		if !seen[fd.Path] {
			seen[fd.Path] = true
			var src []byte
			if opts.Source != nil {
				if b, ok := opts.Source(fd.Path); ok {
					src = b
				}
			}
			if mayHoldSuppression(f, src) {
				sups[fd.Path] = rules.Suppressions(rules.NewView(&rules.Pass{File: f, Source: src}))
			}
		}
		var by *rules.Suppression
		for i, s := range sups[fd.Path] {
			if s.Covers(fd) && rules.ByID(s.Rule) != nil {
				by = &sups[fd.Path][i]
				break
			}
		}
		if by == nil {
			kept = append(kept, fd)
			continue
		}
		silenced = append(silenced, Suppressed{Finding: fd, Reason: rules.Redact(by.Reason), CommentLine: by.Line, Added: by.Added})
	}
	return kept, silenced
}

// mayHoldSuppression reports whether the file's view (its source, and the
// lines of the diff that are not removed) can hold a reviewbot:ignore
// comment: every one is a line that holds the marker. A file without it
// needs no view built again to look for them.
func mayHoldSuppression(f *diff.File, src []byte) bool {
	if bytes.Contains(src, []byte(source.SuppressionMarker)) {
		return true
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Op != diff.Delete && strings.Contains(l.Text, source.SuppressionMarker) {
				return true
			}
		}
	}
	return false
}
