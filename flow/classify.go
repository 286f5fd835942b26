package flow

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/fanout"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// signal is a regular expression behind a cheap literal guard: most lines
// hold none of the literals, and the guard keeps the classifier linear and
// fast on large diffs.
type signal struct {
	lit  string // a literal every match contains
	fold bool   // lit is matched ignoring ASCII case
	bit  uint64 // lit's bit in lineLiterals' masks
	// re is guarded by the literals every match holds: a line that holds
	// lit but not them (certificate, for fic) is not run through the
	// engine.
	re *prefilter.Regexp
}

func sig(lit string, fold bool, expr string) signal {
	return signal{lit: lit, fold: fold, bit: lineLiterals.Bit(strings.ToLower(lit)), re: prefilter.MustCompile(expr)}
}

// lineLiterals holds every signal's literal, lower-cased, and popLiterals:
// one scan of a line says which signals can match it at all.
var lineLiterals = prefilter.NewSet(
	"azureadtokenexchange", "clientsignedassertion", "tokenbindingcertificate", "jwt",
	"acquiretokenfor", "withmtlsproofofpossession", "withclientassertion",
	"vanilla", "fic", "two-leg",
	"mtls", "pop", "proof-of-possession", "bindingcertificate",
)

// matchIn is match for a line whose lineLiterals mask is lits: a line
// without the literal, in any case, is not read again.
func (s signal) matchIn(text string, lits uint64) bool {
	return lits&s.bit != 0 && s.match(text)
}

func (s signal) match(text string) bool {
	return s.holdsLit(text) && s.re.MatchString(text)
}

// holdsLit reports whether text holds the signal's literal, in its case
// or (fold) any ASCII case.
func (s signal) holdsLit(text string) bool {
	if s.fold {
		return containsFold(text, s.lit)
	}
	return strings.Contains(text, s.lit)
}

// litIn is the guard of matchIn alone, for a signal whose expression a
// byte loop stands for (matchers.go).
func (s signal) litIn(text string, lits uint64) bool {
	return lits&s.bit != 0 && s.holdsLit(text)
}

// containsFold reports whether s contains the lower-case ASCII literal lit,
// ignoring ASCII case.
func containsFold(s, lit string) bool {
	return prefilter.ContainsFold(s, lit)
}

// Signals the classifier looks for. Each is matched against one line; the
// mTLS PoP acquisition is matched against a statement (a call chain spread
// over several lines).
var (
	reExchange     = sig("azureadtokenexchange", true, `(?i)AzureADTokenExchange`)
	reSignedAssert = sig("ClientSignedAssertion", false, `\bClientSignedAssertion\b`)
	reBindingCert  = sig("TokenBindingCertificate", false, `\bTokenBindingCertificate\b`)
	reJwtPop       = sig("jwt", true, `(?i)\bjwt-pop\b|\bJwtPop\b`)
	reAcquire      = sig("AcquireTokenFor", false, `\bAcquireTokenFor(Client|ManagedIdentity)\b`)
	rePopExtension = sig("WithMtlsProofOfPossession", false, `WithMtlsProofOfPossession\s*\(\s*(this\s+)?(Acquire\w+ParameterBuilder|\)\s*->)`)
	reDeclaresPop  = sig("WithMtlsProofOfPossession", false, `\b(AcquireTokenFor(Client|ManagedIdentity)ParameterBuilder)\b.*\bWithMtlsProofOfPossession\s*\(`)
	reBearerMtls   = prefilter.MustCompile(`\bSendCertificateOverMtls\b`)
	// reAssertionDelegate is WithClientAssertion's ClientSignedAssertion
	// overload written as a two-parameter lambda: leg 2 of the FIC flow.
	reAssertionDelegate = sig("WithClientAssertion", false, `WithClientAssertion\s*\(\s*\(\s*AssertionRequestOptions\b[^,)]*,\s*CancellationToken\b`)
	// reAssertionApp is an app built with an assertion given by name (a
	// delegate variable or factory): an mTLS PoP acquisition near it is
	// leg 2. A literal string or a parameterless lambda is the plain
	// string-assertion overload and says nothing about FIC.
	reAssertionApp = sig("WithClientAssertion", false, `WithClientAssertion\s*\(\s*[A-Za-z_][\w.]*\s*(\(\s*\))?\s*\)`)
	reFICDir       = prefilter.MustCompile(`(?i)(^|[-_.])(fic|two-leg)([-_.]|$)`)
	reVanillaDir   = prefilter.MustCompile(`(?i)(^|[-_.])vanilla([-_.]|$)`)
	reDocVanilla   = sig("vanilla", true, `(?i)\bvanilla( mTLS PoP)? flow\b`)
	reDocFIC       = sig("fic", true, `(?i)\bFIC two-leg\b|\btwo-leg (FIC|flow|exchange)\b|\bFIC flow\b`)
	reDocTwoLeg    = sig("two-leg", true, `(?i)\btwo-leg (FIC|flow|exchange)\b`)
)

