package action

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/report"
)

// Byte budgets for what the action downloads besides the listing.
const (
	// maxGuidanceBytes bounds one guidance document.
	maxGuidanceBytes = 1 << 20
	// maxGuidanceFiles bounds how many documents a guidance glob may match.
	maxGuidanceFiles = 20
	// maxFileBytes bounds one file fetched for whole-file context or for a
	// local diff (GitHub diffs at most 500 KB a file).
	maxFileBytes = 1 << 20
	// maxSourceBytes bounds all head contents fetched for context.
	maxSourceBytes = 8 << 20
	// maxNoPatchFiles bounds how many files without a patch are fetched and
	// diffed locally.
	maxNoPatchFiles = 50
)

// loadGuidance reads the guidance input's documents from the PR's base
// commit through the contents API, never from the head: a PR must not be
// able to weaken its own review. It returns nil guidance for the embedded
// default, and the paths read (to tell when the PR changes them).
func (rv *reviewer) loadGuidance(ctx context.Context) (*checklist.Guidance, []string, error) {
	if len(rv.cfg.Guidance) == 0 {
		return nil, nil, nil
	}
	base := rv.t.BaseSHA
	var paths []string
	var tree []string
	for _, entry := range rv.cfg.Guidance {
		if !hasMeta(entry) {
			paths = append(paths, entry)
			continue
		}
		if !doublestar.ValidatePattern(entry) {
			return nil, nil, fmt.Errorf("input guidance %q is not a valid glob: fix the pattern", entry)
		}
		if tree == nil {
			t, truncated, err := rv.g.getTree(ctx, base)
			if err != nil {
				return nil, nil, fmt.Errorf("input guidance %q: %w", entry, err)
			}
			if truncated {
				rv.notes = append(rv.notes, "The base tree is too large for one listing: the guidance glob may have missed files; name the guidance file instead.")
			}
			tree = t
		}
		n := 0
		for _, p := range tree {
			if ok, _ := doublestar.Match(entry, p); ok {
				paths = append(paths, p)
				n++
			}
		}
		if n == 0 {
			return nil, nil, fmt.Errorf("input guidance %q matches no file at the PR's base commit %.7s: commit the guidance to the base branch first", entry, base)
		}
	}
	paths = dedupe(paths)
	if len(paths) > maxGuidanceFiles {
		return nil, nil, fmt.Errorf("input guidance matches %d files at the base commit: name at most %d", len(paths), maxGuidanceFiles)
	}
	var docs []*checklist.Guidance
	for _, p := range paths {
		data, found, err := rv.g.getContent(ctx, p, base, maxGuidanceBytes)
		if errors.Is(err, errTooLarge) {
			return nil, nil, fmt.Errorf("input guidance %q is larger than %d bytes: split it", p, maxGuidanceBytes)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read guidance %q at the base commit: %w", p, err)
		}
		if !found {
			return nil, nil, fmt.Errorf("input guidance %q: no such file at the PR's base commit %.7s: commit it to the base branch first, or leave guidance empty for the embedded one", p, base)
		}
		g, err := checklist.Parse(p, data)
		if err != nil {
			return nil, nil, fmt.Errorf("input guidance %q: %w", p, err)
		}
		docs = append(docs, g)
	}
	rv.r.logf("guidance read from base commit %.12s: %s", base, strings.Join(paths, ", "))
	return checklist.Merge(docs...), paths, nil
}

