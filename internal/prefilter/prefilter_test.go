package prefilter

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestLiterals(t *testing.T) {
	for _, tc := range []struct {
		expr          string
		exact, folded []string
		ok            bool
	}{
		{`\.\s*WithCertificate\s*\(`, []string{"WithCertificate"}, nil, true},
		{`\bClientSignedAssertion\b|\bTokenBindingCertificate\b`, []string{"ClientSignedAssertion", "TokenBindingCertificate"}, nil, true},
		{`(?i)\bmtlsauth\b`, nil, []string{"mtlsauth"}, true},
		{`(?i)\bWithAzureRegion\b|\bregion\b|AZURE_REGION`, nil, []string{"withazureregion", "region", "azure_region"}, true},
		{`(?i)-->`, []string{"-->"}, nil, true},
		{`(ab)+c?`, []string{"ab"}, nil, true},
		{`a{2,}`, []string{"a"}, nil, true},
		{`\w+`, nil, nil, false},
		{`foo|\d`, nil, nil, false},
		{`(?i)straße`, nil, nil, false},
		{`x?`, nil, nil, false},
	} {
		r := MustCompile(tc.expr)
		exact, folded, ok := r.Literals()
		if ok != tc.ok || !slices.Equal(exact, tc.exact) || !slices.Equal(folded, tc.folded) {
			t.Errorf("%s: literals %q %q %v, want %q %q %v", tc.expr, exact, folded, ok, tc.exact, tc.folded, tc.ok)
		}
	}
}

// TestMayMatch pins what the guard rejects without the engine, so that a
// guard that let everything through would fail.
func TestMayMatch(t *testing.T) {
	for _, tc := range []struct {
		expr, s string
		want    bool
	}{
		{`\.\s*WithCertificate\s*\(`, "app.WithClientAssertion(x)", false},
		{`\.\s*WithCertificate\s*\(`, "// WithCertificate is gone", true},
		{`(?i)\b(certificate|cert)\s*=`, "BindingCertificate = c", false},
		{`(?i)\b(certificate|cert)\s*=`, "BindingCertificate = cert;", true},
		{`(?i)\b(certificate|cert)\s*=`, "Cert = x", true},
		{`\b_x`, "a_x", false},
		{`\b_x`, "a _x", true},
		{`(?i)\bmtls`, "x.MTLS", true},
		{`\w+`, "anything", true},
	} {
		if got := MustCompile(tc.expr).MayMatch(tc.s); got != tc.want {
			t.Errorf("%s MayMatch(%q) = %v, want %v", tc.expr, tc.s, got, tc.want)
		}
		checkSame(t, tc.expr, tc.s)
	}
}

func TestContainsFold(t *testing.T) {
	for _, tc := range []struct {
		s, lower string
		want     bool
	}{
		{"var Secret = x", "secret", true},
		{"SECRET", "secret", true},
		{"secre", "secret", false},
		{"", "a", false},
		{"abc", "", true},
		{"xx[log]", "[log]", true},
		{"x{LOG}", "[log]", false},
	} {
		if got := ContainsFold(tc.s, tc.lower); got != tc.want {
			t.Errorf("ContainsFold(%q, %q) = %v, want %v", tc.s, tc.lower, got, tc.want)
		}
	}
}

// TestGuardIsExact pins the cases where a guard would be wrong if it were
// naive: Unicode folding (the Kelvin sign, the long s) and invalid UTF-8.
func TestGuardIsExact(t *testing.T) {
	for _, tc := range []struct{ expr, s string }{
		{`(?i)token`, "to\u212Aen"},
		{`(?i)secret`, "\u017Fecret"},
		{"\ufffd", "a\xffb"},
		{`(?i)mtls`, "MTLS"},
		{`\bAssert\w*\s*\.`, "Assert.IsNotNull"},
	} {
		checkSame(t, tc.expr, tc.s)
	}
}