// statementSpan is how many lines after an AcquireTokenFor... call the
// classifier looks for .WithMtlsProofOfPossession() in the same chain.
const statementSpan = 8

// ficContextSpan is how far (in lines of the same hunk) a FIC two-leg signal
// makes an mTLS PoP acquisition part of the FIC flow (leg 1 or leg 2) rather
// than the vanilla flow.
const ficContextSpan = 60

// Evidence is ranked: what a change does where the flows are used (tests,
// docs, samples) says most about which flow it is about; changed lines of
// the implementation, which both flows often share, say less; unchanged
// context lines least. The strongest tier that holds any flow evidence
// decides, and only its evidence is reported.
const (
	tierChangedUsage = iota
	tierChangedImpl
	tierContextUsage
	tierContextImpl
	tiers
)

type ranked struct {
	Evidence
	tier int
	// kind says what sort of evidence it is: a path or folder name and a
	// passing mention in prose weigh less than code.
	kind evidenceKind
}

type evidenceKind int

const (
	kindCode evidenceKind = iota
	kindProse
	kindPath
)

// Classify decides the flow of a change from its in-scope files. It reads
// added, removed and context lines: a change next to either flow's code is
// a change about that flow.
func Classify(files []*diff.File) Classification {
	all, variants := classifyFiles(files)
	best := tiers
	for _, e := range all {
		if e.Flow != None && e.tier < best {
			best = e.tier
		}
	}
	r := Classification{Flow: None, Evidence: []Evidence{}, Variants: []Variant{}}
	count := map[Flow]int{}
	prose := map[Flow]int{}
	for _, e := range all {
		if e.tier == best {
			count[e.Flow]++
			if e.kind == kindProse {
				prose[e.Flow]++
			}
		}
	}
	// Both flows need real evidence: one prose mention of a flow beside
	// several signals of the other ("unlike the vanilla flow, ...") is a
	// passing mention.
	passing := func(f, other Flow) bool {
		return count[f] == 1 && prose[f] == 1 && count[other] >= 3
	}
	vanilla := count[Vanilla] > 0 && !passing(Vanilla, FIC)
	fic := count[FIC] > 0 && !passing(FIC, Vanilla)
	for _, e := range all {
		if e.tier != best && !(best == tiers && e.Flow == None) {
			continue
		}
		if e.Flow == Vanilla && !vanilla || e.Flow == FIC && !fic {
			continue
		}
		r.Evidence = append(r.Evidence, e.Evidence)
	}
	switch {
	case vanilla && fic:
		r.Flow = Both
	case vanilla:
		r.Flow = Vanilla
	case fic:
		r.Flow = FIC
	}
	if r.Flow != None {
		var names []string
		for _, v := range []Variant{ConfidentialClient, ManagedIdentity} {
			if variants[v] {
				r.Variants = append(r.Variants, v)
				names = append(names, string(v))
			}
		}
		r.Variant = strings.Join(names, "+")
	}
	r.Detected = r.Flow
	return r
}

// Override replaces the classified flow with the user's choice and keeps
// what the evidence said in Detected.
func Override(r Classification, f Flow) Classification {
	if f == "" {
		return r
	}
	r.Detected = r.Flow
	r.Flow = f
	r.Overridden = true
	return r
}

func isMarkdown(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".mdx":
		return true
	}
	return false
}

