package source

import (
	"slices"
	"strings"
	"sync"
)

// This file holds the one prefilter of the rules: a single Aho-Corasick
// automaton over every trigger literal of every rule, ASCII case folded,
// run once over each known line of a file. It answers, for each line and
// for the whole file, which trigger groups may be there; a rule reads that
// instead of searching the line for its words itself, and the driver
// skips a rule whose Triggers the file does not hold at all.

// Triggers is a set of trigger groups: each group is a list of literals
// (hint words such as "token" or "authorization") one of which a line must
// hold, in any ASCII case, before a rule looks at it further. A Rule's
// Triggers are the groups one of which every file it can report on holds.
type Triggers uint64

// The trigger groups. Each is named for what its literals find; the
// literals are in triggerGroups.
const (
	TrigLogMethod           Triggers = 1 << iota // logMethodHints: a print or log call
	TrigSecretName                               // secretHints: a secret-named identifier
	TrigSecretWord                               // "secret": a Key Vault secret fetch
	TrigSecretTarget                             // secretTargetHints: a secret-named target
	TrigSecretLiteral                            // a PEM key, a JWT, an Entra secret
	TrigPlaceholder                              // placeholderHints
	TrigAudience                                 // audienceHints
	TrigURN                                      // urnHints
	TrigPop                                      // "pop"
	TrigMtls                                     // "mtls"
	TrigAuthHeader                               // an Authorization header
	TrigMtlsSignal                               // what makes code mTLS PoP code
	TrigShrSignal                                // Signed-HTTP-Request PoP code
	TrigShrWord                                  // Signed-HTTP-Request PoP in words
	TrigBearer                                   // "bearer"
	trigBad                                      // badHints: a bad-example marker
	trigGood                                     // goodHints: a good-example marker
	TrigLeg                                      // "leg"
	TrigScope                                    // "scope"
	trigBind                                     // "bind"
	TrigVanilla                                  // "vanilla"
	TrigPseudo                                   // "..." or "/*": pseudo-code
	TrigAPIURI                                   // "api://"
	TrigCSA                                      // ClientSignedAssertion, TokenBindingCertificate
	TrigUsing                                    // "using"
	TrigWithMtlsPop                              // WithMtlsProofOfPossession
	TrigWithClientAssertion                      // WithClientAssertion
	TrigWithAzureRegion                          // WithAzureRegion
	TrigMangled                                  // "****"
	TrigSuppression                              // SuppressionMarker
	trigSlash                                    // "//" or "/*": a comment may start (scanCSharp sizes its buffers by them)
	trigQuote                                    // a quote: a C# literal may start (scanCSharp passes over lines with neither)

	// trigUnicode marks a line holding a rune that Unicode case mapping
	// or folding turns into an ASCII letter (the Kelvin sign, the dotted
	// capital I, the dotless i, the long s): on such a line an ASCII-folded
	// search can miss what strings.ToLower or (?i) finds, so every group
	// may be there.
	trigUnicode Triggers = 1 << 63
)

// triggerGroup is one group's literals: lower-case ASCII letters match in
// any ASCII case, every other byte as itself.
type triggerGroup struct {
	t    Triggers
	lits []string
}

// triggerGroups lists every group's literals; where a rule has a hint list
// of its own, the group is that list.
var triggerGroups = []triggerGroup{
	{TrigLogMethod, logMethodHintsFolded},
	{TrigSecretName, SecretHints},
	{TrigSecretWord, []string{"secret"}},
	{TrigSecretTarget, secretTargetHints},
	{TrigSecretLiteral, []string{"-----begin", "eyj", "q~"}},
	{TrigPlaceholder, placeholderHints},
	{TrigAudience, audienceHints},
	{TrigURN, URNHints},
	{TrigPop, []string{"pop"}},
	{TrigMtls, []string{"mtls"}},
	{TrigAuthHeader, []string{"authorization", "authenticationheadervalue"}},
	{TrigMtlsSignal, []string{"mtls", "bindingcertificate"}},
	// Every literal shrSignalRe's matches hold (WithMtlsProofOfPossession
	// holds none).
	{TrigShrSignal, []string{"withsignedhttprequestproofofpossession", "withproofofposession", "withproofofpossession", "authenticationconfiguration", "signedhttprequest", "withpopnonce"}},
	{TrigShrWord, []string{"signed", "shr", "withproofofpossession", "authenticationconfiguration"}},
	{TrigBearer, []string{"bearer"}},
	{trigBad, badHints},
	{trigGood, goodHints},
	{TrigLeg, []string{"leg"}},
	{TrigScope, []string{"scope"}},
	{trigBind, []string{"bind"}},
	{TrigVanilla, []string{"vanilla"}},
	{TrigPseudo, []string{"...", "/*"}},
	{TrigAPIURI, []string{"api://"}},
	{TrigCSA, []string{"clientsignedassertion", "tokenbindingcertificate"}},
	{TrigUsing, []string{"using"}},
	{TrigWithMtlsPop, []string{"withmtlsproofofpossession"}},
	{TrigWithClientAssertion, []string{"withclientassertion"}},
	{TrigWithAzureRegion, []string{"withazureregion"}},
	{TrigMangled, []string{"****"}},
	{TrigSuppression, []string{SuppressionMarker}},
	{trigSlash, []string{"//", "/*"}},
	{trigQuote, []string{`"`, "'"}},
	{trigUnicode, []string{"\u212a", "\u0130", "\u0131", "\u017f"}},
}

