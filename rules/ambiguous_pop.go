package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// AmbiguousPop flags a bare "PoP" in the prose of mTLS PoP files.
var AmbiguousPop = &Rule{
	ID:       "ambiguous-pop",
	Severity: Notice,
	Topics:   []topic.Topic{topic.TermPop},
	Doc: `A bare "PoP" in prose or comments, without saying mTLS.

MSAL.NET has two Proof-of-Possession schemes: mTLS PoP (a token bound to a
certificate over mutual TLS) and Signed-HTTP-Request (SHR) PoP. A bare "PoP"
leaves the reader guessing which one, so the guidance asks for "mTLS PoP" or
"Proof-of-Possession with mTLS". The rule reads text as a reviewer does, in
units: in Markdown prose a paragraph or list item (a sentence wrapped from
a line that says mTLS says it too), in a documentation code block the whole
block, in C# the whole file. A unit that names its context (mTLS,
"mutual-TLS", Proof-of-Possession, jwt-pop, SHR; Unicode dashes and
non-breaking hyphens count as "-") is fine, so C# of mTLS-only components
(Mtls* files, the Microsoft.Identity.Client.MtlsPop package, the IMDSv2
source) and code beside WithMtlsProofOfPossession or IsMtlsPopRequested is
never flagged. Identifiers (PoPOptions, MtlsPoP) and quoted scheme or
token-type names ("PoP") are not prose, files that are Signed-HTTP-Request
PoP code with no mention of mTLS are skipped, and a unit gets at most one
notice; repeats of one phrase in a file ("PoP token") are one finding. It
is a notice: the wording is unclear, not wrong.

Bad:
    // Bind a PoP token to the certificate.

Good:
    // Bind an mTLS PoP token to the certificate.`,
	Check:    checkAmbiguousPop,
	Triggers: source.TrigPop,
}

// mtlsText matches a unit of text (a file, a code block, a sentence) that
// says mTLS: a bare "PoP" inside it can only mean mTLS PoP.
var mtlsText = prefilter.MustCompile(`(?i)mtls|mutual[- ]tls|mtls_pop`)

// mtlsOnlyPath matches the components that only do mTLS PoP: Mtls* types
// and files, the Microsoft.Identity.Client.MtlsPop package, and the IMDSv2
// managed-identity source and its key providers.
var mtlsOnlyPath = prefilter.MustCompile(`(?i)mtls|imdsv2|/KeyProviders/`)

func checkAmbiguousPop(p *Pass) {
	v := NewView(p)
	if !v.IsMarkdown() && !v.IsCode() {
		return
	}
	spans := source.AddedProse(v, true, source.TrigPop, mayHavePoP)
	if len(spans) == 0 {
		return
	}
	// A known line that holds "mtls" makes the whole text say mTLS: the
	// index answers before the regexps read the whole file, which is only
	// joined when they must.
	says := v.FileHas(source.TrigMtls)
	if !mtlsMarkers.MatchString(v.Path()) && !says && isSHRPoPOnly(source.KnownText(v)) {
		return
	}
	if v.IsCode() && (mtlsOnlyPath.MatchString(v.Path()) || says || mtlsText.MatchString(source.FoldPunctuation(source.KnownText(v)))) {
		// C# whose file already says mTLS (an mTLS-only component, a test
		// of mTLS PoP, code beside WithMtlsProofOfPossession or
		// IsMtlsPopRequested): its comments' "PoP" is mTLS PoP.
		return
	}
	done := map[int]bool{}
	for _, s := range spans {
		unit, first := popUnit(v, s.Line)
		last := s.Line
		if b, ok := v.BlockAt(s.Line); ok && v.IsMarkdown() {
			last = b.End
		}
		// A line of the unit that says mtls gives it its context.
		if done[first] || v.LinesHave(first, last, source.TrigMtls) || popContext.MatchString(source.FoldPunctuation(unit)) {
			continue
		}
		offs := barePoP(s.Text)
		k := unquotedPoP(s.Text, offs)
		if k < 0 {
			continue
		}
		done[first] = true
		f := Finding{
			Line:    s.Line,
			Column:  s.Col + offs[k],
			Message: `bare "PoP" is ambiguous: write "mTLS PoP" (or "Proof-of-Possession with mTLS"), never a bare "PoP"`,
			Key:     popPhrase(s.Text, offs[k]),
		}
		if v.BadExample(f.Line) {
			continue
		}
		p.Report(f)
	}
}

// popUnit returns the text a bare "PoP" on line n is read in, and the
// unit's first line: in a Markdown code block, the whole block; in
// Markdown prose, the paragraph or list item up to line n (a sentence
// wrapped from a line that says mTLS says it too). At most one notice is
// given per unit.
func popUnit(v *source.View, n int) (string, int) {
	if v.IsMarkdown() {
		if b, ok := v.BlockAt(n); ok {
			var sb strings.Builder
			for i := b.Start; i <= b.End; i++ {
				sb.WriteString(v.Text(i))
				sb.WriteByte('\n')
			}
			return sb.String(), b.Start
		}
		first := n
		for first > 1 && !startsProseUnit(v.Text(first)) && v.Known(first-1) && v.Prose(first-1) && strings.TrimSpace(v.Text(first-1)) != "" && source.HeadingLevel(v.Text(first-1)) == 0 {
			first--
		}
		var sb strings.Builder
		for i := first; i <= n; i++ {
			sb.WriteString(v.Text(i))
			sb.WriteByte('\n')
		}
		return sb.String(), first
	}
	return v.Text(n), n
}

