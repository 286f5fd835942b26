package review

import (
	"context"
	"errors"
	"io"
	"io/fs"
)

// Input names what Load reads for one review: the guidance, the change
// from one source, and the options.
type Input struct {
	// Guidance lists the guidance entries (files, directories of *.md,
	// doublestar globs), merged in order; none means the embedded default.
	// They are read from GuidanceFS within GuidanceLimits (the action
	// passes the PR's base commit), or, when GuidanceFS is nil, from the
	// operating system's paths as given.
	Guidance       []string
	GuidanceFS     fs.FS
	GuidanceLimits GuidanceLimits

	// The change comes from the first of these that is set: Patches, a
	// pull request's files as GitHub lists them, asked for only once the
	// guidance is read, so that a broken guidance fails before any call
	// for the files; GitRange, BASE...HEAD of the git repository in
	// GitDir; or Diff, a unified diff that DiffName names in errors.
	Patches  func(context.Context) ([]Patch, error)
	GitDir   string
	GitRange string
	Diff     io.Reader
	DiffName string

	// Options are the review's options; Load sets their Guidance.
	Options Options
}

// The inputs an InputError names.
const (
	InputGuidance = "guidance"
	InputChange   = "change"
)

// InputError is why Load failed: the input (InputGuidance or
// InputChange) and the cause, whose text it keeps as it is.
type InputError struct {
	Input string
	Err   error
}

// Error returns the cause's text.
func (e *InputError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *InputError) Unwrap() error { return e.Err }

// Review is what Load read: the change, and the options (their Guidance
// set) to review it by.
type Review struct {
	Change  *Change
	Options Options
	// GuidancePaths are the guidance files read from Input.GuidanceFS, in
	// order.
	GuidancePaths []string
}

// Load reads a review's inputs, the guidance first, then the change. Its
// errors are *InputError.
func Load(ctx context.Context, in Input) (*Review, error) {
	rv := &Review{Options: in.Options}
	if len(in.Guidance) > 0 {
		var g *Guidance
		var err error
		if in.GuidanceFS != nil {
			g, rv.GuidancePaths, err = LoadGuidanceFS(in.GuidanceFS, in.Guidance, in.GuidanceLimits)
		} else {
			g, err = LoadGuidance(in.Guidance)
		}
		if err != nil {
			return nil, &InputError{InputGuidance, err}
		}
		rv.Options.Guidance = g
	}
	var err error
	switch {
	case in.Patches != nil:
		var ps []Patch
		if ps, err = in.Patches(ctx); err == nil {
			rv.Change = FromPatches(ps)
		}
	case in.GitRange != "":
		rv.Change, err = FromGit(ctx, in.GitDir, in.GitRange)
	case in.Diff != nil:
		rv.Change, err = ReadDiff(in.DiffName, in.Diff)
	default:
		err = errNoChange
	}
	if err != nil {
		return nil, &InputError{InputChange, err}
	}
	return rv, nil
}

// errNoChange is Load's error for an Input that names no change.
var errNoChange = errors.New("no change to review: give patches, a git range or a diff")

// Run reviews the change by the options.
func (r *Review) Run() (*Result, error) { return r.Change.Run(r.Options) }
