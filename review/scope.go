package review

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// apiSurface is the mTLS PoP API a changed line can name to bring a file
// into scope when no applies_to glob matches it. Each entry is matched
// case-insensitively; the first that matches is the reason given.
var apiSurface = []struct {
	name string
	// lit is a lower-case literal every match holds, tested first.
	lit string
	re  *regexp.Regexp
}{
	{"WithMtlsProofOfPossession", "withmtlsproofofpossession", nil},
	{"ClientSignedAssertion", "clientsignedassertion", nil},
	{"TokenBindingCertificate", "tokenbindingcertificate", nil},
	{"AzureADTokenExchange", "azureadtokenexchange", nil},
	{"jwt-pop", "jwt-pop", nil},
	{"BindingCertificate", "bindingcertificate", nil},
	{"mtlsauth", "mtlsauth", nil},
	{"MtlsPop identifier", "mtlspop", nil},
	{"mTLS PoP", "mtls", regexp.MustCompile(`(?i)\bmtls[ -]pop\b`)},
	{"Proof-of-Possession", "possession", regexp.MustCompile(`(?i)\bproof[- ]of[- ]possession\b`)},
}

// surfaceHints are literals one of which every apiSurface entry holds: a
// line without any (in any case) names none of them.
var surfaceHints = []string{"mtls", "assertion", "bindingcertificate", "tokenexchange", "jwt-pop", "possession"}

// surfaceSet scans a line for every one of surfaceHints at once.
var surfaceSet = prefilter.NewSet(surfaceHints...)

// surfaceHint reports whether text holds one of surfaceHints, ignoring
// ASCII case, in one pass and without allocating.
func surfaceHint(text string) bool {
	return surfaceSet.Scan(text)&^prefilter.NonASCII != 0
}

// scoper decides which changed files the guidance covers.
type scoper struct {
	globs []string
	// pieces[i] are literals every path globs[i] matches holds (globPieces).
	pieces        [][]string
	caseSensitive bool
}

// globPieces returns the literals every path that glob g matches holds:
// its runs of bytes other than '*', '?' and '/'. Outside brackets, braces
// and escapes, which it gives none for, a glob's other bytes match
// themselves one for one, and only '*', '?' and a '/' next to "**" (which
// may match no directory) stand for anything else: so a run between them
// is matched, byte for byte, by a run of the path. doublestar compares
// runes, and reads any byte that is not UTF-8 as U+FFFD: a glob that is
// not UTF-8 or holds U+FFFD gets none either. FuzzGlobPieces holds the
// guard to doublestar.
func globPieces(g string) []string {
	if strings.ContainsAny(g, `\[]{}`) || !utf8.ValidString(g) || strings.ContainsRune(g, utf8.RuneError) {
		return nil
	}
	return strings.FieldsFunc(g, func(r rune) bool { return r == '*' || r == '?' || r == '/' })
}

// mayMatch reports whether p holds every one of pieces: false means no
// glob they came from matches p.
func mayMatch(p string, pieces []string) bool {
	for _, s := range pieces {
		if !strings.Contains(p, s) {
			return false
		}
	}
	return true
}

func newScoper(globs []string, caseSensitive bool) (*scoper, error) {
	s := &scoper{caseSensitive: caseSensitive}
	for _, g := range globs {
		if !doublestar.ValidatePattern(g) {
			return nil, fmt.Errorf("applies_to glob %q is not a valid pattern: fix it in the guidance front matter", g)
		}
		if !caseSensitive {
			g = strings.ToLower(g)
		}
		s.globs = append(s.globs, g)
		s.pieces = append(s.pieces, globPieces(g))
	}
	return s, nil
}

// matchGlob returns the first applies_to glob the path matches, as written
// in the guidance, or "".
func (s *scoper) matchGlob(p string, written []string) string {
	if p == "" {
		return ""
	}
	if !s.caseSensitive {
		p = strings.ToLower(p)
	}
	for i, g := range s.globs {
		if mayMatch(p, s.pieces[i]) && doublestar.MatchUnvalidated(g, p) {
			return written[i]
		}
	}
	return ""
}

// contentSignal returns the mTLS PoP API name that a changed (added or
// removed) line of f uses, with its line, or "".
func contentSignal(f *diff.File) (string, int) {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Op == diff.Context {
				continue
			}
			if !surfaceHint(l.Text) {
				continue
			}
			lower := strings.ToLower(source.FoldPunctuation(l.Text))
			for _, a := range apiSurface {
				if strings.Contains(lower, a.lit) && (a.re == nil || a.re.MatchString(lower)) {
					no := l.NewLine
					if l.Op == diff.Delete {
						no = l.OldLine
					}
					return a.name, no
				}
			}
		}
	}
	return "", 0
}

// decide returns the scope decision for one file.
func (s *scoper) decide(f *diff.File, written []string) FileDecision {
	d := FileDecision{Path: f.Path(), Status: f.Status}
	if f.OldPath != "" && f.OldPath != f.NewPath && f.NewPath != "" {
		d.OldPath = f.OldPath
	}
	if g := s.matchGlob(f.NewPath, written); g != "" {
		d.InScope, d.Reason = true, "glob "+g
		return d
	}
	if g := s.matchGlob(f.OldPath, written); g != "" {
		d.InScope, d.Reason = true, "glob "+g+" (old path)"
		return d
	}
	if name, line := contentSignal(f); name != "" {
		d.InScope, d.Reason = true, fmt.Sprintf("content %s (line %d)", name, line)
		return d
	}
	switch {
	case f.Binary:
		d.Reason = "no applies_to glob matches (binary file)"
	default:
		d.Reason = "no applies_to glob matches and no mTLS PoP API in the changed lines"
	}
	return d
}
