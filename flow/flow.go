// Package flow decides which mTLS PoP flow a change is about: the vanilla
// flow (one AcquireTokenForClient or AcquireTokenForManagedIdentity call with
// WithMtlsProofOfPossession), the FIC two-leg flow (leg 1 gets an assertion
// for api://AzureADTokenExchange, leg 2 exchanges it through
// WithClientAssertion), both, or none. Classification is a pure function of
// the diff: no I/O.
package flow

import "fmt"

// Flow is the mTLS PoP flow a change is about.
type Flow string

// The flows.
const (
	None    Flow = "none"
	Vanilla Flow = "vanilla"
	FIC     Flow = "fic"
	Both    Flow = "both"
)

// Parse reads a flow name as a user writes it (`--flow`, a PR label).
func Parse(s string) (Flow, error) {
	switch s {
	case "none":
		return None, nil
	case "vanilla":
		return Vanilla, nil
	case "fic", "fic-two-leg":
		return FIC, nil
	case "both":
		return Both, nil
	}
	return "", fmt.Errorf("unknown flow %q: use vanilla, fic, both or none", s)
}

// Has reports whether f covers g: Both has Vanilla and FIC.
func (f Flow) Has(g Flow) bool {
	return f == g || (f == Both && (g == Vanilla || g == FIC))
}

// Variant is the kind of client the mTLS PoP code uses.
type Variant string

// The variants.
const (
	ConfidentialClient Variant = "confidential-client"
	ManagedIdentity    Variant = "managed-identity"
)

// Evidence is one signal that pushed the classification: where it is, what
// it is, and which flow it speaks for (None for signals that rule a flow out,
// such as bearer over mTLS).
type Evidence struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Signal string `json:"signal"`
	Flow   Flow   `json:"flow"`
}

// Classification is what Classify decided about a change.
type Classification struct {
	Flow Flow `json:"flow"`
	// Variant names the client kind: one of Variants, or both joined with
	// "+" ("confidential-client+managed-identity", as a FIC two-leg change
	// with a managed-identity leg 1 has); empty for the flow none.
	Variant  string     `json:"variant"`
	Variants []Variant  `json:"variants"`
	Evidence []Evidence `json:"evidence"`
	// Overridden is set when the flow came from the user (--flow, a label)
	// rather than from the evidence; Detected keeps what the evidence said.
	Overridden bool `json:"overridden"`
	Detected   Flow `json:"detected"`
}
