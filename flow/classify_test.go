package flow

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		files    []*diff.File
		want     Flow
		variants []Variant
		signal   string // a substring of one evidence signal
	}{
		{
			name: "vanilla confidential client",
			files: []*diff.File{difftest.File("tests/HeadlessTests/ClientCredentialsMtlsPopTests.cs",
				"+            var result = await app.AcquireTokenForClient(new[] { \"https://vault.azure.net/.default\" })",
				"+                .WithMtlsProofOfPossession()",
				"+                .ExecuteAsync();")},
			want: Vanilla, variants: []Variant{ConfidentialClient}, signal: "AcquireTokenForClient(..).WithMtlsProofOfPossession()",
		},
		{
			name: "vanilla managed identity counts as vanilla",
			files: []*diff.File{difftest.File("tests/ImdsV2Tests.cs",
				"+            var result = await mi.AcquireTokenForManagedIdentity(Resource)",
				"+                .WithMtlsProofOfPossession()",
				"+                .ExecuteAsync().ConfigureAwait(false);")},
			want: Vanilla, variants: []Variant{ManagedIdentity},
		},
		{
			name: "deleted mTLS PoP code is no evidence",
			files: []*diff.File{difftest.File("src/Helpers/TokenHelper.cs",
				"-            var result = await app.AcquireTokenForClient(scopes)",
				"-                .WithMtlsProofOfPossession()",
				"-                .ExecuteAsync();",
				"+            // removed")},
			want: None,
		},
		{
			name: "a folder that names the flow is no evidence without mTLS PoP content",
			files: []*diff.File{difftest.File(".github/skills/msal-mtls-pop-vanilla/Sample.csproj",
				`-    <PackageReference Include="Microsoft.Identity.Client" Version="4.82.0" />`,
				`+    <PackageReference Include="Microsoft.Identity.Client" Version="4.82.1" />`)},
			want: None,
		},
		{
			name: "a folder that names the flow counts beside mTLS PoP content",
			files: []*diff.File{difftest.File(".github/skills/msal-mtls-pop-vanilla/SKILL.md",
				" Send the mTLS PoP token with its binding certificate.",
				"+if (result.BindingCertificate != null) { handler.ClientCertificates.Add(result.BindingCertificate); }")},
			want: Vanilla, signal: "path names the vanilla flow",
		},
		{
			name: "one passing mention of the vanilla flow in a FIC document is not both",
			files: []*diff.File{difftest.File("docs/fic.md",
				"+Unlike the vanilla flow, this exchanges an assertion.",
				"+var leg1 = await mi.AcquireTokenForManagedIdentity(\"api://AzureADTokenExchange\").WithMtlsProofOfPossession().ExecuteAsync();",
				"+    new ClientSignedAssertion { Assertion = leg1.AccessToken, TokenBindingCertificate = leg1.BindingCertificate }",
				"+Assert.AreEqual(\"urn:ietf:params:oauth:client-assertion-type:jwt-pop\", type);")},
			want: FIC,
		},
		{
			name: "leg 1 alone is FIC",
			files: []*diff.File{difftest.File("tests/FicTests.cs",
				"+        private const string TokenExchangeUrl = \"api://AzureADTokenExchange/.default\";")},
			want: FIC, signal: "leg 1 audience",
		},
		{
			name: "older tests spell the audience AzureAdTokenExchange",
			files: []*diff.File{difftest.File("tests/FicTests.cs",
				"+        private const string Audience = \"api://AzureAdTokenExchange\";")},
			want: FIC,
		},
		{
			name: "leg 2 alone is FIC",
			files: []*diff.File{difftest.File("tests/AssertionTests.cs",
				"+                    return Task.FromResult(new ClientSignedAssertion",
				"+                    {",
				"+                        Assertion = jwt,",
				"+                        TokenBindingCertificate = cert",
				"+                    });")},
			want: FIC, signal: "leg 2 assertion ClientSignedAssertion",
		},
		{
			name: "leg 1 acquisition with mTLS PoP is FIC, not vanilla",
			files: []*diff.File{difftest.File("tests/FicTests.cs",
				"+            var leg1 = await app.AcquireTokenForClient(new[] { TokenExchangeUrl })",
				"+                .WithMtlsProofOfPossession()",
				"+                .ExecuteAsync();")},
			want: FIC, signal: "for the exchange audience",
		},
		{
			name: "mTLS PoP acquisition on an app with a named assertion delegate is leg 2",
			files: []*diff.File{difftest.File("tests/ClientAssertionTests.cs",
				"+            var app = ConfidentialClientApplicationBuilder.Create(ClientId)",
				"+                        .WithClientAssertion(PopDelegate())",
				"+                        .Build();",
				"+            var result = await app.AcquireTokenForClient(Scopes)",
				"+                        .WithMtlsProofOfPossession()",
				"+                        .ExecuteAsync();")},
			want: FIC, signal: "leg 2 AcquireTokenForClient",
		},
		{
			name: "string assertion overload next to a vanilla call stays vanilla",
			files: []*diff.File{difftest.File("tests/MtlsPopTests.cs",
				"+                .WithClientAssertion(() => { return TestConstants.DefaultClientAssertion; })",
				"+                .Build();",
				"+            await app.AcquireTokenForClient(Scopes).WithMtlsProofOfPossession().ExecuteAsync();")},
			want: Vanilla,
		},
		{
			name: "both flows",
			files: []*diff.File{
				difftest.File("docs/vanilla.md", "+The vanilla flow acquires an mTLS PoP token in a single step."),
				difftest.File("docs/fic.md", "+The FIC two-leg flow exchanges an assertion for the resource token."),
			},
			want: Both,
		},
		{
			name: "bearer over mTLS is neither flow",
			files: []*diff.File{difftest.File("tests/CertTests.cs",
				"+            var result = await app.AcquireTokenForClient(Scopes)",
				"+                .WithCertificate(cert, new CertificateOptions { SendCertificateOverMtls = true })",
				"+                .ExecuteAsync();")},
			want: None, signal: "bearer over mTLS",
		},
		{
			name: "the word leg alone is no evidence",
			files: []*diff.File{difftest.File("src/ManagedIdentity/ImdsV2Source.cs",
				"+            // leg 2 of the IMDS handshake: post the CSR and read the certificate",
				"+            var response = await PostCsrAsync(csr).ConfigureAwait(false);")},
			want: None,
		},
		{
			name: "bearer managed identity is none",
			files: []*diff.File{difftest.File("tests/ManagedIdentityTests.cs",
				"+            var result = await mi.AcquireTokenForManagedIdentity(Resource).ExecuteAsync();")},
			want: None,
		},
		{
			name: "mentions in comments are not code evidence",
			files: []*diff.File{difftest.File("src/Client/Thing.cs",
				"+            // callers may use WithMtlsProofOfPossession() with AcquireTokenForClient",
				"+            // and ClientSignedAssertion",
				"+            return value;")},
			want: None,
		},
		{
			name: "test usage outweighs shared implementation",
			files: []*diff.File{
				difftest.File("src/Client/MtlsPopParametersInitializer.cs",
					"+            if (credential is IClientSignedAssertionProvider p)",
					"+            {",
					"+                ClientSignedAssertion a = await p.GetAsync().ConfigureAwait(false);",
					"+            }"),
				difftest.File("tests/MtlsPopTests.cs",
					"+            await app.AcquireTokenForClient(Scopes).WithMtlsProofOfPossession().ExecuteAsync();"),
			},
			want: Vanilla,
		},
		{
			name: "context lines decide when changed lines say nothing",
			files: []*diff.File{difftest.File("tests/HeadlessTests/ClientCredentialsMtlsPopTests.cs",
				" IConfidentialClientApplication assertionApp = ConfidentialClientApplicationBuilder.Create(AppId)",
				"-                .WithExperimentalFeatures()",
				"                 .WithClientAssertion((AssertionRequestOptions options, CancellationToken ct) =>")},
			want: FIC, signal: "leg 2 WithClientAssertion",
		},
		{
			name: "skill directory names the flow",
			files: []*diff.File{difftest.File(".github/skills/msal-mtls-pop-vanilla/SKILL.md",
				"-Call the resource with the token.",
				"+Call the resource with the mTLS PoP token.")},
			want: Vanilla, signal: "path names the vanilla flow",
		},
		{
			name: "an audience constant does not make a nearby acquisition leg 2",
			files: []*diff.File{difftest.File("tests/HeadlessTests/ClientCredentialsMtlsPopTests.cs",
				"         private const string TokenExchangeUrl = \"api://AzureADTokenExchange/.default\";",
				"+            var result = await app.AcquireTokenForClient(new[] { GraphScope })",
				"+                .WithMtlsProofOfPossession()",
				"+                .ExecuteAsync();")},
			want: Vanilla, signal: "AcquireTokenForClient(..).WithMtlsProofOfPossession()",
		},
		{
			name: "the audience named in the method makes its acquisition leg 2",
			files: []*diff.File{difftest.File("tests/E2e/ManagedIdentityFicTests.cs",
				"+            // --- Leg 1: MSI acquires an mTLS PoP token for api://AzureADTokenExchange ---",
				"+            AuthenticationResult leg1Result = await AcquireLeg1Async().ConfigureAwait(false);",
				"+            var leg2Result = await BuildConfApp(leg1Result)",
				"+                .AcquireTokenForClient(new[] { GraphScope })",
				"+                .WithMtlsProofOfPossession()",
				"+                .ExecuteAsync();")},
			want: FIC, signal: "leg 2 AcquireTokenForClient",
		},
		{name: "no files", files: nil, want: None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.files)
			assert.Equal(t, tt.want, got.Flow, "evidence: %+v", got.Evidence)
			assert.Equal(t, tt.want, got.Detected)
			if tt.variants != nil {
				assert.Equal(t, tt.variants, got.Variants)
			}
			if tt.signal != "" {
				found := false
				for _, e := range got.Evidence {
					found = found || strings.Contains(e.Signal, tt.signal)
				}
				assert.True(t, found, "no evidence signal contains %q: %+v", tt.signal, got.Evidence)
			}
			for _, e := range got.Evidence {
				require.NotZero(t, e.Line, "evidence without a line: %+v", e)
			}
		})
	}
}

