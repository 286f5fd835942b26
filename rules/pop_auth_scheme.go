package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// PopAuthScheme flags Authorization headers that send an mTLS PoP token
// under "PoP", "pop" or "Bearer" instead of its token type.
var PopAuthScheme = &Rule{
	ID: "pop-auth-scheme",
	Doc: `Send an mTLS PoP token under its token type, not "PoP" or "Bearer".
The HTTP Authorization scheme for an mTLS PoP token is the token type MSAL
returns (result.TokenType, "mtls_pop"). "PoP" is the Signed-HTTP-Request
PoP scheme and "Bearer" is for unbound tokens; a resource that checks the
binding rejects both, and an mTLS PoP sample that hard-codes one teaches
the bug. Signed-HTTP-Request PoP code is left alone, and "Bearer" is only
reported when the token is visibly an mTLS PoP one: it comes from a
WithMtlsProofOfPossession acquisition, the code asserts or guards that its
TokenType is "mtls_pop", or the header is set inside
if (result.TokenType == "mtls_pop"). Comments and documents that give
"PoP" as the scheme ("Authorization: PoP <token>", "some use \"PoP\"") are
warnings. In an example that marks lines WRONG and RIGHT, each line is
judged by its own marker.

Bad:
    new AuthenticationHeaderValue("PoP", result.AccessToken)

Good:
    new AuthenticationHeaderValue(result.TokenType, result.AccessToken)`,
	Severity: Error,
	Topics:   []topic.Topic{topic.AuthScheme},
	Check:    checkPopAuthScheme,
	Triggers: source.TrigAuthHeader | source.TrigPop,
}

var (
	// The scheme literal of an Authorization header and what follows it.
	authSchemeRe = prefilter.MustCompile(`(?:\bAuthenticationHeaderValue\s*\(\s*(?:scheme\s*:\s*)?"(\w+)"\s*,\s*(?:parameter\s*:\s*)?([^)]*)|\bAuthorization"?\s*\]?\s*(?:=|,)\s*\$?"(\w+)\s+\{?([^}"]*))`)
	mtlsSignalRe = prefilter.MustCompile(`WithMtlsProofOfPossession|BindingCertificate|mtls_pop|MtlsPop|mTLS|Mtls`)
	shrSignalRe  = prefilter.MustCompile(`WithSignedHttpRequestProofOfPossession|WithProofOfPosession|WithProofOfPossession\s*\(|Po[Pp]AuthenticationConfiguration|SignedHttpRequest|WithPopNonce`)
)

func checkPopAuthScheme(p *Pass) {
	v := NewView(p)
	// Cheap first: an added line must build an Authorization header or
	// speak of "pop".
	cand := false
	for n := 1; n <= v.Len() && !cand; n++ {
		if v.Added(n) && v.May(n, source.TrigAuthHeader|source.TrigPop) {
			cand = v.HasFold(n, source.TrigAuthHeader)
			if !cand {
				t := v.Text(n)
				cand = lowerCount(t, "pop") > lowerCount(t, "mtls_pop")
			}
		}
	}
	if !cand {
		return
	}
	// A file named for mTLS (msal-mtls-pop-vanilla/, MtlsPop*.cs) is about
	// mTLS PoP even where the lines in view do not say so.
	mtls := strings.Contains(strings.ToLower(v.Path()), "mtls")
	shr := false
	for n := 1; n <= v.Len(); n++ {
		t := v.Text(n)
		mtls = mtls || v.May(n, source.TrigMtlsSignal) && isMtlsSignal(t)
		shr = shr || v.May(n, source.TrigShrSignal) && source.ContainsAny(t, "ProofOfPos", "AuthenticationConfiguration", "SignedHttpRequest", "WithPopNonce") && shrSignalRe.MatchString(t)
	}
	if !mtls || shr {
		return
	}
	checkSchemeCode(p, v)
	checkSchemeText(p, v)
}

// checkSchemeCode reports Authorization headers built in C# code with the
// scheme "PoP" (any case), or "Bearer" for an mTLS PoP token.
func checkSchemeCode(p *Pass, v *source.View) {
	for _, l := range v.CheckedCode() {
		if !v.May(l.N, source.TrigAuthHeader) {
			continue
		}
		code := v.Code(l.N)
		if !source.ContainsAny(code, "Authorization", "AuthenticationHeaderValue") {
			continue
		}
		for _, m := range authSchemeRe.FindAllStringSubmatchIndex(code, -1) {
			si, ti := 2, 4
			if m[2] < 0 {
				si, ti = 6, 8
			}
			scheme, tok := code[m[si]:m[si+1]], code[m[ti]:m[ti+1]]
			switch strings.ToLower(scheme) {
			case "pop":
			case "bearer":
				if !fromMtlsPop(v, l.N, tok) {
					continue
				}
			default:
				continue
			}
			p.Report(Finding{
				Line:       l.N,
				Column:     m[si] + 1,
				Message:    fmt.Sprintf("Authorization scheme %q for an mTLS PoP token: the scheme is the token type (\"mtls_pop\"); use new AuthenticationHeaderValue(result.TokenType, result.AccessToken).", scheme),
				Suggestion: spanSuggestion(v, l.N, m[si], m[si+1], mtlsPopTokenType),
			})
		}
	}
}

