package review

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// maxItemEvidence bounds the places an item shows: the first few say
// enough, and the JSON stays small on a large change.
const maxItemEvidence = 3

// subject says, for one topic, what code a change must hold for an item
// of that topic to be about it, and what code shows the item holds. An
// item passes on a rule's silence only when its subject is in the change;
// with the subject absent there is nothing to check.
type subject struct {
	// signal names what shows the item holds, for the evidence.
	signal string
	// tests limits the subject to tests (and test snippets in documents).
	tests bool
	// about matches a line the item is about; shows one that shows it
	// holds (nil: every about line shows it), unless not matches too.
	about, shows, not *prefilter.Regexp
	// code matches about and shows on code lines with their string
	// literals blanked, so an error message that names an API is not
	// the API in use.
	code bool
	// fromFlow takes the lines from the flow evidence whose signal has
	// this prefix instead of matching lines.
	fromFlow string
	// absent names the subject for "no %s in this change"; check says
	// what a person must look at when the subject is there but nothing
	// shows it holds.
	absent, check string
}

func re(s string) *prefilter.Regexp { return prefilter.MustCompile(s) }

// assertRE is a statement that asserts or checks.
const assertRE = `\bAssert\w*\s*\.|\.\s*Should\w*\s*\(|\bIs\.Not\.Null\b|\bVerify\w*\s*\(|\bExpect\w*\s*\(`

// subjects are the topics whose subject a change's lines show. Topics not
// here (placeholders, secrets in source, terminology, document structure)
// are about any line, and their rules judge every file they apply to.
var subjects = map[checklist.Topic]subject{
	checklist.TopicSingleAcquire: {
		signal:   "a single mTLS PoP acquisition, no exchange",
		fromFlow: "AcquireTokenFor",
		absent:   "vanilla mTLS PoP acquisition",
	},
	checklist.TopicAppCertificate: {
		signal: "WithCertificate() on the application builder",
		code:   true,
		about:  re(`\.\s*WithCertificate\s*\(`),
		absent: "application builder with WithCertificate()",
	},
	checklist.TopicRequestPop: {
		signal: ".WithMtlsProofOfPossession() on the token request",
		code:   true,
		about:  re(`\.\s*WithMtlsProofOfPossession\s*\(|\bWithMtlsProofOfPossession\s*\(\s*this\b`),
		absent: "mTLS PoP token request",
	},
	checklist.TopicTokenTypeAssert: {
		signal: `a test asserts TokenType "mtls_pop"`,
		tests:  true,
		about:  re(`\.\s*WithMtlsProofOfPossession\s*\(|\.\s*TokenType\b`),
		shows:  re(`\.\s*TokenType\b.*("mtls_pop"|\bMtlsPoPTokenType\b)|("mtls_pop"|\bMtlsPoPTokenType\b).*\.\s*TokenType\b`),
		absent: "test that acquires an mTLS PoP token or reads TokenType",
		check:  `check that the test asserts TokenType == "mtls_pop"`,
	},
	checklist.TopicBindingCertCheck: {
		signal: "a test asserts BindingCertificate",
		tests:  true,
		about:  re(`\.\s*WithMtlsProofOfPossession\s*\(|(^|[^n])\.\s*BindingCertificate\b`),
		shows:  re(`(` + assertRE + `).*[^n]\.\s*BindingCertificate\b|\bBindingCertificate\b.*\.\s*Should\w*\s*\(`),
		absent: "test that acquires an mTLS PoP token or reads BindingCertificate",
		check:  "check that the test asserts the result's BindingCertificate",
	},
	checklist.TopicExchangeAudience: {
		signal: "leg 1 audience api://AzureADTokenExchange",
		about:  re(`(?i)AzureADTokenExchange|\bTokenExchange(Url|Scope|Audience)\b`),
		absent: "leg 1 exchange audience",
	},
	checklist.TopicClientAssertion: {
		signal: "WithClientAssertion() in leg 2",
		code:   true,
		about:  re(`\.\s*WithClientAssertion\s*\(`),
		absent: "leg 2 WithClientAssertion()",
	},
	checklist.TopicTokenBinding: {
		signal: "TokenBindingCertificate set on the ClientSignedAssertion",
		code:   true,
		about:  re(`\bClientSignedAssertion\b|\bTokenBindingCertificate\b`),
		shows:  re(`\bTokenBindingCertificate\s*=\s*[A-Za-z_]`),
		not:    re(`\bTokenBindingCertificate\s*=\s*null\b`),
		absent: "ClientSignedAssertion",
		check:  "check that the assertion sets TokenBindingCertificate to leg 1's BindingCertificate",
	},
	checklist.TopicAssertionType: {
		signal: "client_assertion_type jwt-pop",
		about:  re(`(?i)client_assertion_type|\bjwt-(pop|bearer)\b|\bJwt(Pop|Bearer)\b`),
		shows:  re(`(?i)\bjwt-pop\b|\bJwtPop\b`),
		absent: "client_assertion_type",
		check:  "check that the assertion type is jwt-pop",
	},
	checklist.TopicMtlsEndpoint: {
		signal: "the regional mtlsauth.microsoft.com endpoint",
		about:  re(`(?i)\bmtlsauth\b`),
		absent: "mTLS endpoint",
	},
	checklist.TopicRegion: {
		signal: "an Azure region",
		about:  re(`(?i)\bWithAzureRegion\b|\bregion\b|AZURE_REGION`),
		absent: "Azure region",
	},
	checklist.TopicCertDisposal: {
		signal: "certificate handling",
		code:   true,
		about:  re(`\bX509Certificate2?\b|(?i)\b(certificate|cert)\s*(=[^=]|\.\s*[A-Za-z]|\()`),
		absent: "certificate handling",
	},
	checklist.TopicSecretLogging: {
		signal: "logging",
		code:   true,
		about:  re(`(?i)\b\w*log(ger)?\w*\s*\.\s*\w+\s*\(|\bconsole\s*\.\s*write|\bdebug\s*\.\s*write|\btrace\w*\s*\.\s*\w+\s*\(|\.\s*writeline\s*\(|\blog\w*\s*\(`),
		absent: "logging",
	},
	checklist.TopicAuthScheme: {
		signal: "the Authorization header",
		about:  re(`(?i)\bauthorization\b|\bAuthenticationHeaderValue\b|\bCreateAuthorizationHeader\b`),
		absent: "Authorization header",
	},
	checklist.TopicSendX5c: {
		signal: "WithCertificate(.., sendX5C: true)",
		code:   true,
		about:  re(`\.\s*WithCertificate\s*\(`),
		shows:  re(`(?i)\bsendX5C\s*:\s*true\b|\.\s*WithCertificate\s*\([^;]*,\s*true\s*\)`),
		absent: "application builder with WithCertificate()",
		check:  "check that it passes sendX5C: true",
	},
}

