package review

import (
	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/flow"
)

// Guidance is the guidance a review applies: the flow definitions, each
// flow's reviewer focus list and the pre-PR checklist (the model of
// package checklist, handed out as go/analysis hands out its Diagnostic).
type Guidance = checklist.Guidance

// Flow is an mTLS PoP flow: vanilla, fic, both or none.
type Flow = flow.Flow

// LoadGuidance reads guidance documents from the file system (files,
// directories of *.md, globs) and merges them in order; no path means the
// embedded default.
func LoadGuidance(paths []string) (*Guidance, error) { return checklist.Load(paths) }

// ParseGuidance parses one guidance document; name is how errors and the
// result's sources name it.
func ParseGuidance(name string, data []byte) (*Guidance, error) { return checklist.Parse(name, data) }

// MergeGuidance merges guidance documents in order, as LoadGuidance does.
func MergeGuidance(docs ...*Guidance) *Guidance { return checklist.Merge(docs...) }

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