var (
	// Prose that gives the scheme: "Authorization: PoP <token>", "the
	// \"PoP\" scheme", "scheme may be \"PoP\" or \"Bearer\"".
	schemeHeaderTextRe = prefilter.MustCompile("\\bAuthorization\\s*:\\s*(PoP|pop|POP)\\s+\\S")
	schemeWordRe       = prefilter.MustCompile(`(?i)\bscheme\b|\bauthori[sz]ation header\b`)
	quotedSchemeRe     = prefilter.MustCompile("([\"'`“‘])(PoP|pop|POP)([\"'`”’])")
	// A scheme the sentence goes on to reject: "\"PoP\" is not supported".
	schemeRejectedRe = prefilter.MustCompile(`(?i)^\W{0,3}\s*(?:(?:scheme|header)\s+)?(?:is|are|was|will be|would be)?\s*(?:not|never|wrong|invalid|rejected|unsupported|deprecated|fails?)\b`)
	schemeNegationRe = prefilter.MustCompile(`(?i)\b(?:not|never|no|isn'?t|instead of|rather than|nor|reject\w*|avoid|wrong)\b[^"'` + "`" + `“‘]{0,20}$`)
)

// checkSchemeText reports comments and document prose that teach "PoP" as
// the Authorization scheme of an mTLS PoP token: a header written out
// ("Authorization: PoP <token>") or a quoted "PoP" a sentence about the
// scheme recommends (not one it rejects).
func checkSchemeText(p *Pass, v *source.View) {
	judge := func(n, off int, text string) {
		if !lowerHas(text, "pop") || lowerHas(text, mtlsPopTokenType) || strings.Contains(text, "TokenType") || v.May(n, source.TrigShrWord) && isShrWords(text) {
			return
		}
		col := -1
		if m := schemeHeaderTextRe.FindStringSubmatchIndex(text); m != nil {
			col = m[2]
		} else if isSchemeWord(text) {
			for _, q := range quotedSchemeRe.FindAllStringSubmatchIndex(text, -1) {
				if !schemeNegationRe.MatchString(text[:q[0]]) && !schemeRejectedRe.MatchString(text[q[1]:]) {
					col = q[4]
					break
				}
			}
		}
		if col < 0 {
			return
		}
		p.Report(Finding{
			Line:     n,
			Column:   off + col + 1,
			Severity: Warning,
			Message:  `This text gives "PoP" as the Authorization scheme of an mTLS PoP token: the scheme is the token type ("mtls_pop"), which resources that check the binding require; say so, and send result.TokenType.`,
		})
	}
	if v.IsMarkdown() && !source.ChangelogDoc.MatchString(v.Path()) {
		for n := 1; n <= v.Len(); n++ {
			if v.Added(n) && !v.BadExample(n) && !v.IsCodeLine(n) && v.HasFold(n, source.TrigPop) {
				judge(n, 0, v.Text(n))
			}
		}
	}
	for _, c := range v.Comments() {
		if !v.Added(c.Line) || v.BadExample(c.Line) || !v.May(c.Line, source.TrigPop) {
			continue // judge needs a "pop"
		}
		if source.LibraryCode(v) && !strings.Contains(strings.ToLower(c.Text), "mtls") && !mtlsUnit(v, c) {
			continue // library code documents every scheme: judge only what speaks of mTLS
		}
		line := v.Text(c.Line)
		off := c.Col - 1
		if c.Col >= 1 && c.Col <= len(line) {
			if k := strings.Index(line[c.Col-1:], c.Text); k >= 0 {
				off += k
			}
		}
		judge(c.Line, off, c.Text)
	}
}

var bareIdentRe = prefilter.MustCompile(`^(?:this\.)?[A-Za-z_]\w*$`)

var accessTokenOfRe = prefilter.MustCompile(`([A-Za-z_]\w*)\s*[?!]?\.\s*AccessToken\b`)