// logMethodHintsFolded is logMethodHints lower-cased, for the automaton.
var logMethodHintsFolded = lowerAll(LogMethodHints)

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

// triggerAutomaton returns the automaton of every group, built on first
// use (not at init: a process that judges no file pays nothing).
var triggerAutomaton = sync.OnceValue(func() *automaton { return newAutomaton(triggerGroups) })

// automaton is an Aho-Corasick automaton compiled to a DFA over byte
// classes: ASCII upper-case letters share the class of their lower-case
// letter, every byte no literal holds shares class 0. The table is small
// enough for the cache: 16-bit entries, each a state's offset in it
// (state*nclass), with the states where literals end numbered last, so
// that a scan looks at outputs only when it reaches one.
type automaton struct {
	class   [256]uint8
	nclass  int
	shift   uint       // a state's offset is state<<shift (stride 1<<shift >= nclass)
	next    []uint16   // the offset of the next state: next[offset+class]
	out     []Triggers // groups of the literals that end at a state
	outFrom int        // offset of the first state with an output
}

func newAutomaton(groups []triggerGroup) *automaton {
	next, out, nclass, class := buildDFA(groups)
	// Renumber: states without output first (the root stays 0), then the
	// others.
	n := len(out)
	perm := make([]int, n)
	id := 0
	for pass := 0; pass < 2; pass++ {
		for s := 0; s < n; s++ {
			if (out[s] != 0) == (pass == 1) {
				perm[s] = id
				id++
			}
		}
	}
	shift := uint(0)
	for 1<<shift < nclass {
		shift++
	}
	stride := 1 << shift
	if n*stride > 1<<16 {
		panic("rules: too many trigger literals for the 16-bit trigger automaton")
	}
	a := &automaton{class: class, nclass: nclass, shift: shift, next: make([]uint16, n*stride), out: make([]Triggers, n), outFrom: n * stride}
	for s := 0; s < n; s++ {
		for c := 0; c < nclass; c++ {
			a.next[perm[s]*stride+c] = uint16(perm[next[s*nclass+c]] * stride)
		}
		a.out[perm[s]] = out[s]
		if out[s] != 0 {
			a.outFrom = min(a.outFrom, perm[s]*stride)
		}
	}
	return a
}

