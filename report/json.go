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
	b, err := json.Marshal(withEmptyLists(r))
	if err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	if _, err := w.Write(append(indentJSON(make([]byte, 0, len(b)+len(b)/2), b), '\n')); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}

// indentJSON appends src, JSON as json.Marshal writes it (no space
// outside strings), to dst indented as json.Indent(dst, src, "", "  ")
// does, in one pass without json.Indent's validating scanner: that scanner
// was most of the time of writing a report (1 ms of the 20,000-line
// diff's 165 KB), the marshalling less (FuzzIndentJSON holds the two to
// each other).
func indentJSON(dst, src []byte) []byte {
	depth := 0
	open := false // after { or [: indent unless it closes at once
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			dst = indentLine(dst, depth)
		}
		switch c {
		case '"':
			// Copy the string through its closing quote; a backslash
			// escapes the byte after it.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			dst = append(dst, src[i:j]...)
			i = j - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = indentLine(append(dst, c), depth)
		case ':':
			dst = append(dst, c, ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = indentLine(dst, depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// indentLine appends a newline and depth indents of two spaces.
func indentLine(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

// withEmptyLists returns a copy of r with version set and nil lists and maps
// made empty, so the JSON has [] and {} instead of null.
func withEmptyLists(r *review.Result) *review.Result {
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