// isUsage reports whether a path is where flows are used rather than
// implemented: tests, docs, samples, skills.
func isUsage(p string) bool {
	if isMarkdown(p) {
		return true
	}
	lp := strings.ToLower(p)
	for _, seg := range strings.Split(path.Dir(lp), "/") {
		if strings.Contains(seg, "test") || strings.Contains(seg, "sample") || seg == "devapps" || seg == ".github" || seg == "docs" {
			return true
		}
	}
	base := path.Base(lp)
	return strings.HasSuffix(base, "tests.cs") || strings.HasSuffix(base, "test.cs")
}

// isComment reports whether a line of code is only a comment.
func isComment(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*") || strings.HasPrefix(t, "#")
}

type line struct {
	no      int // new line number, or old for a removed line
	text    string
	lits    uint64 // the lineLiterals text holds
	comment bool
	changed bool
	deleted bool
}

// scratch holds the per-line arrays of classifyFile, which a file needs
// only while it is classified: the next file reuses them (scratchPool), so
// that a large diff allocates them about once per core instead of once a
// hunk.
type scratch struct {
	lits  []uint64
	ls    []line
	ficAt []bool
	seen  []int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow returns (*s)[:n], making *s larger first when it holds fewer than
// n. The elements keep what the last user left in them.
func grow[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	}
	return (*s)[:n]
}

// classifyFiles classifies every file, on all the cores the process may
// use, largest first, and returns the evidence in the order of files and the variants any
// file shows. Files share nothing they write: each has its own variants,
// merged at the end.
func classifyFiles(files []*diff.File) ([]ranked, map[Variant]bool) {
	type result struct {
		ev       []ranked
		variants map[Variant]bool
	}
	out := make([]result, len(files))
	classify := func(i int) {
		vs := map[Variant]bool{}
		out[i] = result{classifyFile(files[i], vs), vs}
	}
	fanout.EachLargestFirst(len(files), func(i int) int { return files[i].LineCount() }, classify)
	var all []ranked
	variants := map[Variant]bool{}
	for _, r := range out {
		all = append(all, r.ev...)
		for v := range r.variants {
			variants[v] = true
		}
	}
	return all, variants
}

