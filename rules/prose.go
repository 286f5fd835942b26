package rules

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// This file holds the text tests the terminology rules (vanilla-legs,
// scopes-for-consumption, ambiguous-pop) share. They work on one piece of
// prose at a time: a Markdown prose line, a code comment's text or a message
// string; View decides which pieces are prose.

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
	if !mayHavePoP(text) || popContext.MatchString(Normalize(text)) {
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

// legTerm matches words that give a flow legs: "leg 1", "Leg 2", "first
// leg", "second leg", "two-leg", "single-leg", "legs". A bare "leg" is no evidence: managed
// identity calls a protocol step its "token leg".
var legTerm = prefilter.MustCompile(`(?i)\b(?:two|2|multi|single|one|1)[- ]leg(?:ged)?\b|\bleg[- ]?(?:1|2|one|two)\b|\b(?:first|second|1st|2nd|both|two)\s+legs?\b|\blegs\b`)

// clauseBreak ends the clause a "vanilla" belongs to: punctuation, a table
// cell, a contrast ("vs", "or", "but") or the FIC flow taking over.
var clauseBreak = prefilter.MustCompile(`(?i)[.;:!?()|"“”]|\s(?:vs\.?|versus|or|but|while|whereas|unlike)\s|\bfic\b|federated|exchange`)

// legNegation marks a clause that denies legs ("vanilla has no legs",
// "never call the vanilla flow ...").
var legNegation = prefilter.MustCompile(`(?i)\b(?:no|not|never|without|don'?t|doesn'?t|isn'?t|lacks?|avoid|instead of)\b|n't\b`)

// vanillaWord finds "vanilla" as a word.
var vanillaWord = prefilter.MustCompile(`(?i)\bvanilla\b`)

// legOfVanilla is the reverse order: "the first leg of the vanilla flow".
var legOfVanilla = prefilter.MustCompile(`(?i)\b(?:first|second|1st|2nd)\s+leg\s+of\s+(?:the\s+|a\s+)?vanilla\b|\bleg[- ]?[12]\s+of\s+(?:the\s+|a\s+)?vanilla\b|\b(?:two|2)[- ]leg(?:ged)?\s+vanilla\b`)

// vanillaLegs returns the byte offset where text gives the vanilla flow
// legs ("the vanilla flow's first leg", "leg 1 of the vanilla flow"), or
// -1. Negations ("vanilla has no legs"), quoted terms (`no "legs" in
// vanilla`) and clauses that move on to the FIC flow ("the vanilla flow
// acquires directly, or the FIC flow's first leg") are not findings.
func vanillaLegs(text string) int {
	if !containsFold(text, "leg") {
		return -1
	}
	if m := legOfVanilla.FindStringIndex(text); m != nil && !legNegation.MatchString(clauseBefore(text, m[0])) {
		return m[0]
	}
	for _, m := range vanillaWord.FindAllStringIndex(text, -1) {
		// The leg term after "vanilla" first: most clauses have none, and
		// the negation before it reads the whole text up to it.
		rest := text[m[1]:]
		if strings.HasPrefix(rest, "-") {
			continue // a compound such as the rule ID vanilla-legs
		}
		if b := clauseBreak.FindStringIndex(rest); b != nil {
			rest = rest[:b[0]]
		}
		l := legTerm.FindStringIndex(rest)
		if l == nil || legNegation.MatchString(rest[:l[0]]) || quotedAt(rest, l[0], l[1]) {
			continue
		}
		if legNegation.MatchString(clauseBefore(text, m[0])) {
			continue
		}
		return m[0]
	}
	return -1
}

// clauseBefore returns the clause of text that ends at offset i.
func clauseBefore(text string, i int) string {
	before := text[:i]
	locs := clauseBreak.FindAllStringIndex(before, -1)
	if len(locs) > 0 {
		before = before[locs[len(locs)-1][1]:]
	}
	return before
}

// quotedAt reports whether text[i:j] is a quoted term: a quote mark right
// before i or right after j ("legs", 'Leg 1', “legs”, `legs`).
func quotedAt(text string, i, j int) bool {
	isQuote := func(r rune) bool {
		return r == '"' || r == '\'' || r == '`' || r == '“' || r == '”' || r == '‘' || r == '’'
	}
	if r, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && isQuote(r) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && isQuote(r) {
		return true
	}
	return false
}

// mentionsLegs returns the byte offset of the first unquoted, not denied
// leg term in text ("the two-leg mTLS PoP flow", "Leg 1:"), or -1.
func mentionsLegs(text string) int {
	for _, l := range legTerm.FindAllStringIndex(text, -1) {
		if quotedAt(text, l[0], l[1]) || legNegation.MatchString(clauseBefore(text, l[0])) {
			continue
		}
		return l[0]
	}
	return -1
}

// ficEvidence matches code or prose that belongs to the FIC two-leg flow:
// the exchange audience, the assertion APIs, jwt-pop, leg variables.
var ficEvidence = prefilter.MustCompile(`(?i)AzureADTokenExchange|exchang|WithClientAssertion|ClientSignedAssertion|TokenBindingCertificate|jwt-?pop|\bFIC\b|federated|leg[12]|assertionJwt`)

// legProtocol marks comments whose legs are steps of a protocol (the
// IMDSv2 certificate and token requests, a TLS handshake), not flows.
var legProtocol = prefilter.MustCompile(`(?i)imds|\bcsr\b|handshake|attestation|probe|protocol|round[- ]?trip|retry`)

// singleCallPop matches an mTLS PoP acquisition, the evidence that a unit of
// code is the vanilla flow when nothing in it is FIC.
var singleCallPop = prefilter.MustCompile(`\.WithMtlsProofOfPossession\(`)

// consumeVerb starts a clause about calling a resource with a token.
var consumeVerb = prefilter.MustCompile(`(?i)\b(?:call|calls|calling|invoke|invokes|invoking|consume|consumes|consuming|access|accesses|accessing|hit|hits|hitting|query|queries|querying)\b`)

// scopesAfterVerb finds "with the scopes" / "using its scopes" / "pass the
// scopes" after a consumption verb, within one clause.
var scopesAfterVerb = prefilter.MustCompile(`(?i)\b(?:with|using|passing|pass|sending|send|presenting|present)\s+(?:the\s+|its\s+|their\s+|your\s+|our\s+|these\s+|those\s+)?(?:\w+\s+)?scopes?\b`)

// scopesToResource is the other shape: the scopes sent to a resource or in
// the Authorization header.
var scopesToResource = prefilter.MustCompile(`(?i)\b(?:pass|passes|passing|send|sends|sending|present|presents|presenting|attach|attaches|attaching)\s+(?:the\s+|its\s+|their\s+|your\s+)?(?:\w+\s+)?scopes?\s+(?:to|in|with)\s+(?:the\s+|a\s+|an\s+|your\s+)?(?:\w+\s+)?(?:api|resource|endpoint|service|server|request|header|authorization header|graph|key vault|vault)\b|\bscopes?\s+in\s+the\s+authorization\s+header\b`)

// resourceNoun names what is called with a token: the verb's object must
// be one ("call the API with the scopes"), not a method or the token cache.
var resourceNoun = prefilter.MustCompile(`(?i)\b(?:apis?|resources?|endpoints?|services?|graph|key ?vault|vault|servers?|urls?|backends?|downstream|storage|web ?apps?)\b`)

// acquisitionWords mark a clause about acquiring a token, where "scopes" is
// the right word.
var acquisitionWords = prefilter.MustCompile(`(?i)acquir|AcquireToken|ExecuteAsync|\btoken\s+request|\brequest(?:s|ing)?\s+(?:a\s+|an\s+|the\s+)?(?:mtls\s+pop\s+|access\s+)?token|\b(?:get|gets|getting|obtain|obtains|obtaining|fetch|fetching|mint|minting)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?token|\bMSAL\b`)

// consumptionClauseBreak ends a clause for the scopes test.
var consumptionClauseBreak = prefilter.MustCompile(`[.;:!?()|"“”]`)

// scopesForConsumption returns the byte offset of "scopes" used for calling
// a resource ("call the API with the scopes"), or -1. "Scopes" quoted as a
// term and clauses about acquiring a token are not findings.
func scopesForConsumption(text string) int {
	if !containsFold(text, "scope") {
		return -1
	}
	if m := scopesToResource.FindStringIndex(text); m != nil {
		clause := clauseAround(text, m[0], m[1])
		if !acquisitionWords.MatchString(clause) && !quotedScopes(text[m[0]:m[1]]) {
			return m[0]
		}
	}
	for _, v := range consumeVerb.FindAllStringIndex(text, -1) {
		rest := text[v[1]:]
		if b := consumptionClauseBreak.FindStringIndex(rest); b != nil {
			rest = rest[:b[0]]
		}
		s := scopesAfterVerb.FindStringIndex(rest)
		if s == nil {
			continue
		}
		if !resourceNoun.MatchString(rest[:s[0]]) || acquisitionWords.MatchString(rest[:s[1]]) || legNegation.MatchString(clauseBefore(text, v[0])) {
			continue
		}
		return v[0]
	}
	return -1
}

// clauseAround returns the clause of text holding text[i:j].
func clauseAround(text string, i, j int) string {
	start := 0
	if locs := consumptionClauseBreak.FindAllStringIndex(text[:i], -1); len(locs) > 0 {
		start = locs[len(locs)-1][1]
	}
	end := len(text)
	if b := consumptionClauseBreak.FindStringIndex(text[j:]); b != nil {
		end = j + b[0]
	}
	return text[start:end]
}

// quotedScopes reports whether the match quotes "scopes" as a term.
func quotedScopes(s string) bool {
	return strings.Contains(s, `"scope`) || strings.Contains(s, "“scope")
}

// proseSpan is one piece of prose on an added line: a Markdown prose line,
// a C# comment's text, or a message string literal.
type proseSpan struct {
	Line int
	// Col is the 1-based byte column where Text starts in the line.
	Col  int
	Text string
}

// addedProse returns the prose of v's added lines that lie outside examples
// the document marks as bad: Markdown prose lines (not front matter, not
// fenced blocks) and C# comments, of .cs files and of C# blocks in
// Markdown. With withStrings set it adds the message string literals of C#
// code ("BindingCertificate should not be null for PoP token."): string
// literals with at least three words passed to an assertion, exception or
// log call. Only lines for which want returns true are looked at: a cheap
// filter that keeps large diffs fast; want returns true only on text that
// holds a literal of the trigger groups t, and lines that hold none are
// not given to it.
func addedProse(v *View, withStrings bool, t Triggers, want func(line string) bool) []proseSpan {
	var out []proseSpan
	if v.IsMarkdown() {
		for n := 1; n <= v.Len(); n++ {
			if v.Added(n) && v.may(n, t) && want(v.Text(n)) && v.Prose(n) && !v.BadExample(n) {
				out = append(out, proseSpan{Line: n, Col: 1, Text: v.Text(n)})
			}
		}
	}
	for _, c := range v.Comments() {
		if c.Text == "" || !v.may(c.Line, t) || !want(c.Text) || !v.Added(c.Line) || v.BadExample(c.Line) {
			continue
		}
		col := c.Col
		line := v.Text(c.Line)
		if c.Col >= 1 && c.Col <= len(line) {
			if k := strings.Index(line[c.Col-1:], c.Text); k >= 0 {
				col = c.Col + k
			}
		}
		out = append(out, proseSpan{Line: c.Line, Col: col, Text: c.Text})
	}
	if withStrings {
		for n := 1; n <= v.Len(); n++ {
			if !v.Added(n) || !v.IsCodeLine(n) || !v.may(n, t) || !want(v.Text(n)) || v.BadExample(n) {
				continue
			}
			code := v.Code(n)
			if !strings.Contains(code, `"`) || !isMessageCall(code) {
				continue
			}
			for _, lit := range Literals(code) {
				if len(strings.Fields(lit.Value)) >= 3 {
					out = append(out, proseSpan{Line: n, Col: lit.Col + 1, Text: lit.Value})
				}
			}
		}
	}
	sortSpans(out)
	return out
}

// messageCalls are the code fragments that pass a message meant for people:
// an assertion, an exception, a log or a failure. Other strings (console
// output labels, protocol values) are data, not prose.
var messageCalls = []string{"Assert", "throw", "Exception(", ".Should", "Logger.", ".Log", "Fail(", "Inconclusive("}

// isMessageCall reports whether a line of code passes a message.
func isMessageCall(code string) bool {
	for _, m := range messageCalls {
		if strings.Contains(code, m) {
			return true
		}
	}
	return false
}

// containsFold reports whether s contains the word w in any case. For an
// ASCII w (every caller's) ASCII folding is exact: a slice of s as long as
// w in bytes and as many runes folds to w only if it is ASCII too.
func containsFold(s, w string) bool {
	if isASCII(w) {
		return prefilter.ContainsFold(s, strings.ToLower(w))
	}
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// mayHavePoP is addedProse's filter for ambiguous-pop.
func mayHavePoP(s string) bool {
	return strings.Contains(s, "PoP") || strings.Contains(s, "POP") || strings.Contains(s, "Pop")
}

// sortSpans orders spans by line, then column.
func sortSpans(s []proseSpan) {
	sort.SliceStable(s, func(i, j int) bool {
		return s[i].Line < s[j].Line || s[i].Line == s[j].Line && s[i].Col < s[j].Col
	})
}

// knownText returns every known line of v joined by newlines, built once
// per View (the documentation rules and ambiguous-pop all read it).
func knownText(v *View) string {
	if v.knownTxt == nil {
		t := buildKnownText(v)
		v.knownTxt = &t
	}
	return *v.knownTxt
}

// buildKnownText is knownText, built.
func buildKnownText(v *View) string {
	var b strings.Builder
	for n := 1; n <= v.Len(); n++ {
		if v.Known(n) {
			b.WriteString(v.Text(n))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// codeUnit returns the first and last line of the code a comment at line n
// speaks about. A /// doc comment documents the member after it: the unit
// runs to the end of that member's braces. Any other comment speaks inside
// the block that holds it: the unit is that whole block. A Markdown C#
// block is a unit of its own. The unit stops at lines the view does not
// know.
//
// complete is false when the unit ran into lines the view does not know
// (a diff without the whole file): what lies there is unknown.
func codeUnit(v *View, n int, doc bool) (first, last int, complete bool) {
	if b, ok := v.BlockAt(n); ok {
		return b.Start, b.End, b.Close != 0
	}
	braces := func(i int) string {
		return blank(v.Code(i), false)
	}
	const limit = 600
	first, last = n, n
	if !doc {
		depth, found := 0, false
		for i := n - 1; i >= 1 && i > n-limit && v.Known(i); i-- {
			s := braces(i)
			for k := len(s) - 1; k >= 0; k-- {
				switch s[k] {
				case '}':
					depth++
				case '{':
					depth--
				}
			}
			first = i
			if depth < 0 {
				// "{" alone on its line: take the signature above too.
				if strings.TrimSpace(s) == "{" && v.Known(i-1) {
					first = i - 1
				}
				found = true
				break
			}
		}
		if !found {
			return first, last, false
		}
	}
	depth, opened := 0, false
	for i := n; i <= v.Len() && i < n+limit && v.Known(i); i++ {
		last = i
		s := braces(i)
		done := false
		for k := 0; k < len(s) && !done; k++ {
			switch s[k] {
			case '{':
				depth++
				opened = true
			case '}':
				depth--
				if depth < 0 || doc && opened && depth == 0 {
					done = true
				}
			}
		}
		if done {
			return first, last, true
		}
	}
	return first, last, false
}

// sectionContext returns, for a line in a Markdown code block, the
// heading of its section: in a document, it says which flow an example
// belongs to ("## FIC Two-Leg Flow").
func sectionContext(v *View, n int) string {
	b, ok := v.BlockAt(n)
	if !ok {
		return ""
	}
	for i := b.Open - 1; i >= 1; i-- {
		if v.Prose(i) && headingLevel(v.Text(i)) > 0 {
			return v.Text(i)
		}
	}
	return ""
}

// unitText returns lines first..last of v joined by newlines.
func unitText(v *View, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(v.Text(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// reportLine reports a finding of the running rule at line n, column col
// of v's file.
// Check fills the excerpt from the line and redacts it.
func reportLine(p *Pass, v *View, n, col int, msg string) {
	p.Report(Finding{Path: v.Path(), Line: n, Column: col, Message: msg})
}

// reportFile reports a finding of the running rule about v's whole file, anchored at
// line n (its title, or the first line the change adds): it is posted as
// a comment on the file.
func reportFile(p *Pass, v *View, n int, msg string) {
	p.Report(Finding{Path: v.Path(), Line: n, Column: 1, Message: msg, File: true})
}

// notGuideNames are file names of documents that are not how-to guides:
// design specs, task lists, plans, diagram and architecture pages.
// The word must stand on its own in the name (design-spec.md,
// mtls_pop.tasks.md), so explanation.md or inspecting-tokens.md stay guides.
var notGuideNames = prefilter.MustCompile(`(?i)(^|/)([^/]*[-_. ])?(specs?|specification|design|tasks?|todo|plans?|diagrams?|architecture|adrs?)([-_. ][^/]*)?\.[a-z]+$|(^|/)(specs?|design|adrs?|tasks|plans|diagrams|architecture)/`)

// notGuideTitle matches the title of a document that is not a how-to
// guide.
var notGuideTitle = prefilter.MustCompile(`(?i)\b(spec(ification)?|design|tasks?|to-?do|plan|diagrams?|architecture|change ?log|release notes|decision record)\b`)

// bearerOverMtls marks a page about mTLS Bearer (a bearer token sent over
// mutual TLS), which is neither mTLS PoP flow.
var bearerOverMtls = prefilter.MustCompile(`SendCertificateOverMtls|(?i)\bmTLS Bearer\b|\bBearer (token )?over mTLS\b`)

// notAGuide reports whether a Markdown document is a design spec, task
// list, diagram page or mTLS Bearer page rather than a guide to an mTLS
// PoP flow: the documentation rules do not judge those.
func notAGuide(v *View, title int, text string) bool {
	if notGuideNames.MatchString(v.Path()) {
		return true
	}
	if title != 0 && notGuideTitle.MatchString(v.Text(title)) {
		return true
	}
	if !containsFold(text, "bearer") && !strings.Contains(text, "SendCertificateOverMtls") {
		return false
	}
	// The cheap test first: the regexp reads the whole document.
	return !strings.Contains(text, "WithMtlsProofOfPossession") && bearerOverMtls.MatchString(text)
}

// notGuideDocs are Markdown files that are not how-to documentation even
// when they talk about mTLS PoP: change logs, agent instructions, templates.
var notGuideDocs = prefilter.MustCompile(`(?i)(^|/)(changelog|changes|release[-_ ]?notes?|history|license|security|code_of_conduct|contributing|codeowners|copilot-instructions|pull_request_template|issue_template)[^/]*$|(^|/)\.github/(issue_template|pull_request_template)/`)

// readmeName matches README files, which are often index pages.
var readmeName = prefilter.MustCompile(`(?i)(^|/)readme(\.[a-z]+)?$`)

// teachesMtlsPop reports whether a Markdown document shows an mTLS PoP
// acquisition in a C# example: a README that does is a guide, one that does
// not is an index of other documents.
func teachesMtlsPop(v *View) bool {
	for _, b := range v.Blocks() {
		if !b.CSharp() {
			continue
		}
		for n := b.Start; n <= b.End; n++ {
			if strings.Contains(v.Text(n), "WithMtlsProofOfPossession") {
				return true
			}
		}
	}
	return false
}

// mtlsDocWords mark a document about mTLS PoP.
var mtlsDocWords = prefilter.MustCompile(`(?i)mtls|proof-of-possession|WithMtlsProofOfPossession`)

// minDocLines is the number of non-blank lines below which a Markdown file
// is a note or a snippet, not a guide the structure guidelines apply to (the
// flow documents of the corpus run 100 to 360 lines).
const minDocLines = 40

// reviewedDoc decides whether the documentation rules apply to p's file: a
// Markdown document about mTLS PoP, not a change log, instructions file or
// README index page (one with no mTLS PoP example of its own),
// of at least minDocLines non-blank lines, that the change adds or largely
// rewrites (at least half of its new lines are added). A modified document
// is only judged when its whole new text is known. It returns the line to
// report on: the title (first heading) when the change added it, otherwise
// the first added line.
func reviewedDoc(p *Pass, v *View) (anchor int, ok bool) {
	// Every documentation rule asks, twice (Applies and Check): decide once
	// per file.
	if v.doc == nil {
		a, ok := decideDoc(p, v)
		v.doc = &docDecision{anchor: a, ok: ok}
	}
	return v.doc.anchor, v.doc.ok
}

// docDecision caches reviewedDoc on a View.
type docDecision struct {
	anchor int
	ok     bool
}

func decideDoc(p *Pass, v *View) (anchor int, ok bool) {
	if !v.IsMarkdown() || notGuideDocs.MatchString(v.Path()) {
		return 0, false
	}
	// Telling that a section is missing needs the whole document: an added
	// file is all in the diff; a modified one needs its source.
	if p.File == nil || p.File.Status != diff.Added && p.Source == nil {
		return 0, false
	}
	known, added, nonBlank := 0, 0, 0
	firstAdded, title := 0, 0
	for n := 1; n <= v.Len(); n++ {
		if !v.Known(n) {
			continue
		}
		known++
		t := strings.TrimSpace(v.Text(n))
		if t != "" {
			nonBlank++
		}
		if v.Added(n) {
			added++
			if firstAdded == 0 {
				firstAdded = n
			}
		}
		if title == 0 && v.Prose(n) && headingLevel(v.Text(n)) > 0 {
			title = n
		}
	}
	if added == 0 || nonBlank < minDocLines {
		return 0, false
	}
	// A known line that holds "mtls" makes mtlsDocWords match: the index
	// answers before the regexp reads the whole document.
	text := knownText(v)
	if !v.fileHas(trigMtls) && !mtlsDocWords.MatchString(text) {
		return 0, false
	}
	if readmeName.MatchString(v.Path()) && !teachesMtlsPop(v) {
		return 0, false // an index page: the documents it lists are judged
	}
	if notAGuide(v, title, text) {
		return 0, false
	}
	if p.File.Status != diff.Added && 2*added < v.Len() {
		return 0, false
	}
	if title != 0 && v.Added(title) {
		return title, true
	}
	return firstAdded, true
}

// judgesDoc is the documentation rules' Applies: they judge only the
// documents reviewedDoc accepts.
func judgesDoc(p *Pass) bool {
	_, ok := reviewedDoc(p, NewView(p))
	return ok
}

// docLines returns the known lines of v that are not in bad examples, with
// HTML comments (which readers never see) removed from prose lines. The
// three documentation rules read it: it is built once per View, and the
// slice is shared (do not modify it).
func docLines(v *View) []SourceLine {
	if v.docLineCache == nil {
		v.docLineCache = buildDocLines(v)
	}
	return v.docLineCache
}

// buildDocLines is docLines, built.
func buildDocLines(v *View) []SourceLine {
	out := []SourceLine{}
	for _, l := range v.Lines() {
		if l.Known && !v.BadExample(l.N) {
			if v.Prose(l.N) {
				l.Text = htmlComment.ReplaceAllString(l.Text, "")
			}
			out = append(out, l)
		}
	}
	return out
}

// htmlComment matches an HTML comment on one line.
var htmlComment = prefilter.MustCompile(`<!--.*?-->`)

// unitCode returns the code of lines first..last of v, comments blanked.
func unitCode(v *View, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(v.Code(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// commentGroup is a run of whole-line comments on consecutive lines (a
// /// doc comment, a // paragraph), or one trailing comment.
type commentGroup struct {
	Comments []Comment
	Doc      bool
}

// text returns the group's comment text joined by spaces.
func (g commentGroup) text() string {
	var b strings.Builder
	for _, c := range g.Comments {
		b.WriteString(c.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// commentGroups splits v's comments into groups.
func commentGroups(v *View) []commentGroup {
	var out []commentGroup
	for _, c := range v.Comments() {
		if n := len(out); n > 0 && c.Whole {
			g := &out[n-1]
			last := g.Comments[len(g.Comments)-1]
			if last.Whole && last.Doc == c.Doc && (last.Line == c.Line || last.Line+1 == c.Line) {
				g.Comments = append(g.Comments, c)
				continue
			}
		}
		out = append(out, commentGroup{Comments: []Comment{c}, Doc: c.Doc})
	}
	return out
}
