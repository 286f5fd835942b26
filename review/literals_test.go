package review

import (
	"regexp"
	"strings"
	"testing"
)

// literalRE is the regexp blankLiterals replaced: a C# string literal,
// regular or verbatim.
var literalRE = regexp.MustCompile(`@?\$?"(?:[^"\\]|\\.)*"`)

func TestBlankLiterals(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`Log("token " + t);`, `Log("" + t);`},
		// As literalRE does, a backslash escapes even in a verbatim string.
		{`var p = @"C:\dir\";`, `var p = @"C:\dir\";`},
		{`var p = @"C:\dir";`, `var p = "";`},
		{`x = $"a{b}c" + $@"d";`, `x = "" + $"";`},
		{`s = "a\"b";`, `s = "";`},
		{`s = "open`, `s = "open`},
		{`no literal`, `no literal`},
		{`"a" "b"`, `"" ""`},
	} {
		if got := blankLiterals(tc.in); got != tc.want {
			t.Errorf("blankLiterals(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzBlankLiterals holds the byte loop to the regexp it replaces.
func FuzzBlankLiterals(f *testing.F) {
	for _, s := range []string{`a("x\"y", @"z\", $"w")`, `"\`, "\"a\\\n\"", `@$"x"`, `$@"x"`, `"é\é"`, "\"\xff\\\xff\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := blankLiterals(s), literalRE.ReplaceAllString(s, `""`); got != want {
			t.Fatalf("blankLiterals(%q) = %q, the regexp %q", s, got, want)
		}
	})
}

// FuzzSubjectMasks holds the evaluator's line masks to the expressions
// they stand for: a line whose mask in subjectGuards' set misses a topic's mask
// is one its about expression does not match, so skipping it changes
// nothing.
func FuzzSubjectMasks(f *testing.F) {
	for _, s := range []string{
		`    Assert.AreEqual("mtls_pop", result.TokenType);`, `app.WithCertificate(cert, sendX5C: true)`,
		`logger.LogInformation($"token {t}");`, `"api://AzureADTokenExchange/.default"`,
		"client_assertion_type=jwt-pop", "AZURE_REGION", "mtlsauth\u212A", "\xffregion",
	} {
		f.Add(s)
	}
	set, masks := subjectGuards()
	if len(masks) < len(subjects)-1 {
		f.Fatalf("%d of %d subjects have a mask: the one without is the flow's", len(masks), len(subjects))
	}
	f.Add(`Log("x"), "y"`)
	f.Fuzz(func(t *testing.T, s string) {
		m := set.Scan(s)
		for topic, mask := range masks {
			if m&mask == 0 && subjects[topic].about.Plain().MatchString(s) {
				t.Fatalf("%s: %q matches, but its mask %b misses %b", topic, s, m, mask)
			}
		}
		// A line's code mask is its blanked code's, though setCode skips
		// the second pass on a line whose text holds no literal.
		l := srcLine{text: s}
		l.setCode(set, m)
		if want := set.Scan(l.code); l.codeLits != want {
			t.Fatalf("%q: code %q has mask %b, scan gives %b", s, l.code, want, l.codeLits)
		}
	})
}

// TestSubjectGuardsHoldNoQuote pins what srcLine.setCode assumes when it
// skips the code's scan: blanking a string literal leaves "" behind, so
// with no quote in any guard literal the blanking can join no new one.
func TestSubjectGuardsHoldNoQuote(t *testing.T) {
	for _, s := range subjects {
		if s.about == nil {
			continue
		}
		for _, l := range s.about.FoldedLiterals() {
			if strings.Contains(l, `"`) {
				t.Errorf("guard literal %q holds a quote: srcLine.setCode must scan every line's code", l)
			}
		}
	}
}
