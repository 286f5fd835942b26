package flow

import (
	"regexp"
	"testing"
)

// The plain regexps the byte loops of matchers.go stand for.
var (
	plainDocVanilla = regexp.MustCompile(`(?i)\bvanilla( mTLS PoP)? flow\b`)
	plainDocFIC     = regexp.MustCompile(`(?i)\bFIC two-leg\b|\btwo-leg (FIC|flow|exchange)\b|\bFIC flow\b`)
	plainDocTwoLeg  = regexp.MustCompile(`(?i)\btwo-leg (FIC|flow|exchange)\b`)
	plainAcquire    = regexp.MustCompile(`\bAcquireTokenFor(Client|ManagedIdentity)\b`)
	plainPopExt     = regexp.MustCompile(`WithMtlsProofOfPossession\s*\(\s*(this\s+)?(Acquire\w+ParameterBuilder|\)\s*->)`)
	plainDeclares   = regexp.MustCompile(`\b(AcquireTokenFor(Client|ManagedIdentity)ParameterBuilder)\b.*\bWithMtlsProofOfPossession\s*\(`)
)

func checkDocMatchers(t *testing.T, text string) {
	t.Helper()
	for _, m := range []struct {
		name string
		hand func(string) bool
		re   *regexp.Regexp
	}{
		{"docVanilla", docVanilla, plainDocVanilla},
		{"docFIC", docFIC, plainDocFIC},
		{"docTwoLeg", docTwoLeg, plainDocTwoLeg},
		{"popExtension", popExtension, plainPopExt},
		{"declaresPop", declaresPop, plainDeclares},
	} {
		if got, want := m.hand(text), m.re.MatchString(text); got != want {
			t.Fatalf("%s(%q) = %v, the regexp says %v", m.name, text, got, want)
		}
	}
	if got, want := acquireCall(text), plainAcquire.FindString(text); got != want {
		t.Fatalf("acquireCall(%q) = %q, the regexp finds %q", text, got, want)
	}
}

func TestDocMatchers(t *testing.T) {
	for _, text := range []string{
		"", "the vanilla flow", "The Vanilla mTLS PoP flow.", "vanilla flows", "avanilla flow", "vanilla  flow",
		"vanilla mtls pop flow_", "(vanilla flow)", "vanilla vanilla flow", "vanilla mTLS PoP",
		"FIC two-leg", "fic two-legged", "the FIC flow", "xfic flow", "two-leg FIC", "two-leg exchange!",
		"two-leg exchanges", "Two-Leg Flow", "two-leg", "fic  flow",
		"vanilla mTLſ PoP flow", "\u212a fic flow", "the FIC two-leg\u00e9", "\xffvanilla flow\xff",
		"app.AcquireTokenForClient(s)", "AcquireTokenForManagedIdentity", "xAcquireTokenForClient AcquireTokenForManagedIdentity(r)",
		"AcquireTokenForClientParameterBuilder", "AcquireTokenForAcquireTokenForClient", "_AcquireTokenForClient", "AcquireTokenFor",
		"AcquireTokenForClient\u00e9", "AcquireTokenForOnBehalfOf(x).AcquireTokenForClient()",
		"public static AcquireTokenForClientParameterBuilder WithMtlsProofOfPossession(this AcquireTokenForClientParameterBuilder b)",
		"WithMtlsProofOfPossession ( \t this\nAcquireXParameterBuilder", "WithMtlsProofOfPossession(thisAcquireXParameterBuilder",
		"WithMtlsProofOfPossession(AcquireParameterBuilder", "WithMtlsProofOfPossession(AcquireXParameterBuilde",
		"WithMtlsProofOfPossession() ->", "WithMtlsProofOfPossession(  )\t->x", "WithMtlsProofOfPossession(this ) ->",
		"WithMtlsProofOfPossession WithMtlsProofOfPossession(AcquireAParameterBuilder", "WithMtlsProofOfPossession(this",
		"AcquireTokenForManagedIdentityParameterBuilder x = b.WithMtlsProofOfPossession ();",
		"AcquireTokenForClientParameterBuilder\nWithMtlsProofOfPossession(", "xAcquireTokenForClientParameterBuilder WithMtlsProofOfPossession(",
		"AcquireTokenForClientParameterBuilderX AcquireTokenForClientParameterBuilder .WithMtlsProofOfPossession(",
		"AcquireTokenForClientParameterBuilder aWithMtlsProofOfPossession( WithMtlsProofOfPossession (",
		"AcquireTokenForClientParameterBuilder\nAcquireTokenForClientParameterBuilder WithMtlsProofOfPossession(",
	} {
		checkDocMatchers(t, text)
	}
}

func FuzzDocMatchers(f *testing.F) {
	for _, s := range []string{"the vanilla flow", "vanilla mTLS PoP flow", "FIC two-leg", "two-leg exchange", "fic flow", "vanilla mTLſ PoP flow", "a.AcquireTokenForClient(x)", "AcquireTokenForManagedIdentity(", "WithMtlsProofOfPossession(this AcquireTokenForClientParameterBuilder b)", "AcquireTokenForClientParameterBuilder b.WithMtlsProofOfPossession(", "WithMtlsProofOfPossession(() =>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDocMatchers(t, text)
	})
}
