package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// TokenType flags "pop" (or "Bearer") where the token type of an mTLS PoP
// token is meant: it is "mtls_pop".
var TokenType = &Rule{
	ID: "token-type",
	Doc: `An mTLS PoP token's TokenType is "mtls_pop", not "pop" or "Bearer".
MSAL returns an mTLS PoP token with AuthenticationResult.TokenType
"mtls_pop" (Constants.MtlsPoPTokenType). "pop" is the token type of
Signed-HTTP-Request PoP and "Bearer" that of an unbound token: a test or a
check that expects either of them for an mTLS PoP acquisition fails on the
right token (or passes on the wrong one), and a document that teaches it
sends readers after the wrong value. Assertions and comparisons in code are
errors; comments and documents that name the wrong type are warnings.
"Bearer" (and Constants.PoPTokenType) is only reported in code, for the
result of a WithMtlsProofOfPossession acquisition in the same member. Files about
Signed-HTTP-Request PoP (no mTLS), lines that also name "mtls_pop" and
examples marked as bad are left alone.

Bad:
    Assert.AreEqual("pop", result.TokenType);
    /// Check TokenType (should be "pop").

Good:
    Assert.AreEqual("mtls_pop", result.TokenType);
    /// Check TokenType (should be "mtls_pop").`,
	Severity: Error,
	Topics:   []topic.Topic{topic.TokenTypeAssert},
	Check:    checkTokenType,
	Triggers: source.TrigPop | source.TrigBearer,
}

const mtlsPopTokenType = "mtls_pop"

// tokenTypeTextMessage is the message of a comment, message or document
// that names the wrong token type.
const tokenTypeTextMessage = `TokenType "pop" for an mTLS PoP token: its token type is "mtls_pop" ("pop" is Signed-HTTP-Request PoP's); write "mtls_pop" so readers check for the right value.`

var (
	// A comparison of TokenType with the literal at %s (filled per case).
	tokenTypeReceiverRe = prefilter.MustCompile(`([A-Za-z_]\w*)\s*[?!]?\s*\.\s*TokenType\b`)
	// Calls and operators that compare or assert.
	tokenTypeCompareRe = prefilter.MustCompile(`\bAssert\s*\.\s*(?:AreEqual|Equal|That|IsTrue|IsFalse)\b|\bEquals\s*\(|\.\s*Should\s*\(\s*\)\s*\.\s*Be\s*\(|\bIs\s*\.\s*EqualTo\s*\(|[!=]=`)
	// Calls that assert a difference: correct for "pop".
	tokenTypeNotEqualRe = prefilter.MustCompile(`\bAssert\s*\.\s*(?:AreNotEqual|NotEqual)\b|\.\s*Should\s*\(\s*\)\s*\.\s*NotBe\s*\(|\bIs\s*\.\s*Not\b`)
	// Prose: "TokenType" / "token type" / "token_type", then a quoted pop
	// within the clause.
	// A "." inside a name (result.TokenType, Assert.AreEqual) does not end
	// the clause; ". " does.
	tokenTypeTextRe = prefilter.MustCompile("(?i)\\btoken[ _]?type\\b(?:[^.;!?\\n]|\\.\\S){0,80}?([\"'`“‘])(pop)([\"'`”’])")
	// The other order: Assert.AreEqual("pop", result.TokenType).
	tokenTypeTextRevRe = prefilter.MustCompile("(?i)([\"'`“‘])(pop)([\"'`”’])(?:[^.;!?\\n]|\\.\\S){0,40}?\\btoken[ _]?type\\b")
	// A quoted pop anywhere (for a comment beside code that reads TokenType).
	quotedPopRe = prefilter.MustCompile("(?i)([\"'`“‘])(pop)([\"'`”’])")
	// A denial right before the quoted value: "is not \"pop\"".
	tokenTypeNegationRe = prefilter.MustCompile(`(?i)\b(?:not|never|no longer|isn'?t|aren'?t|rather than)\s+(?:be\s+|equal\s+to\s+|return\s+|a\s+)?\W*$`)
	// "instead of \"pop\"": pop is what the text expects, even on a line a
	// "Problem:" marker makes a bad example.
	insteadOfRe = prefilter.MustCompile(`(?i)\binstead\s+of\s+\W*$`)
	// The Signed-HTTP-Request PoP token type constant (not MtlsPoPTokenType).
	popConstRe = prefilter.MustCompile(`\b(?:Constants\s*\.\s*)?PoPTokenType\b`)
	shrWordsRe = prefilter.MustCompile(`(?i)signed[- ]?http[- ]?request|\bSHR\b|WithProofOfPossession\s*\(|PoPAuthenticationConfiguration`)
)