func classifyFile(f *diff.File, variants map[Variant]bool) []ranked {
	p := f.Path()
	md := isMarkdown(p)
	usage := isUsage(p)
	var ev []ranked
	kind := kindCode
	add := func(l line, signal string, fl Flow) {
		if l.deleted {
			return // what a change removes is no evidence of what it is about
		}
		t := tierChangedUsage
		switch {
		case l.changed && !usage:
			t = tierChangedImpl
		case !l.changed && usage:
			t = tierContextUsage
		case !l.changed:
			t = tierContextImpl
		}
		ev = append(ev, ranked{Evidence{Path: p, Line: l.no, Signal: signal, Flow: fl}, t, kind})
	}
	// A folder that names a flow (msal-mtls-pop-vanilla/) says which flow
	// the file's mTLS PoP content is about; alone, a path is no evidence:
	// the lines the file adds, or the hunks around them, must speak of
	// mTLS PoP.
	// Each line is scanned for the signals' literals once; a signal reads
	// only the lines that hold its literal.
	n := 0
	for _, h := range f.Hunks {
		n += len(h.Lines)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	lits := grow(&sc.lits, n)
	n = 0
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			lits[n] = lineLiterals.Scan(l.Text)
			n++
		}
	}
	if first, ok := firstChanged(f); ok && addsPopContent(f, lits) {
		kind = kindPath
		for _, seg := range strings.Split(path.Dir(p), "/") {
			switch {
			case reVanillaDir.MatchString(seg):
				add(first, "path names the vanilla flow ("+seg+"/)", Vanilla)
			case reFICDir.MatchString(seg):
				add(first, "path names the FIC two-leg flow ("+seg+"/)", FIC)
			}
		}
		kind = kindCode
	}
	hunkLits := lits
	for _, h := range f.Hunks {
		ls := grow(&sc.ls, len(h.Lines))
		for i, l := range h.Lines {
			no := l.NewLine
			if l.Op == diff.Delete {
				no = l.OldLine
			}
			ls[i] = line{no: no, text: l.Text, lits: hunkLits[i], comment: !md && isComment(l.Text), changed: l.Op != diff.Context, deleted: l.Op == diff.Delete}
		}
		hunkLits = hunkLits[len(h.Lines):]
		// FIC two-leg signals, line by line. ficAt marks the leg 2
		// signals (an assertion delegate or ClientSignedAssertion, a
		// binding certificate, jwt-pop, FIC prose): an mTLS PoP
		// acquisition near one is leg 2, not the vanilla flow.
		ficAt := grow(&sc.ficAt, len(ls))
		clear(ficAt)
		for i, l := range ls {
			switch {
			case reExchange.matchIn(l.text, l.lits):
				// The audience is leg 1 evidence. Used in a method (an
				// argument, a comment on the step) it also makes nearby
				// acquisitions part of the exchange; a class-level
				// constant, shared by every test of the class, does not.
				add(l, "leg 1 audience api://AzureADTokenExchange", FIC)
				ficAt[i] = !isDeclaration(l.text)
			case l.comment:
			case reAssertionDelegate.matchIn(l.text, l.lits):
				add(l, "leg 2 WithClientAssertion((AssertionRequestOptions, CancellationToken) => ClientSignedAssertion)", FIC)
				ficAt[i] = true
			case reSignedAssert.matchIn(l.text, l.lits):
				add(l, "leg 2 assertion ClientSignedAssertion", FIC)
				ficAt[i] = true
			case reBindingCert.matchIn(l.text, l.lits):
				add(l, "leg 2 jwt-pop binding TokenBindingCertificate", FIC)
				ficAt[i] = true
			case reJwtPop.matchIn(l.text, l.lits):
				add(l, "client_assertion_type jwt-pop", FIC)
				ficAt[i] = true
			case md && (reDocFIC.litIn(l.text, l.lits) && docFIC(l.text) || reDocTwoLeg.litIn(l.text, l.lits) && docTwoLeg(l.text)):
				kind = kindProse
				add(l, "docs describe the FIC two-leg flow", FIC)
				kind = kindCode
				ficAt[i] = true
			case reAssertionApp.matchIn(l.text, l.lits):
				ficAt[i] = true
			}
			if md && reDocVanilla.litIn(l.text, l.lits) && docVanilla(l.text) {
				kind = kindProse
				add(l, "docs describe the vanilla flow", Vanilla)
				kind = kindCode
			}
		}
		// seen[i] counts FIC signals before line i, so "is there one near"
		// costs the same however large the hunk.
		seen := grow(&sc.seen, len(ls)+1)
		seen[0] = 0
		for i, at := range ficAt {
			seen[i+1] = seen[i]
			if at {
				seen[i+1]++
			}
		}
		nearFIC := func(i int) bool {
			return seen[min(len(ls), i+ficContextSpan)] > seen[max(0, i-ficContextSpan)]
		}
		// mTLS PoP acquisitions and API declarations.
		for i, l := range ls {
			if l.comment {
				continue
			}
			if rePopExtension.litIn(l.text, l.lits) && popExtension(l.text) || reDeclaresPop.litIn(l.text, l.lits) && declaresPop(l.text) {
				if !nearFIC(i) {
					add(l, "mTLS PoP API "+api(l.text), Vanilla)
					markVariant(l.text, variants)
				}
				continue
			}
			if !reAcquire.litIn(l.text, l.lits) || acquireCall(l.text) == "" {
				continue
			}
			stmt, end := statement(ls, i)
			if !strings.Contains(stmt, "WithMtlsProofOfPossession") {
				if reBearerMtls.MatchString(stmt) {
					add(l, "bearer over mTLS (SendCertificateOverMtls without WithMtlsProofOfPossession)", None)
				}
				continue
			}
			markVariant(stmt, variants)
			call := acquireCall(stmt)
			switch {
			case forExchange(stmt):
				add(l, "leg 1 "+call+"(..).WithMtlsProofOfPossession() for the exchange audience", FIC)
			case nearFIC(i) || nearFIC(end):
				add(l, "leg 2 "+call+"(..).WithMtlsProofOfPossession() on an app with an assertion", FIC)
			default:
				add(l, call+"(..).WithMtlsProofOfPossession()", Vanilla)
			}
		}
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Line < ev[j].Line })
	return ev
}