func TestEvidenceLinesAreFileLines(t *testing.T) {
	f := difftest.File("tests/FicTests.cs",
		" using Microsoft.Identity.Client;",
		"-        private const string Old = \"x\";",
		"+        private const string TokenExchangeUrl = \"api://AzureADTokenExchange/.default\";")
	got := Classify([]*diff.File{f})
	require.Len(t, got.Evidence, 1)
	assert.Equal(t, 2, got.Evidence[0].Line, "an added line is cited by its new line number")
}

func TestOverride(t *testing.T) {
	r := Classify([]*diff.File{difftest.File("tests/A.cs", "+await app.AcquireTokenForClient(S).WithMtlsProofOfPossession().ExecuteAsync();")})
	o := Override(r, FIC)
	assert.Equal(t, FIC, o.Flow)
	assert.Equal(t, Vanilla, o.Detected)
	assert.True(t, o.Overridden)
	assert.Equal(t, r, Override(r, ""), "an empty override changes nothing")
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Flow{"vanilla": Vanilla, "fic": FIC, "fic-two-leg": FIC, "both": Both, "none": None} {
		got, err := Parse(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := Parse("pop")
	assert.ErrorContains(t, err, "use vanilla, fic, both or none")
}

func FuzzClassify(f *testing.F) {
	f.Add("tests/A.cs", "await app.AcquireTokenForClient(S)\n.WithMtlsProofOfPossession()\n.ExecuteAsync();")
	f.Add("docs/a.md", "The FIC two-leg flow uses api://AzureADTokenExchange")
	f.Fuzz(func(t *testing.T, path, text string) {
		lines := strings.Split(text, "\n")
		for i := range lines {
			lines[i] = "+" + lines[i]
		}
		r := Classify([]*diff.File{difftest.File(path, lines...)})
		switch r.Flow {
		case None, Vanilla, FIC, Both:
		default:
			t.Fatalf("unknown flow %q", r.Flow)
		}
	})
}

func TestContainsFold(t *testing.T) {
	for _, tt := range []struct {
		s, lit string
		want   bool
	}{
		{"api://AzureAdTokenExchange", "azureadtokenexchange", true},
		{"API://AZUREADTOKENEXCHANGE/.default", "azureadtokenexchange", true},
		{"AzureADToken", "azureadtokenexchange", false},
		{"", "fic", false},
		{"x", "", true},
		{"two-Leg flow", "two-leg", true},
	} {
		assert.Equal(t, tt.want, containsFold(tt.s, tt.lit), "%q in %q", tt.lit, tt.s)
	}
}

func TestVariantNamesTheClientKinds(t *testing.T) {
	cc := difftest.File("tests/A.cs", "+await app.AcquireTokenForClient(S).WithMtlsProofOfPossession().ExecuteAsync();")
	mi := difftest.File("tests/B.cs", "+await mi.AcquireTokenForManagedIdentity(R).WithMtlsProofOfPossession().ExecuteAsync();")
	assert.Equal(t, "confidential-client", Classify([]*diff.File{cc}).Variant)
	assert.Equal(t, "managed-identity", Classify([]*diff.File{mi}).Variant)
	assert.Equal(t, "confidential-client+managed-identity", Classify([]*diff.File{cc, mi}).Variant)
	assert.Equal(t, "", Classify(nil).Variant, "no flow, no variant")
}