func checkTokenType(p *Pass) {
	v := NewView(p)
	// Cheap first: an added line must name a "pop" other than mtls_pop,
	// or a quoted "bearer".
	cand := false
	for n := 1; n <= v.Len() && !cand; n++ {
		if v.Added(n) && v.May(n, source.TrigPop|source.TrigBearer) {
			t := v.Text(n)
			cand = lowerCount(t, "pop") > lowerCount(t, "mtls_pop") || lowerHas(t, `"bearer"`)
		}
	}
	if !cand {
		return
	}
	// A file named for mTLS (MtlsPopTokenAcquirer.cs, msal-mtls-pop-*/)
	// is about mTLS PoP even where its lines do not say so.
	mtls := strings.Contains(strings.ToLower(v.Path()), "mtls")
	shr := false
	for n := 1; n <= v.Len(); n++ {
		if !v.Known(n) {
			continue
		}
		mtls = mtls || v.HasFold(n, source.TrigMtls)
		// In a document, only Signed-HTTP-Request PoP code counts: a guide
		// may name it in passing ("not to be confused with ...").
		if v.IsMarkdown() && !v.IsCodeLine(n) {
			continue
		}
		shr = shr || v.HasFold(n, source.TrigShrWord) && isShrWords(v.Text(n))
	}
	if !mtls {
		// Signed-HTTP-Request PoP, or no PoP at all: "pop" may be right.
		return
	}
	checkTokenTypeCode(p, v, shr)
	checkTokenTypeText(p, v, shr)
}

// inMtlsMember reports whether line n lies in a C# member that acquires
// with WithMtlsProofOfPossession.
func inMtlsMember(v *source.View, n int) bool {
	sc, ok := v.ScopeAt(n)
	return ok && withMtlsPopRe.MatchString(v.ScopeSpan(sc).Text)
}

