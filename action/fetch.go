package action

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
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

// guidanceInput is the guidance part of the review's input: the guidance
// input's documents, read from the PR's base commit (baseFS), never from
// the head, as a PR must not be able to weaken its own review. No
// guidance input means the embedded default, and a nil fsys.
func (rv *reviewer) guidanceInput(ctx context.Context) (review.Input, *baseFS) {
	if len(rv.cfg.Guidance) == 0 {
		return review.Input{}, nil
	}
	fsys := newBaseFS(ctx, rv.g, rv.t.BaseSHA, maxGuidanceBytes)
	return review.Input{
		Guidance:       rv.cfg.Guidance,
		GuidanceFS:     fsys,
		GuidanceLimits: review.GuidanceLimits{MaxFiles: maxGuidanceFiles, MaxBytes: maxGuidanceBytes},
	}, fsys
}

// guidanceError words a guidance loading error for the action: the input,
// the base commit it was read from, and what to do.
func guidanceError(err error, base string) error {
	var le *review.GuidanceLoadError
	if !errors.As(err, &le) {
		return fmt.Errorf("input guidance: %w", err)
	}
	name := le.Pattern
	if le.File != "" {
		name = le.File
	}
	switch {
	case le.Op == "parse":
		return fmt.Errorf("input guidance %q: %w", name, le.Err)
	case errors.Is(err, review.ErrGuidanceTooLarge), errors.Is(err, errTooLarge):
		return fmt.Errorf("input guidance %q is larger than %d bytes: split it", name, maxGuidanceBytes)
	case errors.Is(err, review.ErrGuidanceBadGlob):
		return fmt.Errorf("input guidance %q is not a valid glob: fix the pattern", name)
	case errors.Is(err, review.ErrGuidanceNoMatch):
		return fmt.Errorf("input guidance %q matches no file at the PR's base commit %.7s: commit the guidance to the base branch first", name, base)
	case errors.Is(err, review.ErrGuidanceEmptyDir):
		return fmt.Errorf("input guidance %q: no *.md file in that directory at the PR's base commit %.7s: commit the guidance to the base branch first", name, base)
	case errors.Is(err, review.ErrGuidanceTooMany):
		return fmt.Errorf("input guidance matches %d files at the base commit: name at most %d", le.Files, maxGuidanceFiles)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("input guidance %q: no such file at the PR's base commit %.7s: commit it to the base branch first, or leave guidance empty for the embedded one", name, base)
	}
	// A failed request: the GitHub client's error says which and why.
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Op == "read" {
		return fmt.Errorf("read guidance %q at the base commit: %w", name, pe.Err)
	}
	if le.Op == "read" {
		return fmt.Errorf("read guidance %q at the base commit: %w", name, le.Err)
	}
	return fmt.Errorf("input guidance %q: %w", name, le.Err)
}

// hasMeta says whether s holds a glob's metacharacters.
func hasMeta(s string) bool { return strings.ContainsAny(s, "*?[{") }

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

// patches turns GitHub's file list into the patches of the change to
// review. A file whose patch GitHub left out (large or binary) is fetched
// at base and head for review to diff locally; when that fails it is
// reported as not reviewed, with the reason.
func (rv *reviewer) patches(ctx context.Context, files []*github.CommitFile, src *sourceCache) []review.Patch {
	var ps []review.Patch
	noPatch := 0
	for _, cf := range files {
		p := review.Patch{Path: cf.GetFilename(), OldPath: cf.GetPreviousFilename(), Status: cf.GetStatus(), Patch: cf.GetPatch()}
		if p.Status == "removed" {
			src.removed[p.Path] = true
		}
		switch {
		case p.Patch != "":
		case cf.GetChanges() == 0 && (p.Status == "renamed" || p.Status == "copied" || p.Status == "unchanged"):
		default:
			noPatch++
			if noPatch > maxNoPatchFiles {
				p.Unread = fmt.Sprintf("GitHub sent no patch and more than %d such files are in the PR", maxNoPatchFiles)
				break
			}
			rv.fetchSides(ctx, &p, src)
		}
		ps = append(ps, p)
	}
	return ps
}

// fetchSides fetches both sides of a file GitHub sent without a patch, so
// that it is diffed locally, or says in p.Unread why it cannot be.
func (rv *reviewer) fetchSides(ctx context.Context, p *review.Patch, src *sourceCache) {
	oldPath := p.Path
	if p.OldPath != "" {
		oldPath = p.OldPath
	}
	if p.Status != "added" {
		b, found, err := rv.g.getContent(ctx, oldPath, rv.t.BaseSHA, maxFileBytes)
		if reason := fetchReason(err, found, "base"); reason != "" {
			p.Unread = reason
			return
		}
		p.Old = b
	}
	if p.Status != "removed" {
		b, found, err := rv.g.getContent(ctx, p.Path, rv.t.HeadSHA, maxFileBytes)
		if reason := fetchReason(err, found, "head"); reason != "" {
			p.Unread = reason
			return
		}
		p.New = b
		src.put(p.Path, b)
	}
	p.Local = true
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
