// Package prefilter guards a regular expression with the literals every
// match of it must hold, read off the parsed expression: a text that holds
// none of them cannot match, so it is rejected with a substring search and
// the regexp engine (backtracking, for the short lines reviewbot reads)
// never runs on it. A guarded expression answers exactly as the plain one.
//
// MustCompile compiles on first use, so the package-level expressions a
// run does not need cost the process nothing at start; CompileAll, called
// by a test of each package that declares them, still fails on a bad one.
package prefilter

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Regexp is a regular expression with its guard, built on first use in
// two steps: the guard when a text is first checked, the regexp engine
// when a text first passes the guard. A package-level Regexp that a run
// never needs costs nothing to start the process with, and one whose
// literals no text holds is never compiled for the engine. The methods
// below check the guard first and return the no-match answer without
// running the engine when the text holds none of the literals. A Regexp
// is safe for concurrent use.
type Regexp struct {
	expr       string
	guardOnce  sync.Once
	g          guard
	engineOnce sync.Once
	re         *regexp.Regexp
}

// guard is what a Regexp reads off its parsed expression.
type guard struct {
	// lits are the literals a match holds one of.
	lits []lit
	// guarded is false when no literal set could be read off (an
	// expression like `\w+`): every text goes to the engine.
	guarded bool
	// unicodeFold is set when a folded literal holds a letter that Unicode
	// folds to a non-ASCII rune (k to the Kelvin sign, s to the long s):
	// a text with non-ASCII bytes then goes to the engine.
	unicodeFold bool
}

// made holds every Regexp MustCompile has made, for CompileAll.
var made struct {
	sync.Mutex
	all []*Regexp
}

// MustCompile returns expr as a guarded Regexp that compiles on first
// use. It is meant for package-level variables: an invalid expression
// panics, as regexp.MustCompile does, but at the first use, so every
// package that declares such variables has a test that calls CompileAll.
// An expression built at run time goes to regexp.Compile instead: each
// one made here is kept for CompileAll.
func MustCompile(expr string) *Regexp {
	r := &Regexp{expr: expr}
	made.Lock()
	made.all = append(made.all, r)
	made.Unlock()
	return r
}

// CompileAll compiles every Regexp that MustCompile has made so far (in
// a test: every package-level one of the packages linked in) and returns
// an error naming each expression that does not compile.
func CompileAll() error {
	made.Lock()
	all := append([]*Regexp(nil), made.all...)
	made.Unlock()
	var errs []error
	for _, r := range all {
		if _, err := regexp.Compile(r.expr); err != nil {
			errs = append(errs, fmt.Errorf("prefilter.MustCompile(%q): %w", r.expr, err))
			continue
		}
		r.guard()
		r.engine()
	}
	return errors.Join(errs...)
}

// readGuard parses expr and reads its guard off it.
func readGuard(expr string) (guard, error) {
	parsed, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return guard{}, err
	}
	lits, ok := required(parsed.Simplify(), false)
	if !ok {
		return guard{}, nil
	}
	g := guard{guarded: true, lits: lits}
	for _, l := range lits {
		g.unicodeFold = g.unicodeFold || l.fold && strings.ContainsAny(l.s, "ks")
	}
	return g, nil
}

// guard reads r's guard on first use, from guardTable when it holds r's
// expression, else off the parsed expression; an expression that does not
// parse panics, as regexp.MustCompile does.
func (r *Regexp) guard() *guard {
	r.guardOnce.Do(func() {
		if g, ok := tableGuard(r.expr); ok {
			r.g = g
			return
		}
		g, err := readGuard(r.expr)
		if err != nil {
			panic("prefilter: Compile(" + strconv.Quote(r.expr) + "): " + err.Error())
		}
		r.g = g
	})
	return &r.g
}

// engine compiles r for the regexp engine on first use; an invalid
// expression panics, as regexp.MustCompile does.
func (r *Regexp) engine() *regexp.Regexp {
	r.engineOnce.Do(func() {
		re, err := regexp.Compile(r.expr)
		if err != nil {
			panic("prefilter: Compile(" + strconv.Quote(r.expr) + "): " + err.Error())
		}
		r.re = re
	})
	return r.re
}

