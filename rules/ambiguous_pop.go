package rules

import "github.com/reviewbot/reviewbot/checklist"

// AmbiguousPop flags a bare "PoP" in the prose of mTLS PoP files.
var AmbiguousPop = &Rule{
	ID:       "ambiguous-pop",
	Severity: Notice,
	Topics:   []checklist.Topic{checklist.TopicTermPop},
	Doc: `A bare "PoP" in prose or comments, without saying mTLS.

MSAL.NET has two Proof-of-Possession schemes: mTLS PoP (a token bound to a
certificate over mutual TLS) and Signed-HTTP-Request (SHR) PoP. A bare "PoP"
leaves the reader guessing which one, so the guidance asks for "mTLS PoP" or
"Proof-of-Possession with mTLS". The rule reads Markdown prose, code comments
and message strings of three words or more; a line that names its context
(mTLS, Proof-of-Possession, jwt-pop, SHR) is fine, identifiers (PoPOptions,
MtlsPoP, PopKeyAttestor) are never prose, and files that are
Signed-HTTP-Request PoP code with no mention of mTLS are skipped. It is a
notice: the wording is unclear, not wrong.

Bad:
    // Bind a PoP token to the certificate.

Good:
    // Bind an mTLS PoP token to the certificate.`,
}

func init() { AmbiguousPop.Check = checkAmbiguousPop }

func checkAmbiguousPop(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	spans := addedProse(v, true, mayHavePoP)
	if len(spans) == 0 || !mtlsMarkers.MatchString(v.Path()) && isSHRPoPOnly(knownText(v)) {
		return
	}
	done := map[int]bool{}
	for _, s := range spans {
		if done[s.Line] || popContext.MatchString(v.Text(s.Line)) {
			continue
		}
		offs := barePoP(s.Text)
		if len(offs) == 0 {
			continue
		}
		done[s.Line] = true
		reportLine(p, AmbiguousPop, v, s.Line, s.Col+offs[0],
			`bare "PoP" is ambiguous: write "mTLS PoP" (or "Proof-of-Possession with mTLS"), never a bare "PoP"`)
	}
}