// subjectGuards returns the set of the guard literals of every subject's
// about expression, and each such expression's mask in it: a head line is
// scanned for them all once, and a topic's expression reads only the lines
// whose mask meets its own. A topic missing from the masks reads every
// line. They are made on first use, as the expressions' guards are.
var subjectGuards = sync.OnceValues(func() (*prefilter.Set, map[checklist.Topic]uint64) {
	topics := make([]checklist.Topic, 0, len(subjects))
	for t := range subjects {
		topics = append(topics, t)
	}
	slices.Sort(topics)
	var lits []string
	for _, t := range topics {
		if a := subjects[t].about; a != nil {
			for _, l := range a.FoldedLiterals() {
				if !slices.Contains(lits, l) {
					lits = append(lits, l)
				}
			}
		}
	}
	set := prefilter.NewSet(lits...)
	masks := map[checklist.Topic]uint64{}
	for _, t := range topics {
		if a := subjects[t].about; a != nil {
			if m, ok := a.MaskIn(set); ok {
				masks[t] = m
			}
		}
	}
	return set, masks
})

// srcLine is one added or context line of an in-scope file: code the PR's
// head holds.
type srcLine struct {
	path string
	text string
	// code is text with its C# string literals blanked (text itself when
	// it holds no quote, and for documents, where prose is no literal).
	// lits and codeLits are the masks of text and code in subjectGuards'
	// set.
	// The three are set by setCode as headLines lists the line.
	code           string
	lits, codeLits uint64
	// line is an int32 beside the flags, so that a line takes 72 bytes,
	// not 80 (the parser bounds line numbers by 2^30).
	line  int32
	added bool
	md    bool
	test  bool
}

// headLines lists the lines of files in the head that a topic may read,
// code comments left out: added lines first, C# before documents before
// other files (API listings), each rank in the files' order. Each line is
// scanned for the subjects' guard literals as it is ranked, and, as every
// subject's expression has a mask (allMasked), a line that holds none of
// them is left out: no topic would read it. It ranks the lines and counts
// those of each rank first, then fills one slice, so nothing grows or is
// sorted.
func headLines(files []*diff.File) []srcLine {
	set, masks := subjectGuards()
	dropBare := allMasked(masks)
	// rank orders a kept line: added C#, added documents, other added
	// files, context lines; -1 for a line left out.
	rank := func(l diff.Line, md, code bool) int8 {
		switch {
		case l.Op == diff.Delete || (!md && isComment(l.Text)):
			return -1
		case l.Op != diff.Add:
			return 3
		case code:
			return 0
		case md:
			return 1
		}
		return 2
	}
	n := 0
	for _, f := range files {
		n += f.LineCount()
	}
	ranks := make([]int8, 0, n)
	lits := make([]uint64, 0, n)
	var start [5]int
	for _, f := range files {
		md, code := source.IsMarkdown(f.Path()), source.IsCode(f.Path())
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				r := rank(l, md, code)
				var m uint64
				if r >= 0 {
					m = set.Scan(l.Text)
					if m == 0 && dropBare {
						r = -1
					}
				}
				ranks = append(ranks, r)
				lits = append(lits, m)
				if r >= 0 {
					start[r+1]++
				}
			}
		}
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	out := make([]srcLine, start[4])
	next := start
	for _, f := range files {
		p := f.Path()
		md, test := source.IsMarkdown(p), source.IsTest(p)
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				r, m := ranks[0], lits[0]
				ranks, lits = ranks[1:], lits[1:]
				if r < 0 {
					continue
				}
				sl := &out[next[r]]
				*sl = srcLine{path: p, line: int32(l.NewLine), text: l.Text, added: l.Op == diff.Add, md: md, test: test}
				sl.setCode(set, m)
				next[r]++
			}
		}
	}
	return out
}

