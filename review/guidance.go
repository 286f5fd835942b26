package review

import (
	"io/fs"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/flow"
)

// Guidance is the guidance a review applies: the flow definitions, each
// flow's reviewer focus list and the pre-PR checklist (the model of
// package checklist, handed out as go/analysis hands out its Diagnostic).
type Guidance = checklist.Guidance

// Flow is an mTLS PoP flow: vanilla, fic, both or none.
type Flow = flow.Flow

// LoadGuidance reads guidance documents from the operating system's file
// system (files, directories of *.md, globs; relative or absolute paths)
// and merges them in order; no path means the embedded default.
func LoadGuidance(paths []string) (*Guidance, error) { return checklist.Load(paths) }

// LoadGuidanceFS reads the guidance documents that entries name in fsys
// (a file; a directory, its *.md sorted; a doublestar glob, its files
// sorted), within lim, and merges them in order. It returns the names of
// the files read. The action passes the PR's base commit as fsys. Errors
// are a *GuidanceLoadError.
func LoadGuidanceFS(fsys fs.FS, entries []string, lim GuidanceLimits) (*Guidance, []string, error) {
	return checklist.LoadFS(fsys, entries, lim)
}

// GuidanceLimits bound what LoadGuidanceFS reads; zero means no bound.
type GuidanceLimits = checklist.Limits

// GuidanceLoadError is why LoadGuidanceFS failed: the entry, the file, the
// cause.
type GuidanceLoadError = checklist.LoadError

// The causes a GuidanceLoadError may wrap besides the file system's.
var (
	ErrGuidanceBadGlob  = checklist.ErrBadGlob
	ErrGuidanceNoMatch  = checklist.ErrNoMatch
	ErrGuidanceEmptyDir = checklist.ErrEmptyDir
	ErrGuidanceTooMany  = checklist.ErrTooMany
	ErrGuidanceTooLarge = checklist.ErrTooLarge
)

// ParseFlow reads a flow name: vanilla, fic, both or none.
func ParseFlow(s string) (Flow, error) { return flow.Parse(s) }

// Evidence is one signal the flow classification rests on: where, what,
// and which flow it speaks for.
type Evidence = flow.Evidence

// Variant is the client kind of an mTLS PoP acquisition.
type Variant = flow.Variant

// The flows and variants a result names.
const (
	NoFlow             = flow.None
	Vanilla            = flow.Vanilla
	FIC                = flow.FIC
	Both               = flow.Both
	ConfidentialClient = flow.ConfidentialClient
	ManagedIdentity    = flow.ManagedIdentity
)