// Plain returns the compiled regexp without the guard, for the methods
// that have none here.
func (r *Regexp) Plain() *regexp.Regexp { return r.engine() }

// String returns the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// NumSubexp is regexp.Regexp.NumSubexp.
func (r *Regexp) NumSubexp() int { return r.engine().NumSubexp() }

// SubexpNames is regexp.Regexp.SubexpNames.
func (r *Regexp) SubexpNames() []string { return r.engine().SubexpNames() }

// SubexpIndex is regexp.Regexp.SubexpIndex.
func (r *Regexp) SubexpIndex(name string) int { return r.engine().SubexpIndex(name) }

// Split is regexp.Regexp.Split.
func (r *Regexp) Split(s string, n int) []string { return r.engine().Split(s, n) }

// Literals returns the literals a match must hold one of, as written and
// ASCII-folded (lower-case); ok is false when the expression has no such
// set and every text is tried.
func (r *Regexp) Literals() (exact, folded []string, ok bool) {
	g := r.guard()
	for _, l := range g.lits {
		if l.fold {
			folded = append(folded, l.s)
		} else {
			exact = append(exact, l.s)
		}
	}
	return exact, folded, g.guarded
}

// MayMatch reports whether s holds one of the literals, so that the
// expression may match it; false means it cannot.
func (r *Regexp) MayMatch(s string) bool { return r.guard().mayMatch(s) }

func (g *guard) mayMatch(s string) bool {
	if !g.guarded {
		return true
	}
	if g.unicodeFold && !IsASCII(s) {
		return true
	}
	for _, l := range g.lits {
		if l.in(s) {
			return true
		}
	}
	return false
}

// MatchString is regexp.Regexp.MatchString behind the guard.
func (r *Regexp) MatchString(s string) bool {
	return r.guard().mayMatch(s) && r.engine().MatchString(s)
}

// FindString is regexp.Regexp.FindString behind the guard.
func (r *Regexp) FindString(s string) string {
	if !r.guard().mayMatch(s) {
		return ""
	}
	return r.engine().FindString(s)
}

// FindStringIndex is regexp.Regexp.FindStringIndex behind the guard.
func (r *Regexp) FindStringIndex(s string) []int {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindStringIndex(s)
}

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch behind the guard.
func (r *Regexp) FindStringSubmatch(s string) []string {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp.Regexp.FindStringSubmatchIndex behind
// the guard.
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindStringSubmatchIndex(s)
}

// FindAllString is regexp.Regexp.FindAllString behind the guard.
func (r *Regexp) FindAllString(s string, n int) []string {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindAllString(s, n)
}

// FindAllStringIndex is regexp.Regexp.FindAllStringIndex behind the guard.
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindAllStringIndex(s, n)
}

// FindAllStringSubmatch is regexp.Regexp.FindAllStringSubmatch behind the
// guard.
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is regexp.Regexp.FindAllStringSubmatchIndex
// behind the guard.
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !r.guard().mayMatch(s) {
		return nil
	}
	return r.engine().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAllString is regexp.Regexp.ReplaceAllString behind the guard.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	if !r.guard().mayMatch(src) {
		return src
	}
	return r.engine().ReplaceAllString(src, repl)
}

// ReplaceAllStringFunc is regexp.Regexp.ReplaceAllStringFunc behind the
// guard.
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	if !r.guard().mayMatch(src) {
		return src
	}
	return r.engine().ReplaceAllStringFunc(src, repl)
}

// lit is one required literal; fold means ASCII case-insensitive, and
// wordStart that the match has it where a word starts (`\bname`): after
// a byte that is no word byte, or at the start.
type lit struct {
	s               string
	fold, wordStart bool
}