// fromMtlsPop reports whether token expression tok, used on line n, is the
// access token of an mTLS PoP result: one acquired with
// WithMtlsProofOfPossession, or one whose TokenType the code checks is
// "mtls_pop". It follows one local or field (var t = result.AccessToken;
// _accessToken = authResult.AccessToken), looking in the member around n
// and, for a name assigned elsewhere (a field, a variable of an earlier
// block of the same document), in the file's whole code, where every
// assignment of the result must be an mTLS PoP one.
func fromMtlsPop(v *source.View, n int, tok string) bool {
	scope := ""
	if sc, ok := v.ScopeAt(n); ok {
		scope = v.ScopeSpan(sc).Text
	}
	file := ""
	fileCode := func() string {
		if file == "" {
			var b strings.Builder
			for _, l := range v.CodeLines() {
				b.WriteString(v.Code(l.N))
				b.WriteByte('\n')
			}
			file = b.String()
		}
		return file
	}
	res, text := "", scope
	if m := accessTokenOfRe.FindStringSubmatch(tok); m != nil {
		res = m[1]
	} else if id := strings.TrimPrefix(strings.TrimSpace(tok), "this."); bareIdentRe.MatchString(id) {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(id) + `\s*=\s*([A-Za-z_]\w*)\s*[?!]?\.\s*AccessToken\b`)
		if m := re.FindStringSubmatch(scope); m != nil {
			res = m[1]
		} else if m := re.FindStringSubmatch(fileCode()); m != nil {
			res, text = m[1], fileCode()
		}
	}
	if res == "" {
		return false
	}
	if mtlsResult(res, text, text != scope) || inMtlsPopBranch(v, n, res) {
		return true
	}
	if text != scope {
		return false
	}
	// The result declared or assigned in this member (a parameter, a
	// local) is this member's: other members' results say nothing of it.
	if regexp.MustCompile(`\b` + regexp.QuoteMeta(res) + `\s*(?:=[^=>]|[,)])`).MatchString(scope) {
		return false
	}
	return mtlsResult(res, fileCode(), true)
}

// inMtlsPopBranch reports whether line n lies in the branch of an if
// whose condition says result res is an mTLS PoP token
// (if (res.TokenType == "mtls_pop") { ... }), within the member.
func inMtlsPopBranch(v *source.View, n int, res string) bool {
	sc, ok := v.ScopeAt(n)
	if !ok {
		return false
	}
	q := regexp.QuoteMeta(res)
	tt := `\b` + q + `\s*[?!]?\.\s*TokenType\b`
	mt := `(?:"mtls_pop"|\w*\.?MtlsPoPTokenType)`
	cond := regexp.MustCompile(`\bif\s*\(\s*(?:` + tt + `\s*==\s*` + mt + `|` + mt + `\s*==\s*` + tt + `|string\s*\.\s*Equals\s*\(\s*` + tt + `\s*,\s*` + mt + `)\s*[),]`)
	for h := n; h >= sc.Start; h-- {
		if !strings.Contains(v.Code(h), "if") || !cond.MatchString(v.Code(h)) {
			continue
		}
		if h == n {
			return true // if (...) header = ...; on one line
		}
		end, ok := v.BlockEnd(h)
		return ok && n <= end
	}
	return false
}

// mtlsResult reports whether result variable res is an mTLS PoP result in
// code text: assigned from a WithMtlsProofOfPossession acquisition, or its
// TokenType asserted or guarded to be "mtls_pop". With all set, every acquisition
// assigned to res in text must be an mTLS PoP one.
func mtlsResult(res, text string, all bool) bool {
	q := regexp.QuoteMeta(res)
	// A guard or an assertion, not a branch: "if (r.TokenType != "mtls_pop")
	// throw", Assert.AreEqual("mtls_pop", r.TokenType). After
	// "if (r.TokenType == "mtls_pop") ... else", "Bearer" is right.
	tt := `\b` + q + `\s*[?!]?\.\s*TokenType\b`
	mt := `(?:"mtls_pop"|\w*\.?MtlsPoPTokenType)`
	checked := regexp.MustCompile(tt + `\s*!=\s*` + mt + `|` + mt + `\s*!=\s*` + tt +
		`|\bAssert\w*\s*\.\s*(?:AreEqual|Equal)\s*\(\s*(?:` + mt + `\s*,\s*` + tt + `|` + tt + `\s*,\s*` + mt + `)` +
		`|` + tt + `\s*\.\s*Should\s*\(\s*\)\s*\.\s*Be\s*\(\s*` + mt)
	isChecked := checked.MatchString(text)
	if isChecked && !all {
		return true
	}
	assign := regexp.MustCompile(`\b` + q + `\s*=\s*([^;]*)`)
	mtls, other := 0, 0
	for _, a := range assign.FindAllStringSubmatch(text, -1) {
		switch {
		case withMtlsPopRe.MatchString(a[1]):
			mtls++
		case strings.Contains(a[1], "ExecuteAsync") || strings.Contains(a[1], "Acquire"):
			other++
		}
	}
	if all {
		// Across members or blocks a name may be reused: every
		// acquisition it holds must be an mTLS PoP one.
		return (mtls > 0 || isChecked) && other == 0
	}
	return mtls > 0
}
