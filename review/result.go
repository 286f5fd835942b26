// Package review is reviewbot's offline engine: given a diff and guidance it
// decides which files the guidance covers and why, which mTLS PoP flow the
// change is, runs the rules on the in-scope files and gives every checklist
// and focus item an honest status. It does no network I/O.
package review

import (
	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules"
)

// SchemaVersion is the version of the JSON output (`--format json`); it
// changes when a field is removed or changes meaning.
const SchemaVersion = 1

// FileDecision is what the engine decided about one changed file.
type FileDecision struct {
	Path    string      `json:"path"`
	OldPath string      `json:"old_path,omitempty"`
	Status  diff.Status `json:"status"`
	InScope bool        `json:"in_scope"`
	// Reason says why: "glob **/*mtls*/**", "content WithMtlsProofOfPossession",
	// "no applies_to glob matches and no mTLS PoP API in the changed lines".
	Reason string `json:"reason"`
	// NotReviewed is set, with its reason, for an in-scope file whose lines
	// the rules could not read (binary, no patch).
	NotReviewed string `json:"not_reviewed,omitempty"`
	// Unread is set for an in-scope file with lines that could not be read
	// (too large, no patch; not a binary file): its findings are unknown,
	// so it is not clean, and the items its rules verify are not checked.
	Unread bool `json:"unread,omitempty"`
}

// Status is the verdict on one checklist or focus item.
type Status string

// The statuses an item can have.
const (
	Pass   Status = "pass"   // verified by named rules, none of which fired
	Fail   Status = "fail"   // a rule that verifies it fired
	Manual Status = "manual" // no rule can tell: a person must check
	NA     Status = "n/a"    // not relevant to this flow or this change
	// NotChecked: the rules had nothing to judge (the change holds no
	// code the item is about, or the finding of its rule fails a more
	// specific item), or an in-scope file its rules would have judged
	// could not be read (too large, no patch), so their silence proves
	// nothing; NeedsReviewer tells the last case apart.
	NotChecked Status = "not checked"
	// NotInChange: a focus item about code this change does not hold
	// (a TokenType assertion on a change with no test).
	NotInChange Status = "not in this change"
)

// ItemEvidence is a place in the PR's head that shows an item holds.
type ItemEvidence struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	// Signal says what is there: "WithMtlsProofOfPossession() on the request".
	Signal string `json:"signal"`
}

// ItemResult is one checklist or focus item with its status.
type ItemResult struct {
	checklist.Item
	Group  string `json:"group"`
	Status Status `json:"status"`
	// Rules are the rules that verify the item (pass/fail).
	Rules []string `json:"rules,omitempty"`
	// Findings index Result.Findings for a failed item.
	Findings []int `json:"findings,omitempty"`
	// Why explains the status in a few words.
	Why string `json:"why"`
	// Evidence is where the change shows the item holds (pass), or the
	// code a person must look at (manual); at most maxItemEvidence places.
	Evidence []ItemEvidence `json:"evidence,omitempty"`
	// NeedsReviewer is set when a person must act on the item: it failed,
	// it is manual, or a file its rules would have judged was unread.
	NeedsReviewer bool `json:"needs_reviewer,omitempty"`
}

// Result is everything the engine found. The JSON form is documented in
// report/SCHEMA.md (schema version SchemaVersion).
type Result struct {
	Version  int      `json:"version"`
	Guidance []string `json:"guidance"`
	// Classification is the flow, its variant and the evidence; its fields
	// are top-level in the JSON (flow, variant, variants, evidence,
	// overridden, detected).
	flow.Classification
	Files     []FileDecision  `json:"files"`
	Findings  []rules.Finding `json:"findings"`
	Checklist []ItemResult    `json:"checklist"`
	Focus     []ItemResult    `json:"focus"`
	Warnings  []string        `json:"warnings"`
	// Novelty counts the added lines of in-scope files that are not new
	// content (moved or renamed) and that the rules did not judge.
	Novelty Novelty        `json:"not_new"`
	Counts  map[string]int `json:"counts"`
	// RulesRun lists the rule IDs that ran.
	RulesRun []string `json:"rules_run"`
	// Notes say what the review left out on the configuration's say-so
	// (files an ignore glob matched).
	Notes []string `json:"notes,omitempty"`
	// Suppressed lists the findings reviewbot:ignore comments silenced;
	// absent when none were.
	Suppressed []Suppressed `json:"suppressed,omitempty"`
}