// listItemRe starts a Markdown list item.
var listItemRe = prefilter.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s`)

// startsProseUnit reports whether a Markdown line starts a unit of its
// own: a heading, a list item, a table row or a quote.
func startsProseUnit(s string) bool {
	t := strings.TrimSpace(s)
	return source.HeadingLevel(s) > 0 || listItemRe.MatchString(s) || strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">")
}

// unquotedPoP returns the index into offs of the first "PoP" that is not a
// quoted name ("PoP", 'PoP', `PoP`: a scheme or token-type name the
// scheme and token-type rules judge), or -1.
func unquotedPoP(text string, offs []int) int {
	isQuote := func(b byte) bool { return b == '"' || b == '\'' || b == '`' }
	for k, o := range offs {
		if o > 0 && o+3 < len(text) && isQuote(text[o-1]) && text[o+3] == text[o-1] {
			continue
		}
		return k
	}
	return -1
}

// popPhrase names the phrase a bare "PoP" at off is part of, for grouping
// its repeats in one file: "bearer/pop", "pop token", "with pop".
func popPhrase(text string, off int) string {
	before := strings.TrimRight(text[:off], " ")
	if strings.HasSuffix(before, "/") {
		w := lastWord(strings.TrimSuffix(before, "/"))
		return strings.ToLower(w) + "/pop"
	}
	if w := firstWord(text[off+3:]); w != "" {
		w = strings.ToLower(w)
		w = strings.TrimSuffix(w, "s")
		return "pop " + w
	}
	return strings.ToLower(lastWord(before)) + " pop"
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	i := 0
	for i < len(s) && (isWordByte(s[i]) && s[i] != '-') {
		i++
	}
	if i == 0 && len(s) > 0 && s[0] == '+' {
		return "+"
	}
	return s[:i]
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 && isWordByte(s[i-1]) && s[i-1] != '-' {
		i--
	}
	return s[i:]
}

// popContext matches text that already says which Proof-of-Possession it
// means: mTLS (also inside identifiers such as WithMtlsProofOfPossession),
// the full "Proof-of-Possession", jwt-pop (the FIC assertion binding), or
// the Signed-HTTP-Request kind (SHR), which is not mTLS PoP at all.
var popContext = prefilter.MustCompile(`(?i)mtls|mutual[- ]tls|proof[- ]of[- ]possession|jwt-?pop|\bshr\b|signed[- ]?http[- ]?request`)

// barePoP returns the byte offsets of each bare "PoP" ("PoP", "POP", "Pop"
// as a word of its own) in text, or nil when text names its context.
// Identifiers (PoPOptions, MtlsPoP, PopKeyAttestor, msal-mtls-pop) and the
// lower-case token type "pop" are not bare "PoP".
func barePoP(text string) []int {
	if !mayHavePoP(text) || popContext.MatchString(source.FoldPunctuation(text)) {
		return nil
	}
	var out []int
	for i := 0; i+3 <= len(text); i++ {
		w := text[i : i+3]
		if w != "PoP" && w != "POP" && w != "Pop" {
			continue
		}
		if i > 0 && isWordByte(text[i-1]) {
			continue
		}
		if i+3 < len(text) && isWordByte(text[i+3]) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// isWordByte reports whether b continues an identifier or a hyphenated
// name, so that a match next to it is part of a longer word.
func isWordByte(b byte) bool {
	return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// shrMarkers are the APIs and words of Signed-HTTP-Request PoP, the other
// Proof-of-Possession that `*pop*` globs also catch.
var shrMarkers = prefilter.MustCompile(`WithSignedHttpRequestProofOfPossession|WithProofOfPossession\(|PoPAuthenticationConfiguration|PopAuthenticationOperation|SignedHttpRequest|\bSHR\b|Signed HTTP Request`)

// mtlsMarkers are what makes a file mTLS PoP code.
var mtlsMarkers = prefilter.MustCompile(`(?i)mtls`)

// isSHRPoPOnly reports whether text is Signed-HTTP-Request PoP code that
// never mentions mTLS: its bare "PoP" is not mTLS PoP and not a finding.
func isSHRPoPOnly(text string) bool {
	return !mtlsMarkers.MatchString(text) && shrMarkers.MatchString(text)
}

// mayHavePoP is AddedProse's filter for ambiguous-pop.
func mayHavePoP(s string) bool {
	return strings.Contains(s, "PoP") || strings.Contains(s, "POP") || strings.Contains(s, "Pop")
}