// checkTokenTypeCode reports assertions and comparisons of TokenType with
// "pop" or "Bearer" in C# code.
func checkTokenTypeCode(p *Pass, v *source.View, shr bool) {
	for _, l := range v.CheckedCode() {
		if !v.May(l.N, source.TrigPop|source.TrigBearer) {
			continue
		}
		t := v.Text(l.N)
		popConst := lowerCount(t, "poptokentype") > lowerCount(t, "mtlspoptokentype")
		if !lowerHas(t, `"pop"`) && !lowerHas(t, `"bearer"`) && !popConst {
			continue
		}
		code := v.Code(l.N)
		stmt := v.StatementAt(l.N)
		if !strings.Contains(stmt, "TokenType") || !tokenTypeCompareRe.MatchString(stmt) || tokenTypeNotEqualRe.MatchString(stmt) {
			continue
		}
		if strings.Contains(strings.ToLower(stmt), mtlsPopTokenType) {
			continue // "mtls_pop" is there too: a choice between the two
		}
		if m := popConstRe.FindStringIndex(code); popConst && m != nil {
			// Constants.PoPTokenType is "pop": wrong only where the result
			// is visibly an mTLS PoP one (library code uses it for
			// Signed-HTTP-Request PoP).
			if k := tokenResultKind(v, l.N, stmt); k == resultMtlsPop || k == resultMtlsRequested {
				p.Report(Finding{
					Line:     l.N,
					Column:   m[0] + 1,
					Severity: Error,
					Message:  `TokenType compared with Constants.PoPTokenType ("pop", Signed-HTTP-Request PoP's) for an mTLS PoP token: compare with Constants.MtlsPoPTokenType ("mtls_pop").`,
				})
			}
		}
		for _, lit := range source.Literals(code) {
			val := lit.Value
			bearer := strings.EqualFold(val, "bearer")
			if !strings.EqualFold(val, "pop") && !bearer {
				continue
			}
			if bearer && source.MemberNamed(v, l.N, "bearer", "fallback") {
				continue // a test of the bearer fallback expects "Bearer"
			}
			switch tokenResultKind(v, l.N, stmt) {
			case resultMtlsPop:
			case resultMtlsRequested:
				if bearer {
					continue
				}
			case resultOther:
				continue
			default:
				// Not tied to an acquisition in view: "pop" in an mTLS
				// sample, test or document with no Signed-HTTP-Request PoP
				// is still wrong; "Bearer" may be a bearer test, and
				// library code handles every token type there is.
				if bearer || shr || source.LibraryCode(v) {
					continue
				}
			}
			p.Report(Finding{
				Line:       l.N,
				Column:     lit.Col,
				Severity:   Error,
				Message:    fmt.Sprintf(`TokenType compared with %q for an mTLS PoP token: its token type is "mtls_pop" (%s), so this check fails on the right token; compare with "mtls_pop" (Constants.MtlsPoPTokenType).`, val, otherTokenType(bearer)),
				Suggestion: literalSuggestion(v, l.N, lit, mtlsPopTokenType),
			})
		}
	}
}

func otherTokenType(bearer bool) string {
	if bearer {
		return `"Bearer" is an unbound token's`
	}
	return `"pop" is Signed-HTTP-Request PoP's`
}

// The kinds of result a TokenType is read from.
const (
	resultUnknown = iota
	resultMtlsPop // assigned from a WithMtlsProofOfPossession acquisition
	resultOther   // assigned from another acquisition in view
	// The statement itself asks whether mTLS PoP was requested: "pop" is
	// wrong there, "Bearer" may be a cached bearer token being skipped.
	resultMtlsRequested
)

// tokenResultKind says where the result whose TokenType statement stmt
// (at line n) reads comes from, looking in the member around n.
func tokenResultKind(v *source.View, n int, stmt string) int {
	if strings.Contains(stmt, "IsMtlsPopRequested") || withMtlsPopRe.MatchString(stmt) {
		return resultMtlsRequested
	}
	m := tokenTypeReceiverRe.FindStringSubmatch(stmt)
	if m == nil {
		return resultUnknown
	}
	sc, ok := v.ScopeAt(n)
	if !ok {
		return resultUnknown
	}
	text := v.ScopeSpan(sc).Text
	assign := regexp.MustCompile(`\b` + regexp.QuoteMeta(m[1]) + `\s*=\s*([^;]*)`)
	kind := resultUnknown
	for _, a := range assign.FindAllStringSubmatch(text, -1) {
		switch {
		case withMtlsPopRe.MatchString(a[1]):
			return resultMtlsPop
		case strings.Contains(a[1], "ExecuteAsync"):
			kind = resultOther
		}
	}
	return kind
}

