package review

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
	"github.com/reviewbot/reviewbot/internal/prefilter"
)

var seedGlobs = []string{"**/*mtls*/**", "**/*pop*/**", "**/ClientCredentialsMtlsPopTests.cs", "**/ManagedIdentity*/**"}

func TestScope(t *testing.T) {
	renamed := difftest.File("src/Other/Thing.cs", "+var x = 1;")
	renamed.OldPath, renamed.Status = "src/mtls-helpers/Thing.cs", diff.Renamed
	removed := difftest.File("src/mtls/Gone.cs", "-var x = 1;")
	removed.NewPath, removed.Status = "", diff.Removed
	bin := &diff.File{OldPath: "assets/logo.png", NewPath: "assets/logo.png", Status: diff.Modified, Binary: true}

	tests := []struct {
		name          string
		file          *diff.File
		caseSensitive bool
		inScope       bool
		reason        string
	}{
		{"glob on a directory", difftest.File("src/mtls/Handler.cs", "+x"), false, true, "glob **/*mtls*/**"},
		{"case-insensitive by default: MtlsPop directory", difftest.File("src/Microsoft.Identity.Client.MtlsPop/Ext.cs", "+x"), false, true, "glob **/*mtls*/**"},
		{"case-sensitive restores the literal miss", difftest.File("src/Microsoft.Identity.Client.MtlsPop/Ext.cs", "+x"), true, false, "no applies_to glob matches"},
		{"file name glob", difftest.File("tests/HeadlessTests/ClientCredentialsMtlsPopTests.cs", "+x"), true, true, "glob **/ClientCredentialsMtlsPopTests.cs"},
		{"managed identity directory", difftest.File("src/ManagedIdentity/V2/Source.cs", "+x"), false, true, "glob **/ManagedIdentity*/**"},
		{"doublestar: X/** also matches a file named X", difftest.File("tests/ManagedIdentityImdsV2Tests.cs", "+x"), false, true, "glob **/ManagedIdentity*/**"},
		{"no glob matches a plain file", difftest.File("src/Client/Region.cs", "+x"), false, false, "no applies_to glob matches"},
		{"old path of a rename", renamed, false, true, "glob **/*mtls*/** (old path)"},
		{"removed file", removed, false, true, "glob **/*mtls*/**"},
		{"content: mTLS PoP API in an added line", difftest.File("src/Client/Builder.cs", "+    .WithMtlsProofOfPossession()"), false, true, "content WithMtlsProofOfPossession (line 1)"},
		{"content: removed line counts", difftest.File("src/Client/Builder.cs", " a", "-new ClientSignedAssertion()"), false, true, "content ClientSignedAssertion (line 2)"},
		{"content: lower-case audience", difftest.File("tests/Fic.cs", "+const string A = \"api://AzureAdTokenExchange\";"), false, true, "content AzureADTokenExchange"},
		{"content: context lines do not count", difftest.File("src/Client/Builder.cs", " .WithMtlsProofOfPossession()", "+var x = 1;"), false, false, "no applies_to glob matches"},
		{"content: jwt-pop", difftest.File("src/OAuth2/Assertion.cs", "+\"urn:ietf:params:oauth:client-assertion-type:jwt-pop\""), false, true, "content jwt-pop"},
		{"content: an MtlsPop identifier", difftest.File("src/Client/Parameters.cs", "+    internal bool IsMtlsPopRequested { get; set; }"), false, true, "content MtlsPop identifier"},
		{"content: the words mTLS PoP", difftest.File("src/Client/Logger.cs", "+    // Sends the mTLS PoP token to the resource"), false, true, "content mTLS PoP"},
		{"content: Proof-of-Possession with a non-breaking hyphen", difftest.File("docs/tokens.md", "+Tokens bound by Proof\u2011of\u2011Possession"), false, true, "content Proof-of-Possession"},
		{"content: mtlsauth host", difftest.File("src/Instance/Region.cs", "+host = $\"{region}.mtlsauth.microsoft.com\";"), false, true, "content mtlsauth"},
		{"out of scope", difftest.File("README.md", "+Hello"), false, false, "no applies_to glob matches and no mTLS PoP API in the changed lines"},
		{"binary out of scope says so", bin, false, false, "binary file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := newScoper(seedGlobs, tt.caseSensitive)
			require.NoError(t, err)
			d := sc.decide(tt.file, seedGlobs)
			assert.Equal(t, tt.inScope, d.InScope, d.Reason)
			assert.Contains(t, d.Reason, tt.reason)
			assert.NotContains(t, d.Reason, "scope", "renderers say in or out of scope themselves")
			assert.Equal(t, tt.file.Path(), d.Path)
		})
	}
}

func TestScopeKeepsOldPathOfRename(t *testing.T) {
	f := difftest.File("src/mtls/New.cs", "+x")
	f.OldPath, f.Status = "src/mtls/Old.cs", diff.Renamed
	sc, err := newScoper(seedGlobs, false)
	require.NoError(t, err)
	d := sc.decide(f, seedGlobs)
	assert.Equal(t, "src/mtls/Old.cs", d.OldPath)
	assert.Equal(t, diff.Renamed, d.Status)
}

func TestInvalidGlob(t *testing.T) {
	_, err := newScoper([]string{"src/[mtls"}, false)
	assert.ErrorContains(t, err, `applies_to glob "src/[mtls" is not a valid pattern`)
}

// FuzzSurfaceHint holds the one-pass surfaceHint to the ContainsFold loop
// over surfaceHints it replaces.
func FuzzSurfaceHint(f *testing.F) {
	for _, s := range []string{"var a = new ClientSignedAssertion();", "mTLS PoP", "Proof-of-Possession", "TOKENEXCHANGE", "jwt-po", "\xffmtls", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for _, h := range surfaceHints {
			want = want || prefilter.ContainsFold(s, h)
		}
		if got := surfaceHint(s); got != want {
			t.Fatalf("surfaceHint(%q) = %v, want %v", s, got, want)
		}
	})
}