// in reports whether s holds l.
func (l lit) in(s string) bool {
	for i := 0; i <= len(s)-len(l.s); {
		var j int
		if l.fold {
			j = indexFold(s[i:], l.s)
		} else {
			j = strings.Index(s[i:], l.s)
		}
		if j < 0 {
			return false
		}
		j += i
		if !l.wordStart || j == 0 || !isWordByte(s[j-1]) {
			return true
		}
		i = j + 1
	}
	return false
}

// required returns literals of which every match of re holds at least
// one, or ok false when it knows of none (re can match the empty string,
// or a part it cannot read as literals). atWord says that re matches
// right after a `\b`.
func required(re *syntax.Regexp, atWord bool) (lits []lit, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		fold := re.Flags&syntax.FoldCase != 0
		s := string(re.Rune)
		for _, r := range re.Rune {
			if r == utf8.RuneError {
				return nil, false // also matches a byte that is not UTF-8
			}
		}
		if fold {
			// Folding is only read for ASCII letters and symbols.
			for _, r := range re.Rune {
				if r >= utf8.RuneSelf {
					return nil, false
				}
			}
			s = strings.ToLower(s)
			if strings.ToUpper(s) == s {
				fold = false // no letters: exact is the same and faster
			}
		}
		// After \b, a literal that starts with a word byte starts a word.
		return []lit{{s: s, fold: fold, wordStart: atWord && s != "" && isWordByte(s[0])}}, s != ""
	case syntax.OpCapture:
		return required(re.Sub[0], atWord)
	case syntax.OpPlus:
		return required(re.Sub[0], atWord)
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0], atWord)
		}
		return nil, false
	case syntax.OpConcat:
		// Every part must match: the part with the best set will do.
		for i, sub := range re.Sub {
			at := i == 0 && atWord || i > 0 && re.Sub[i-1].Op == syntax.OpWordBoundary
			if l, ok := required(sub, at); ok && (lits == nil || better(l, lits)) {
				lits = l
			}
		}
		return lits, lits != nil
	case syntax.OpAlternate:
		// One branch matches: every branch needs a set.
		for _, sub := range re.Sub {
			l, ok := required(sub, atWord)
			if !ok {
				return nil, false
			}
			lits = append(lits, l...)
		}
		return lits, true
	}
	return nil, false
}

// isWordByte reports whether c is a byte of a word for `\b`: ASCII
// letters, digits and the underscore.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// better reports whether set a rejects more than b: a longer shortest
// literal, then fewer literals.
func better(a, b []lit) bool {
	sa, sb := shortest(a), shortest(b)
	if sa != sb {
		return sa > sb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return starts(a) > starts(b)
}

// starts counts the literals that must start a word.
func starts(ls []lit) int {
	n := 0
	for _, l := range ls {
		if l.wordStart {
			n++
		}
	}
	return n
}

func shortest(ls []lit) int {
	n := -1
	for _, l := range ls {
		if n < 0 || len(l.s) < n {
			n = len(l.s)
		}
	}
	return n
}

// IsASCII reports whether s holds only ASCII bytes.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ContainsFold reports whether s holds lower, a lower-case ASCII string,
// in any ASCII case, without allocating.
func ContainsFold(s, lower string) bool {
	return indexFold(s, lower) >= 0
}

// indexFold is the index of the first lower (lower-case ASCII) in s in any
// ASCII case, or -1. A plain byte loop: on the short lines reviewbot reads
// it beats jumping between candidates with strings.IndexByte.
func indexFold(s, lower string) int {
	n := len(lower)
	if n == 0 {
		return 0
	}
	c0 := lower[0]
	up0 := c0
	if 'a' <= c0 && c0 <= 'z' {
		up0 = c0 - 'a' + 'A'
	}
	for i := 0; i+n <= len(s); i++ {
		if c := s[i]; (c == c0 || c == up0) && equalFold(s[i+1:i+n], lower[1:]) {
			return i
		}
	}
	return -1
}

// equalFold reports whether s, as long as lower, is lower (lower-case
// ASCII) in any ASCII case.
func equalFold(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}