func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[{") }

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// guidanceChanged returns the guidance paths the PR touches.
func guidanceChanged(files []*github.CommitFile, guid []string) []string {
	var out []string
	for _, p := range guid {
		for _, f := range files {
			if f.GetFilename() == p || f.GetPreviousFilename() == p {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// buildDiffs turns GitHub's file list into diffs. A file whose patch
// GitHub left out (large or binary) is fetched at base and head and diffed
// locally; when that fails too it is reported as not reviewed, with the
// reason.
func (rv *reviewer) buildDiffs(ctx context.Context, files []*github.CommitFile, src *sourceCache) ([]*diff.File, map[string]string) {
	var out []*diff.File
	notReviewed := map[string]string{}
	noPatch := 0
	for _, cf := range files {
		name, prev, status := cf.GetFilename(), cf.GetPreviousFilename(), cf.GetStatus()
		if status == "removed" {
			src.removed[name] = true
		}
		if cf.Patch != nil && cf.GetPatch() != "" {
			f, err := diff.ParsePatch(name, prev, status, cf.GetPatch())
			if err == nil {
				out = append(out, f)
				continue
			}
			notReviewed[name] = "GitHub's patch could not be read: " + shortErr(err)
			out = append(out, bareFile(name, prev, status))
			continue
		}
		if cf.GetChanges() == 0 && (status == "renamed" || status == "copied" || status == "unchanged") {
			out = append(out, bareFile(name, prev, status))
			continue
		}
		noPatch++
		if noPatch > maxNoPatchFiles {
			notReviewed[name] = fmt.Sprintf("GitHub sent no patch and more than %d such files are in the PR", maxNoPatchFiles)
			out = append(out, bareFile(name, prev, status))
			continue
		}
		f, reason := rv.localDiff(ctx, cf, src)
		if reason != "" {
			notReviewed[name] = reason
			f = bareFile(name, prev, status)
		}
		out = append(out, f)
	}
	return out, notReviewed
}

func bareFile(name, prev, status string) *diff.File {
	f := &diff.File{NewPath: name, OldPath: name, Status: diff.Status(status)}
	if prev != "" {
		f.OldPath = prev
	}
	switch f.Status {
	case diff.Added:
		f.OldPath = ""
	case diff.Removed:
		f.NewPath = ""
	}
	return f
}

// localDiff fetches both sides of a file GitHub sent without a patch and
// diffs them. reason is set when it cannot.
func (rv *reviewer) localDiff(ctx context.Context, cf *github.CommitFile, src *sourceCache) (*diff.File, string) {
	name, prev, status := cf.GetFilename(), cf.GetPreviousFilename(), cf.GetStatus()
	oldPath := name
	if prev != "" {
		oldPath = prev
	}
	var oldData, newData []byte
	if status != "added" {
		b, found, err := rv.g.getContent(ctx, oldPath, rv.t.BaseSHA, maxFileBytes)
		if reason := fetchReason(err, found, "base"); reason != "" {
			return nil, reason
		}
		oldData = b
	}
	if status != "removed" {
		b, found, err := rv.g.getContent(ctx, name, rv.t.HeadSHA, maxFileBytes)
		if reason := fetchReason(err, found, "head"); reason != "" {
			return nil, reason
		}
		newData = b
		src.put(name, b)
	}
	f, err := diff.Between(name, oldData, newData)
	if err != nil {
		return nil, "GitHub sent no patch and the local diff failed: " + shortErr(err)
	}
	if f.Binary {
		return nil, "binary file: no lines to review"
	}
	g := bareFile(name, prev, status)
	f.OldPath, f.NewPath, f.Status = g.OldPath, g.NewPath, g.Status
	return f, ""
}

func fetchReason(err error, found bool, side string) string {
	switch {
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("GitHub sent no patch and the %s version is larger than %d bytes", side, maxFileBytes)
	case err != nil:
		return fmt.Sprintf("GitHub sent no patch and fetching the %s version failed: %s", side, shortErr(err))
	case !found:
		return fmt.Sprintf("GitHub sent no patch and the %s version was not found", side)
	}
	return ""
}

// sourceCache fetches the head content of in-scope files for the rules'
// whole-file context, once each, within maxSourceBytes in all.
type sourceCache struct {
	g    *ghRepo
	t    *target
	data map[string][]byte
	// removed are files the PR deletes: they have no head content.
	removed map[string]bool
	used    int64
	skipped []string
	failed  []string
}

func newSourceCache(g *ghRepo, t *target) *sourceCache {
	return &sourceCache{g: g, t: t, data: map[string][]byte{}, removed: map[string]bool{}}
}

func (s *sourceCache) put(p string, b []byte) {
	s.data[p] = b
	s.used += int64(len(b))
}

// source is review.Options.Source: the engine calls it for in-scope files
// only.
func (s *sourceCache) source(ctx context.Context) func(string) ([]byte, bool) {
	return func(p string) ([]byte, bool) {
		if b, ok := s.data[p]; ok {
			return b, b != nil
		}
		if s.removed[p] {
			return nil, false
		}
		limit := min(int64(maxFileBytes), maxSourceBytes-s.used)
		if limit <= 0 {
			s.skipped = append(s.skipped, p)
			s.data[p] = nil
			return nil, false
		}
		b, found, err := s.g.getContent(ctx, p, s.t.HeadSHA, limit)
		if err != nil || !found {
			if errors.Is(err, errTooLarge) {
				s.skipped = append(s.skipped, p)
			} else {
				s.failed = append(s.failed, p)
			}
			s.data[p] = nil
			return nil, false
		}
		s.put(p, b)
		return b, true
	}
}

// notes says which files the rules saw only as hunks.
func (s *sourceCache) notes() []string {
	var out []string
	if len(s.skipped) > 0 {
		sort.Strings(s.skipped)
		out = append(out, fmt.Sprintf("Whole-file context was skipped for %d file(s) over the download budget (%d MiB in all, %d MiB a file); rules saw only their hunks: %s.", len(s.skipped), maxSourceBytes>>20, maxFileBytes>>20, quoteList(limitList(s.skipped, 10))))
	}
	if len(s.failed) > 0 {
		sort.Strings(s.failed)
		out = append(out, fmt.Sprintf("The head content of %d file(s) could not be fetched; rules saw only their hunks: %s.", len(s.failed), quoteList(limitList(s.failed, 10))))
	}
	return out
}

// quoteList renders names from the PR as Markdown code spans that nothing
// in them can break out of.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = report.Quote(s)
	}
	return strings.Join(q, ", ")
}

func limitList(ss []string, n int) []string {
	if len(ss) <= n {
		return ss
	}
	return append(append([]string{}, ss[:n]...), fmt.Sprintf("… %d more", len(ss)-n))
}