// checkTokenTypeText reports comments and Markdown prose that give an mTLS
// PoP token the type "pop". In a file that also holds Signed-HTTP-Request
// PoP (shr), only comments inside a member that acquires an mTLS PoP token
// are judged.
func checkTokenTypeText(p *Pass, v *source.View, shr bool) {
	report := func(n, off int, q []int, text string) {
		line := v.Text(n)
		msg := tokenTypeTextMessage
		sugg := ""
		if all := quotedPopRe.FindAllStringIndex(line, -1); len(all) == 1 && off >= 0 {
			sugg = spanSuggestion(v, n, off+q[4], off+q[5], mtlsPopTokenType)
		}
		p.Report(Finding{Line: n, Column: off + q[2] + 1, Severity: Warning, Message: msg, Suggestion: sugg})
	}
	// judge looks at one piece of prose: text starts at byte off of line
	// n; bad is set when the line lies in an example marked as bad.
	judge := func(n, off int, text string, bad, besideTokenType bool) {
		if !lowerHas(text, "pop") || lowerHas(text, mtlsPopTokenType) || v.May(n, source.TrigShrWord) && isShrWords(text) {
			return
		}
		var q []int
		// Both orders name the token type: no "type", no match (no
		// letter of it folds to a non-ASCII rune).
		if source.ContainsFold(text, "type") {
			q = tokenTypeTextRe.FindStringSubmatchIndex(text)
			if q == nil {
				q = tokenTypeTextRevRe.FindStringSubmatchIndex(text)
			}
		}
		if q == nil && besideTokenType {
			q = quotedPopRe.FindStringSubmatchIndex(text)
		}
		if q == nil {
			return
		}
		before := text[:q[2]]
		if tokenTypeNegationRe.MatchString(before) {
			return
		}
		if bad && !insteadOfRe.MatchString(before) {
			return
		}
		report(n, off, q, text)
	}
	if v.IsMarkdown() && !shr && !source.ChangelogDoc.MatchString(v.Path()) {
		for n := 1; n <= v.Len(); n++ {
			if !v.Added(n) || !v.HasFold(n, source.TrigPop) {
				continue
			}
			// Prose, and the lines of non-C# blocks: a JSON token
			// response or an HTTP exchange in an mTLS PoP guide.
			if b, ok := v.BlockAt(n); v.Prose(n) || ok && !b.CSharp() {
				judge(n, 0, v.Text(n), v.BadExample(n), false)
			}
		}
	}
	// Messages in code: an assertion, exception or log text that tells the
	// reader to expect "pop" ("Expected TokenType \"pop\"").
	for _, l := range v.CheckedCode() {
		if !v.May(l.N, source.TrigPop) {
			continue
		}
		if t := v.Text(l.N); !lowerHas(t, "pop") || lowerHas(t, mtlsPopTokenType) || !source.IsMessageCall(v.Code(l.N)) {
			continue
		}
		if shr && !inMtlsMember(v, l.N) || source.LibraryCode(v) && !strings.Contains(strings.ToLower(v.Path()), "mtls") && !inMtlsMember(v, l.N) {
			continue
		}
		for _, lit := range source.Literals(v.Code(l.N)) {
			val := strings.ReplaceAll(lit.Value, `\"`, `"`)
			if len(strings.Fields(val)) < 3 || isShrWords(val) {
				continue
			}
			if m := tokenTypeTextRe.FindStringSubmatchIndex(val); m != nil && !tokenTypeNegationRe.MatchString(val[:m[2]]) {
				p.Report(Finding{Line: l.N, Column: lit.Col, Severity: Warning, Message: tokenTypeTextMessage})
				break
			}
		}
	}
	for _, c := range v.Comments() {
		if !v.Added(c.Line) || !v.May(c.Line, source.TrigPop) || !strings.Contains(strings.ToLower(c.Text), "pop") {
			continue
		}
		line := v.Text(c.Line)
		off := -1
		if c.Col >= 1 && c.Col <= len(line) {
			if k := strings.Index(line[c.Col-1:], c.Text); k >= 0 {
				off = c.Col - 1 + k
			}
		}
		beside := strings.Contains(v.Code(c.Line), "TokenType")
		if off < 0 || shr && !inMtlsMember(v, c.Line) {
			continue
		}
		if source.LibraryCode(v) && !strings.Contains(strings.ToLower(c.Text), "mtls") && !mtlsUnit(v, c) {
			continue // library code documents every token type: judge only what speaks of mTLS
		}
		judge(c.Line, off, c.Text, v.BadExample(c.Line), beside)
	}
}