func checkSame(t *testing.T, expr, s string) {
	t.Helper()
	plain, err := regexp.Compile(expr)
	if err != nil {
		return
	}
	// As MustCompile makes it, without keeping it for CompileAll; the
	// second one has its engine compiled before its guard is read.
	lazy, engineFirst := &Regexp{expr: expr}, &Regexp{expr: expr}
	engineFirst.engine()
	for _, g := range []*Regexp{lazy, engineFirst} {
		if got, want := g.MatchString(s), plain.MatchString(s); got != want {
			t.Fatalf("%q on %q: guarded MatchString %v, plain %v", expr, s, got, want)
		}
		if got, want := g.FindAllStringSubmatchIndex(s, -1), plain.FindAllStringSubmatchIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%q on %q: guarded matches %v, plain %v", expr, s, got, want)
		}
		if got, want := g.ReplaceAllString(s, "<$0>"), plain.ReplaceAllString(s, "<$0>"); got != want {
			t.Fatalf("%q on %q: guarded replace %q, plain %q", expr, s, got, want)
		}
	}
}

// FuzzGuard checks that the guard never changes an answer: for any
// expression and text, the guarded and the plain regexp agree.
func FuzzGuard(f *testing.F) {
	for _, seed := range [][2]string{
		{`(?i)\bsecret\b|pass(word)?`, "my PASSWORD is"},
		{`\.\s*WithMtlsProofOfPossession\s*\(|\bWithMtlsProofOfPossession\s*\(\s*this\b`, "x.WithMtlsProofOfPossession()"},
		{`(?i)k+`, "\u212A"},
		{`(a|b)+c{2,3}`, "ababcc"},
		{`(?i)[a-z]+ss`, "STRASSE"},
		{`(?i)\b(certificate|cert)\s*(=[^=]|\()`, "BindingCertificate cert("},
		{`\b(a|\bb)c+\b`, "x.bcc"},
		{`x*|(?i)é`, "É"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, expr, s string) {
		checkSame(t, expr, s)
	})
}

// FuzzContainsFold checks the ASCII-folding search against lower-casing
// both sides, on ASCII texts (where the two agree by definition).
func FuzzContainsFold(f *testing.F) {
	f.Add("Hello WORLD", "world")
	f.Add("aAaAb", "aab")
	f.Add("xx", "xxx")
	f.Fuzz(func(t *testing.T, s, sub string) {
		if !IsASCII(s) || !IsASCII(sub) {
			return
		}
		lower := strings.ToLower(sub)
		if got, want := ContainsFold(s, lower), strings.Contains(strings.ToLower(s), lower); got != want {
			t.Fatalf("ContainsFold(%q, %q) = %v, want %v", s, lower, got, want)
		}
	})
}

// TestMustCompileIsLazy: a package-level Regexp costs nothing until it is
// used, a bad expression panics at first use as regexp.MustCompile does
// at init, and CompileAll finds it first so that a test fails, not a run.
func TestMustCompileIsLazy(t *testing.T) {
	good := MustCompile(`(?i)\bmtls`)
	if got := good.String(); got != `(?i)\bmtls` {
		t.Fatalf("String() = %q before compiling", got)
	}
	if good.MatchString("no literal here") || good.FindString("x.WithCertificate(c)") != "" {
		t.Fatal("a text without the literal matched")
	}
	if good.re != nil {
		t.Fatal("the engine was compiled although no text passed the guard")
	}
	bad := MustCompile(`(unclosed`)
	err := CompileAll()
	if err == nil || !strings.Contains(err.Error(), `prefilter.MustCompile("(unclosed")`) || strings.Contains(err.Error(), "mtls") {
		t.Fatalf("CompileAll() = %v, want an error naming only (unclosed", err)
	}
	if good.re == nil {
		t.Fatal("CompileAll left a good expression uncompiled")
	}
	if !good.MatchString("x.MTLS") || good.MatchString("x.NotIt") {
		t.Fatal("the lazily compiled expression answers wrong")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "(unclosed") {
			t.Fatalf("using a bad expression: recover() = %v, want a panic naming it", r)
		}
	}()
	bad.MatchString("x")
}

// TestLazyConcurrent: goroutines that use one Regexp for the first time
// at once all get the compiled expression (run with -race).
func TestLazyConcurrent(t *testing.T) {
	r := MustCompile(`\bWithCertificate\s*\(`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !r.MatchString("b.WithCertificate(c)") {
				t.Error("no match")
			}
		}()
	}
	wg.Wait()
}
