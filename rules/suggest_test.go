package rules_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"
	"github.com/reviewbot/reviewbot/rules/source"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// TestSuggestionsFix runs every rule on every fixture and, for each
// finding that carries a suggestion, applies it: the line must change, on
// a C# code line only inside string literals and comments (the suggestion
// cannot break the build), and the rule must no longer fire on it.
func TestSuggestionsFix(t *testing.T) {
	root := "testdata"
	seen := 0
	for _, name := range fixtureNames(t, root) {
		fx := loadFixture(t, root, name)
		src := []byte(strings.Join(fx.after, "\n") + "\n")
		f := fx.file(t)
		v := NewView(&Pass{File: f, Source: src})
		for _, fd := range review.Check(All, f, src, fx.fl, []*diff.File{f}) {
			if fd.Suggestion == "" {
				continue
			}
			seen++
			old := fx.after[fd.Line-1]
			if fd.Suggestion == old {
				t.Errorf("%s:%d: suggestion does not change the line", name, fd.Line)
			}
			if v.IsCodeLine(fd.Line) && CodeSkeleton(old) != CodeSkeleton(fd.Suggestion) {
				t.Errorf("%s:%d: suggestion changes code outside string literals and comments:\n  %s\n  %s", name, fd.Line, old, fd.Suggestion)
			}
			fixed := append([]string{}, fx.after...)
			fixed[fd.Line-1] = fd.Suggestion
			nf := difftest.Added(fx.path, fixed...)
			for _, again := range review.Check([]*Rule{ByID(fd.Rule)}, nf, []byte(strings.Join(fixed, "\n")+"\n"), fx.fl, []*diff.File{nf}) {
				if again.Line == fd.Line {
					t.Errorf("%s:%d: %s still fires after its suggestion %q: %s", name, fd.Line, fd.Rule, fd.Suggestion, again.Message)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no fixture finding carries a suggestion")
	}
}

// TestSuggestions pins the exact suggestion of each rule that makes one,
// and that none is made where the fix is not certain.
func TestSuggestions(t *testing.T) {
	cases := []struct {
		name, path string
		fl         flow.Flow
		lines      []string
		line       int
		rule, want string
	}{
		{
			name: "token type in an assertion", path: "tests/MtlsPopTests.cs",
			lines: []string{
				"public async Task T()",
				"{",
				"    var result = await app.AcquireTokenForClient(s).WithMtlsProofOfPossession().ExecuteAsync();",
				`    Assert.AreEqual("pop", result.TokenType, "type");`,
				"}",
			},
			line: 4, rule: "token-type", want: `    Assert.AreEqual("mtls_pop", result.TokenType, "type");`,
		},
		{
			name: "token type in a verbatim literal gets none", path: "tests/MtlsPopTests.cs",
			lines: []string{
				"public async Task T()",
				"{",
				"    var result = await app.AcquireTokenForClient(s).WithMtlsProofOfPossession().ExecuteAsync();",
				`    Assert.AreEqual(@"pop", result.TokenType);`,
				"}",
			},
			line: 4, rule: "token-type", want: "",
		},
		{
			name: "token type in an XML doc", path: "src/MtlsPopTokenAcquirer.cs",
			lines: []string{
				`/// Must have TokenType = "pop" and a BindingCertificate.`,
				"public void Use(AuthenticationResult r) { }",
			},
			line: 1, rule: "token-type", want: `/// Must have TokenType = "mtls_pop" and a BindingCertificate.`,
		},
		{
			name: "token type in prose", path: "docs/mtls-pop.md",
			lines: []string{
				"# mTLS PoP",
				"mTLS PoP tokens have `TokenType = \"pop\"`, not \"Bearer\".",
			},
			line: 2, rule: "token-type", want: "mTLS PoP tokens have `TokenType = \"mtls_pop\"`, not \"Bearer\".",
		},
		{
			name: "exchange audience in case", path: "tests/FicTests.cs", fl: flow.FIC,
			lines: []string{`    .AcquireTokenForClient(new[] { "api://AzureAdTokenExchange/.default" })`},
			line:  1, rule: "exchange-audience", want: `    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })`,
		},
		{
			name: "exchange audience as a scope without /.default", path: "tests/FicTests.cs", fl: flow.FIC,
			lines: []string{`    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange" })`},
			line:  1, rule: "exchange-audience", want: `    .AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" })`,
		},
		{
			name: "exchange audience inside a longer literal gets none", path: "tests/FicTests.cs", fl: flow.FIC,
			lines: []string{`    Log("audience api://AzureAdTokenExchange used");`},
			line:  1, rule: "exchange-audience", want: "",
		},
		{
			name: "exchange audience in prose", path: "docs/fic.md", fl: flow.FIC,
			lines: []string{"# FIC", "Leg 1 targets `api://AzureAdTokenExchange`."},
			line:  2, rule: "exchange-audience", want: "Leg 1 targets `api://AzureADTokenExchange`.",
		},
		{
			name: "misspelt jwt-pop", path: "tests/FicTests.cs", fl: flow.FIC,
			lines: []string{`    Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt_pop", clientAssertionType);`},
			line:  1, rule: "assertion-type", want: `    Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-pop", clientAssertionType);`,
		},
		{
			name: "scheme in a header value", path: "src/MtlsPopCaller.cs",
			lines: []string{`    request.Headers.Authorization = new AuthenticationHeaderValue("PoP", result.AccessToken);`},
			line:  1, rule: "pop-auth-scheme", want: `    request.Headers.Authorization = new AuthenticationHeaderValue("mtls_pop", result.AccessToken);`,
		},
		{
			name: "scheme in an interpolated header", path: "src/MtlsPopCaller.cs",
			lines: []string{`    request.Headers.Add("Authorization", $"pop {token}");`},
			line:  1, rule: "pop-auth-scheme", want: `    request.Headers.Add("Authorization", $"mtls_pop {token}");`,
		},
		{
			name: "two quoted pops: not certain which", path: "docs/mtls-pop.md",
			lines: []string{
				"# mTLS PoP",
				"The token type is \"pop\" (or 'pop' in logs).",
			},
			line: 2, rule: "token-type", want: "",
		},
	}
	for _, c := range cases {
		f := difftest.Added(c.path, c.lines...)
		src := []byte(strings.Join(c.lines, "\n") + "\n")
		var got []Finding
		for _, fd := range review.Check(All, f, src, c.fl, []*diff.File{f}) {
			if fd.Rule == c.rule && fd.Line == c.line {
				got = append(got, fd)
			}
		}
		if len(got) != 1 {
			t.Errorf("%s: %d %s findings on line %d, want 1: %v", c.name, len(got), c.rule, c.line, got)
			continue
		}
		if got[0].Suggestion != c.want {
			t.Errorf("%s: suggestion\n  %q\nwant\n  %q", c.name, got[0].Suggestion, c.want)
		}
	}
}

// TestUnsafeSuggestionsDropped checks review.Check's guard with a rule that
// suggests anything: a change to code outside literals, a fence, a line
// break, a secret, a multi-line finding lose their suggestion; a literal
// change keeps it.
func TestUnsafeSuggestionsDropped(t *testing.T) {
	line := `    var s = Call("abc", x);`
	cases := []struct {
		sugg    string
		endLine int
		keep    bool
	}{
		{`    var s = Call("xyz", x);`, 0, true},
		{`    var s = Call("abc", x) // note`, 0, false},
		{`    var s = Call("abc", y);`, 0, false},
		{`    var s = Call("abc");`, 0, false},
		{`    var s = Call("abc" + ", x);`, 0, false},
		{"    var s = Call(\"```\", x);", 0, false},
		{"    var s = Call(\"a\nb\", x);", 0, false},
		{`    var s = Call("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", x);`, 0, false},
		{`    var s = Call("xyz", x);`, 2, false},
		{line, 0, false},
	}
	for _, c := range cases {
		r := &Rule{ID: "fake", Severity: Notice, Check: func(p *Pass) {
			p.Report(Finding{Line: 1, EndLine: c.endLine, Message: "m", Suggestion: c.sugg})
		}}
		f := difftest.Added(filepath.ToSlash("src/A.cs"), line, "}")
		fs := review.Check([]*Rule{r}, f, nil, flow.None, []*diff.File{f})
		if len(fs) != 1 {
			t.Fatalf("%q: %d findings", c.sugg, len(fs))
		}
		if kept := fs[0].Suggestion != ""; kept != c.keep {
			t.Errorf("suggestion %q (end line %d): kept = %v, want %v", c.sugg, c.endLine, kept, c.keep)
		}
	}
}

// FuzzLiteralSuggestion holds literalSuggestion to its promise on any C#
// line: a suggestion replaces one literal's text and keeps the rest of the
// line byte for byte, so its code outside literals and comments is the
// line's, and it never panics.
func FuzzLiteralSuggestion(f *testing.F) {
	for _, s := range []string{
		`Assert.AreEqual("pop", result.TokenType);`,
		`var s = @"a""b" + "c\"d" + $"{x}";`,
		`x = "a" /* "b" */ + 'c' + "d"; // "e"`,
		`"""raw""" + "x"`,
		`"unterminated`,
		"",
	} {
		f.Add(s, "mtls_pop")
	}
	f.Fuzz(func(t *testing.T, line, value string) {
		if len(line) > 1000 || strings.ContainsAny(line, "\r\n") {
			return
		}
		fl := difftest.Added("src/A.cs", line)
		v := NewView(&Pass{File: fl, Source: []byte(line + "\n")})
		for _, lit := range source.Literals(v.Code(1)) {
			s := LiteralSuggestion(v, 1, lit, value)
			if s == "" {
				continue
			}
			start, end := lit.Col, lit.Col+len(lit.Value)
			if s != line[:start]+value+line[end:] {
				t.Fatalf("suggestion %q is not %q with literal %q replaced by %q", s, line, lit.Value, value)
			}
			if CodeSkeleton(s) != CodeSkeleton(line) {
				t.Fatalf("suggestion %q changes code outside literals of %q", s, line)
			}
		}
	})
}