// buildDFA builds the automaton of groups: the transitions
// (next[state*nclass+class]), each state's output and the byte classes.
// It runs once per process, before the first file: its tables are sized
// once, by the literals' bytes (a bound on the states), in 16 bits.
func buildDFA(groups []triggerGroup) ([]int16, []Triggers, int, [256]uint8) {
	var class [256]uint8
	nclass, bytes := 1, 0
	for _, g := range groups {
		for _, l := range g.lits {
			bytes += len(l)
			for i := 0; i < len(l); i++ {
				if c := foldByte(l[i]); class[c] == 0 {
					class[c] = uint8(nclass)
					nclass++
				}
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		class[c] = class[c+'a'-'A']
	}
	if bytes+1 > 1<<15 {
		panic("rules: too many trigger literals for the 16-bit trigger automaton")
	}
	// The trie: -1 for a missing edge.
	next := make([]int16, 0, (bytes+1)*nclass)
	out := make([]Triggers, 0, bytes+1)
	newState := func() int16 {
		for i := 0; i < nclass; i++ {
			next = append(next, -1)
		}
		out = append(out, 0)
		return int16(len(out) - 1)
	}
	newState()
	for _, g := range groups {
		for _, l := range g.lits {
			s := int16(0)
			for i := 0; i < len(l); i++ {
				k := int(s)*nclass + int(class[l[i]])
				if next[k] < 0 {
					n := newState()
					next[k] = n
				}
				s = next[k]
			}
			out[s] |= g.t
		}
	}
	// Breadth first: fail links become transitions, outputs merge.
	fail := make([]int16, len(out))
	queue := make([]int16, 0, len(out))
	for c := 0; c < nclass; c++ {
		if s := next[c]; s < 0 {
			next[c] = 0
		} else {
			fail[s] = 0
			queue = append(queue, s)
		}
	}
	for q := 0; q < len(queue); q++ {
		s := queue[q]
		out[s] |= out[fail[s]]
		for c := 0; c < nclass; c++ {
			k := int(s)*nclass + c
			f := next[int(fail[s])*nclass+c]
			if t := next[k]; t < 0 {
				next[k] = f
			} else {
				fail[t] = f
				queue = append(queue, t)
			}
		}
	}
	return next, out, nclass, class
}

func foldByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// scan returns the groups whose literals s holds.
func (a *automaton) scan(s string) Triggers {
	var m Triggers
	next, class, from := a.next, &a.class, a.outFrom
	off := 0
	for i := indent(s); i < len(s); i++ {
		off = int(next[off+int(class[s[i]])])
		if off >= from {
			m |= a.out[off>>a.shift]
		}
	}
	return m
}

// indent returns the length of s's indentation: it leaves the root where
// it is (no literal holds a blank), so a scan skips it.
func indent(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// May reports whether line n may hold a literal of one of the groups of t,
// in any case: false means that it holds none, neither in its text nor in
// any part of it (its code with comments blanked, a comment), nor in its
// text lower-cased.
func (v *View) May(n int, t Triggers) bool {
	i := v.slot(n)
	return i >= 0 && v.info[i].trig&(t|trigUnicode) != 0
}

// HasFold is containsAny(v.lower(n), lits...) for the literals lits of the
// one group t, read off the index.
func (v *View) HasFold(n int, t Triggers) bool {
	i := v.slot(n)
	if i < 0 {
		return false
	}
	m := v.info[i].trig
	if m&trigUnicode != 0 {
		return ContainsAny(v.lower(n), groupLiterals(t)...)
	}
	return m&t != 0
}

// Literals returns the literals of every trigger group in t, in the
// table's order, each once: what a file must hold, in the automaton's
// sense (lower-case ASCII letters in any ASCII case, other bytes as
// themselves), for a rule whose Triggers are t to read it.
func (t Triggers) Literals() []string {
	var out []string
	for _, g := range triggerGroups {
		if g.t&t == 0 {
			continue
		}
		for _, l := range g.lits {
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// groupLiterals returns the literals of group t.
func groupLiterals(t Triggers) []string {
	for _, g := range triggerGroups {
		if g.t == t {
			return g.lits
		}
	}
	return nil
}

// MayHold reports whether some known line of the file may hold a trigger
// literal of t (see Triggers): false means that none does, so a rule whose
// Triggers are t has nothing to read in the file. A zero t always may.
func (v *View) MayHold(t Triggers) bool {
	return t == 0 || v.all&(t|trigUnicode) != 0
}

// badLine is isBad(v.Text(n)): the index holds the line's hints.
func (v *View) badLine(n int) bool {
	i := v.slot(n)
	return i >= 0 && v.badAt(i)
}

// goodLine is isGood(v.Text(n)): the index holds the line's hints.
func (v *View) goodLine(n int) bool {
	i := v.slot(n)
	return i >= 0 && v.goodAt(i)
}

// badAt and goodAt are badLine and goodLine of the line at index i.
func (v *View) badAt(i int) bool {
	return v.info[i].trig&trigBad != 0 && isBadMarked(v.lines[i].Text)
}
func (v *View) goodAt(i int) bool {
	return v.info[i].trig&trigGood != 0 && isGoodMarked(v.lines[i].Text)
}

// FileHas reports whether some known line of the file holds a literal of
// one of the groups of t, in ASCII case folding: true means that the
// file's known text holds one for certain (where MayHold only says it
// may).
func (v *View) FileHas(t Triggers) bool { return v.all&t != 0 }

// LinesHave reports whether one of the known lines from..to holds a
// literal of one of the groups of t, in ASCII case folding (for certain,
// as fileHas).
func (v *View) LinesHave(from, to int, t Triggers) bool {
	for k := v.from(from); k < len(v.lines) && v.lines[k].N <= to; k++ {
		if v.info[k].trig&t != 0 {
			return true
		}
	}
	return false
}

// The rules' hint lists the trigger groups are made of: each holds a
// piece of everything a rule's expressions match, so a line without one
// is not looked at further. The rules name them for what they guard.

// LogMethodHints hold a piece of every name in logMethods.
var LogMethodHints = []string{"Write", "Print", "Trace", "Log", "Info", "Verbose", "Warn", "Error", "Always", "Debug", "Fatal"}

// SecretHints hold a piece (lower case) of every name secretName accepts.
var SecretHints = []string{"token", "assertion", "secret", "privatekey", "password", "jwt"}

// secretTargetHints hold a piece (lower case) of every secret-named target
// secretTargetRe and inlineSecretRe know.
var secretTargetHints = []string{"secret", "password", "passwd", "pwd", "api_key", "apikey"}

// placeholderHints hold a piece (lower case) of everything placeholderIn
// finds.
var placeholderHints = []string{"your", "replace", "change", "insert", "here", "\"<", "/<", "xxxxxxxx", "login.", "path/to", `path\to`, `path\\to`}

// audienceHints hold (lower case) a piece that survives in any near-miss
// audienceProblem reports (edit distance 3 at most).
var audienceHints = []string{"azuread", "tokenex", "okenexc", "exchange"}

// URNHints hold (lower case) a piece of everything urnTokenRe matches.
var URNHints = []string{"urn:", "urn_", "assertion-type", "assertion_type"}

// SuppressionMarker starts an inline suppression comment:
// `// reviewbot:ignore <rule-id> <reason>` in C#,
// `<!-- reviewbot:ignore <rule-id> <reason> -->` in Markdown.
const SuppressionMarker = "reviewbot:ignore"
