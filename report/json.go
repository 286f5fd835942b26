package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/reviewbot/reviewbot/review"
)

// JSON writes r in the versioned JSON schema (report/schema.json, described
// in report/SCHEMA.md): the fields and names of review.Result's json tags,
// "version" set to review.SchemaVersion, every list written as [] (never
// null) and counts as {} when empty. It does not change r.
func JSON(w io.Writer, r *review.Result) error {
	if r == nil {
		return fmt.Errorf("write JSON report: no result")
	}
	out := normalize(r)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// normalize returns a copy of r with version set and nil lists and maps
// made empty, so the JSON has [] and {} instead of null.
func normalize(r *review.Result) *review.Result {
	out := *r
	out.Version = review.SchemaVersion
	out.Guidance = nonNil(r.Guidance)
	out.Flow = orNone(r.Flow)
	if out.Detected == "" {
		out.Detected = out.Flow
	}
	out.Variants = nonNil(r.Variants)
	out.Evidence = nonNil(r.Evidence)
	out.Files = nonNil(r.Files)
	out.Findings = nonNil(r.Findings)
	out.Checklist = items(r.Checklist)
	out.Focus = items(r.Focus)
	out.Warnings = nonNil(r.Warnings)
	out.RulesRun = nonNil(r.RulesRun)
	if out.Counts == nil {
		out.Counts = map[string]int{}
	}
	return &out
}

// items copies a list of item results with every nested list non-nil.
func items(in []review.ItemResult) []review.ItemResult {
	out := make([]review.ItemResult, len(in))
	for i, it := range in {
		it.Topics = nonNil(it.Topics)
		it.Rules = slices.Clone(it.Rules)
		it.Findings = slices.Clone(it.Findings)
		out[i] = it
	}
	return out
}

// nonNil returns s, or an empty slice when s is nil.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