// popContent is what a line says when it is about mTLS PoP at all: mTLS,
// a "pop" of its own, Proof-of-Possession, a binding certificate, the
// exchange audience, jwt-pop, a ClientSignedAssertion.
var popContent = prefilter.MustCompile(`(?i)mtls|\bpop\b|proof-of-possession|BindingCertificate|AzureADTokenExchange|jwt-pop|ClientSignedAssertion`)

// popWords are the literals of popContent's alternatives that need no word
// boundary: a line that holds one, in any case, matches. "pop" needs the
// expression (it must be a word of its own, or the end of jwt-pop).
var popWords = lineLiterals.Bit("mtls") | lineLiterals.Bit("proof-of-possession") | lineLiterals.Bit("bindingcertificate") |
	lineLiterals.Bit("azureadtokenexchange") | lineLiterals.Bit("clientsignedassertion")

var popBit = lineLiterals.Bit("pop")

// aboutPop reports whether text, whose lineLiterals mask is lits, speaks of
// mTLS PoP: it holds one of popWords, or a "pop" that popContent matches.
// A line with none of those literals (in ASCII case) is not about mTLS PoP,
// even where Unicode folding would match (a Kelvin sign in "token").
func aboutPop(text string, lits uint64) bool {
	return lits&popWords != 0 || lits&popBit != 0 && popContent.MatchString(text)
}

// addsPopContent reports whether f adds lines in hunks about mTLS PoP:
// an added or context line of a hunk that adds something speaks of it.
// lits holds the lineLiterals mask of each line of f, hunk after hunk.
func addsPopContent(f *diff.File, lits []uint64) bool {
	for _, h := range f.Hunks {
		adds, about := false, false
		for i, l := range h.Lines {
			adds = adds || l.Op == diff.Add
			about = about || l.Op != diff.Delete && aboutPop(l.Text, lits[i])
		}
		lits = lits[len(h.Lines):]
		if adds && about {
			return true
		}
	}
	return false
}

func firstChanged(f *diff.File) (line, bool) {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			switch l.Op {
			case diff.Add:
				return line{no: l.NewLine, changed: true}, true
			}
		}
	}
	return line{}, false
}

// statement joins the lines of the call chain that starts at ls[i], up to
// the terminating semicolon or statementSpan lines, skipping comments.
func statement(ls []line, i int) (string, int) {
	var b strings.Builder
	end := i
	for j := i; j < len(ls) && j < i+statementSpan; j++ {
		end = j
		if ls[j].comment {
			continue
		}
		b.WriteString(ls[j].text)
		b.WriteByte(' ')
		if strings.Contains(ls[j].text, ";") {
			break
		}
	}
	return b.String(), end
}

// isDeclaration reports whether a line declares a constant or a static
// field, as test classes do for the exchange audience.
func isDeclaration(text string) bool {
	t := strings.TrimSpace(text)
	for _, kw := range []string{"const ", "static readonly ", "readonly static "} {
		if strings.HasPrefix(t, kw) || strings.Contains(t, " "+kw) {
			return true
		}
	}
	return false
}

// exchangeWords name the exchange audience, or a leg 1 token request, in an
// acquisition's arguments (TokenExchangeUrl, s_tokenExchangeScope, leg1Scopes).
var exchangeWords = []string{"tokenexchange", "token_exchange", "leg1", "leg 1", "assertionapp", "assertionscope"}

// forExchange reports whether an acquisition statement asks for the
// exchange audience: leg 1 of the FIC two-leg flow.
func forExchange(stmt string) bool {
	lower := strings.ToLower(stmt)
	for _, w := range exchangeWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

func api(text string) string {
	if strings.Contains(text, "ManagedIdentity") {
		return "AcquireTokenForManagedIdentityParameterBuilder.WithMtlsProofOfPossession()"
	}
	return "AcquireTokenForClientParameterBuilder.WithMtlsProofOfPossession()"
}

func markVariant(s string, variants map[Variant]bool) {
	if strings.Contains(s, "ManagedIdentity") {
		variants[ManagedIdentity] = true
	}
	if strings.Contains(s, "AcquireTokenForClient") {
		variants[ConfidentialClient] = true
	}
}
