package review

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/rules"
)

// Change is one change to review, parsed: the files of a unified diff, a
// git range or a pull request's patches. Load makes one (with ReadDiff,
// FromGit or FromPatches); Run reviews it; Anchor and LineText place
// comments in it. The CLI and the action see a change only through these.
type Change struct {
	files  []*diff.File
	byPath map[string]*diff.File
	// notReviewed are the files whose lines could not be read, with why.
	notReviewed map[string]string
}

func newChange(files []*diff.File, notReviewed map[string]string) *Change {
	c := &Change{files: files, byPath: map[string]*diff.File{}, notReviewed: notReviewed}
	for _, f := range files {
		c.byPath[f.Path()] = f
	}
	return c
}

// Len is the number of changed files.
func (c *Change) Len() int { return len(c.files) }

// Run reviews the change with opts (see the package-level Run). Files the
// change could not read are added to opts.NotReviewed.
func (c *Change) Run(opts Options) (*Result, error) {
	if len(c.notReviewed) > 0 {
		nr := map[string]string{}
		for p, why := range c.notReviewed {
			nr[p] = why
		}
		for p, why := range opts.NotReviewed {
			nr[p] = why
		}
		opts.NotReviewed = nr
	}
	return Run(c.files, opts)
}

// Anchor places a finding on new-side (RIGHT) lines inside the change's
// hunks, as GitHub requires of a line comment: a range only within one
// hunk, else its first line; start is 0 for a one-line comment. ok is
// false when the finding's line is outside every hunk.
func (c *Change) Anchor(f rules.Finding) (start, end int, ok bool) {
	df := c.byPath[f.Path]
	if df == nil || f.Line <= 0 {
		return 0, 0, false
	}
	h := df.HunkIndexRight(f.Line)
	if h < 0 {
		return 0, 0, false
	}
	if f.EndLine > f.Line && df.HunkIndexRight(f.EndLine) == h {
		return f.Line, f.EndLine, true
	}
	return 0, f.Line, true
}

// Has reports whether the change holds a file at path.
func (c *Change) Has(path string) bool { return c.byPath[path] != nil }

// LineText returns the text of new-file line n of path when a hunk shows
// it.
func (c *Change) LineText(path string, n int) (string, bool) {
	df := c.byPath[path]
	if df == nil {
		return "", false
	}
	l, ok := df.LineRight(n)
	return l.Text, ok
}

// Patch is one file of a pull request as GitHub lists it, for
// FromPatches.
type Patch struct {
	// Path, OldPath and Status are the file's filename, previous_filename
	// and status in GitHub's pull request files API.
	Path, OldPath, Status string
	// Patch is GitHub's `patch`; empty when GitHub sent none (a large or
	// binary file, or a rename without changes).
	Patch string
	// Old and New are the file's contents at the base and head commits,
	// fetched for a file GitHub sent without a patch, to diff locally;
	// Local says they were.
	Old, New []byte
	Local    bool
	// Unread, when set, says why the file's lines cannot be read (GitHub
	// sent no patch and fetching it failed): it is listed as not reviewed.
	Unread string
}

// FromPatches makes the change of a pull request from GitHub's per-file
// patches. A patch that does not parse, a file without a patch that could
// not be diffed locally, and one marked Unread are kept as files without
// lines and listed as not reviewed, with the reason: nothing is dropped.
func FromPatches(ps []Patch) *Change {
	var files []*diff.File
	notReviewed := map[string]string{}
	for _, p := range ps {
		bare := bareFile(p.Path, p.OldPath, p.Status)
		switch {
		case p.Unread != "":
			notReviewed[p.Path] = p.Unread
			files = append(files, bare)
		case p.Patch != "":
			f, err := diff.ParsePatch(p.Path, p.OldPath, p.Status, p.Patch)
			if err != nil {
				notReviewed[p.Path] = "GitHub's patch could not be read: " + oneLine(err)
				files = append(files, bare)
				continue
			}
			files = append(files, f)
		case p.Local:
			f, err := diff.Between(p.Path, p.Old, p.New)
			switch {
			case err != nil:
				notReviewed[p.Path] = "GitHub sent no patch and the local diff failed: " + oneLine(err)
				files = append(files, bare)
			case f.Binary:
				notReviewed[p.Path] = "binary file: no lines to review"
				files = append(files, bare)
			default:
				f.OldPath, f.NewPath, f.Status = bare.OldPath, bare.NewPath, bare.Status
				files = append(files, f)
			}
		default:
			files = append(files, bare)
		}
	}
	return newChange(files, notReviewed)
}

// bareFile is a file of a pull request without lines.
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

// ErrEmptyDiff is the error of ReadDiff for a diff that holds no change
// at all: a review of nothing would pass silently.
var ErrEmptyDiff = errors.New("empty diff, nothing to review")

// ReadDiff parses a unified diff named name (a file, or standard input)
// into a change; a diff with no change fails with ErrEmptyDiff.
func ReadDiff(name string, r io.Reader) (*Change, error) {
	files, err := diff.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmptyDiff)
	}
	return newChange(files, nil), nil
}

// FromGit makes the change of rangeSpec (BASE...HEAD) of the git
// repository in dir.
func FromGit(ctx context.Context, dir, rangeSpec string) (*Change, error) {
	files, err := diff.FromGit(ctx, dir, rangeSpec)
	if err != nil {
		return nil, fmt.Errorf("--git %s: %w", rangeSpec, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("--git %s: no changes between the two revisions: check BASE and HEAD", rangeSpec)
	}
	return newChange(files, nil), nil
}

// oneLine keeps the first line of an error's text.
func oneLine(err error) string {
	s := err.Error()
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