// allMasked reports whether every subject read from the lines has a mask:
// then a line whose mask is 0 is read by none.
func allMasked(masks map[checklist.Topic]uint64) bool {
	for t, s := range subjects {
		if _, ok := masks[t]; !ok && s.fromFlow == "" {
			return false
		}
	}
	return true
}

// blankLiterals replaces each C# string literal in s, regular or verbatim,
// with "": a byte loop that gives what the regexp @?\$?"(?:[^"\\]|\\.)*"
// replaced by "" gives (FuzzBlankLiterals holds it to that), without the
// regexp engine. As that regexp does, a backslash escapes the next byte even
// in a verbatim string.
func blankLiterals(s string) string {
	if strings.IndexByte(s, '"') < 0 {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is written
	for i := 0; i < len(s); i++ {
		// A literal starts at i: "..., @"..., $"... or @$"...
		q := i
		if s[q] == '@' {
			q++
		}
		if q < len(s) && s[q] == '$' {
			q++
		}
		if q >= len(s) || s[q] != '"' {
			continue
		}
		end := closingQuote(s, q+1)
		if end < 0 {
			continue
		}
		b.WriteString(s[done:i])
		b.WriteString(`""`)
		done = end + 1
		i = end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// closingQuote returns the index of the quote that ends a literal whose
// body starts at i (a backslash escapes the next byte, but not a line
// break), or -1.
func closingQuote(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '"':
			return i
		case '\\':
			if i+1 >= len(s) || s[i+1] == '\n' {
				return -1
			}
			i += 2
		default:
			i++
		}
	}
	return -1
}

func isComment(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*")
}

// setCode sets the line's code and its masks in set, lits being
// set.Scan(l.text).
func (l *srcLine) setCode(set *prefilter.Set, lits uint64) {
	l.code = l.text
	if !l.md {
		l.code = blankLiterals(l.text)
	}
	l.lits = lits
	l.codeLits = l.lits
	// code is text with literals cut down to "", and no guard literal
	// holds a quote (TestSubjectGuardsHoldNoQuote): a text that is ASCII
	// and holds none has code that holds none.
	if l.code != l.text && l.lits != 0 {
		l.codeLits = set.Scan(l.code)
	}
}

// look is what the change holds of an item's subjects.
type look struct {
	// has: at least one topic of the item has a subject.
	has bool
	// all: every topic of the item has one (so with none in the change
	// there is nothing to check).
	all bool
	// about and shows are the places found.
	about, shows []ItemEvidence
	absent       []string
	checks       []string
}

// head is what the items are judged against: the head's lines and the
// flow evidence, with each topic's places memoised per item kind, so a
// topic's matchers read the lines once however many items share it.
type head struct {
	lines []srcLine
	// files are the files whose lines these are. prepareHead lets lines go
	// once it has found every topic's places; a topic asked for later
	// lists them again from files.
	files []*diff.File
	ev    []flow.Evidence
	found map[topicKind]topicPlaces
}

// topicKind keys the memo: the lines a topic reads depend on the kind of
// the item asking.
type topicKind struct {
	topic checklist.Topic
	kind  checklist.Kind
}

// topicPlaces are the places of one topic's subject: the lines it is
// about and those that show it holds.
type topicPlaces struct {
	about, shows []ItemEvidence
}

func newHead(files []*diff.File) *head {
	return &head{lines: headLines(files), files: files, found: map[topicKind]topicPlaces{}}
}

// prepareHead lists the head lines of files and finds the places of every
// topic an item of g may ask for, by the item's kind: all but the topics
// read from the flow evidence, which is not known yet. It depends on the
// in-scope files alone, so Run calls it on another core while the novelty
// marks are found; what evaluate then asks is memoised, and the same as it
// would find itself. The lines are let go at the end: kept alive through
// the rules, they would cost the garbage collector more than finding them
// ahead saves on a large diff (0.56 s against 0.42 s on 200,000 lines).
func prepareHead(files []*diff.File, g *checklist.Guidance) *head {
	h := newHead(files)
	if len(h.lines) == 0 {
		return h
	}
	defer func() { h.lines = nil }()
	groups := [][]checklist.Group{g.Checklist, g.DocFocus}
	for _, gs := range g.Focus {
		groups = append(groups, gs)
	}
	for _, gs := range groups {
		for _, gr := range gs {
			for _, it := range gr.Items {
				if it.Kind == checklist.KindProcess {
					continue // never judged against the lines
				}
				for _, t := range it.Topics {
					if s, ok := subjects[t]; ok && s.fromFlow == "" {
						h.places(t, s, it.Kind)
					}
				}
			}
		}
	}
	return h
}

// lookFor finds the subjects of an item of kind with topics in the head's
// lines and the flow evidence.
func (h *head) lookFor(kind checklist.Kind, topics []checklist.Topic) look {
	var out look
	out.all = len(topics) > 0
	for _, t := range topics {
		s, ok := subjects[t]
		if !ok {
			out.all = false
			continue
		}
		out.has = true
		p := h.places(t, s, kind)
		switch {
		case len(p.shows) > 0:
			out.shows = appendEvidence(out.shows, p.shows)
		case len(p.about) > 0:
			out.about = appendEvidence(out.about, p.about)
			if s.check != "" {
				out.checks = append(out.checks, s.check)
			}
		default:
			out.absent = append(out.absent, "no "+s.absent+" in "+where(kind, s.tests))
		}
	}
	return out
}

// places finds (once per topic and kind) the places of topic t's subject s
// for an item of kind.
func (h *head) places(t checklist.Topic, s subject, kind checklist.Kind) topicPlaces {
	key := topicKind{t, kind}
	if p, ok := h.found[key]; ok {
		return p
	}
	var p topicPlaces
	if s.fromFlow != "" {
		for _, e := range h.ev {
			if e.Flow == flow.Vanilla && strings.HasPrefix(e.Signal, s.fromFlow) {
				p.about = append(p.about, ItemEvidence{Path: e.Path, Line: e.Line, Signal: s.signal})
			}
		}
		p.shows = p.about
	} else {
		_, masks := subjectGuards()
		mask, masked := masks[t]
		if h.lines == nil {
			h.lines = headLines(h.files)
		}
		for i := range h.lines {
			l := &h.lines[i]
			// A test item is about tests; a snippet in a document that
			// acquires a token is no test.
			if kind == checklist.KindDocs && !l.md || s.tests && !l.test || kind == checklist.KindTest && !l.test && !l.md {
				continue
			}
			text, lits := l.text, l.lits
			if s.code {
				text, lits = l.code, l.codeLits
			}
			if masked && lits&mask == 0 || !s.about.MatchString(text) {
				continue
			}
			e := ItemEvidence{Path: l.path, Line: int(l.line), Signal: s.signal}
			p.about = addPlace(p.about, e)
			if (s.shows == nil || s.shows.MatchString(text)) && (s.not == nil || !s.not.MatchString(text)) {
				p.shows = addPlace(p.shows, e)
				if len(p.shows) == maxItemEvidence {
					break // about is full too: it holds every place shows does
				}
			}
		}
	}
	h.found[key] = p
	return p
}

// addPlace adds e to places unless it is there or places holds
// maxItemEvidence already. An item shows at most that many places, and
// appendEvidence, which merges a topic's places into the item's, takes
// them from the first maxItemEvidence distinct ones: so the first few are
// all a topic needs to find, and its search stops there.
func addPlace(places []ItemEvidence, e ItemEvidence) []ItemEvidence {
	if len(places) == maxItemEvidence || slices.ContainsFunc(places, func(x ItemEvidence) bool { return x.Path == e.Path && x.Line == e.Line }) {
		return places
	}
	return append(places, e)
}

// appendEvidence adds places to a list, one per file and line, up to
// maxItemEvidence.
func appendEvidence(to, from []ItemEvidence) []ItemEvidence {
	for _, e := range from {
		if len(to) == maxItemEvidence {
			break
		}
		if !slices.ContainsFunc(to, func(x ItemEvidence) bool { return x.Path == e.Path && x.Line == e.Line }) {
			to = append(to, e)
		}
	}
	return to
}

// places writes places as "path:line, path:line".
func places(es []ItemEvidence) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	return strings.Join(s, ", ")
}

// where names the part of the change an item of kind looks at.
func where(kind checklist.Kind, tests bool) string {
	switch {
	case kind == checklist.KindDocs:
		return "the change's documents"
	case tests || kind == checklist.KindTest:
		return "the change's tests"
	}
	return "this change"
}
