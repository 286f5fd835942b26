package review

import (
	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules"
)

// Options configures one offline review.
type Options struct {
	// Guidance is the parsed (possibly merged) guidance; nil means the
	// embedded default.
	Guidance *checklist.Guidance
	// CaseSensitiveGlobs restores doublestar's literal, case-sensitive
	// matching of applies_to globs.
	CaseSensitiveGlobs bool
	// Flow, when not empty, overrides the classified flow.
	Flow flow.Flow
	// Source returns the whole new content of a file, when known, so rules
	// have whole-file context. Nil, or ok false, means hunks only.
	Source func(path string) (content []byte, ok bool)
	// Rules to run; nil means rules.All.
	Rules []*rules.Rule
	// NotReviewed lists files the caller could not get lines for (no patch,
	// fetch failed) with the reason; they are reported, never dropped.
	NotReviewed map[string]string
	// DisabledRules holds the IDs of rules that do not run (a
	// configuration file's enabled: false).
	DisabledRules map[string]bool
	// Severities maps rule IDs to the severity their findings get instead
	// of the rule's own.
	Severities map[string]rules.Severity
	// Ignore holds path globs (doublestar syntax, matched against the new
	// and the old path) of files dropped from the review; the result notes
	// each one. IgnoreSource names where the globs come from, for the note.
	Ignore       []string
	IgnoreSource string
}
