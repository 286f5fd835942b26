// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopTests.cs
[TestClass]
public class MtlsPopTests
{
    [TestMethod]
    public async Task Pop_NoAsserts_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope)
            .WithMtlsProofOfPossession() // want "pop-test-assertions: This test acquires an mTLS PoP token but asserts neither"
            .ExecuteAsync().ConfigureAwait(false);
        Assert.IsNotNull(result.AccessToken);
    }

    [TestMethod]
    public async Task Pop_TokenType_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual("mtls_pop", result.TokenType);
    }

    [TestMethod]
    public async Task Pop_Binding_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual(cert.Thumbprint, result.BindingCertificate.Thumbprint);
    }

    [TestMethod]
    public async Task Pop_Throws_TestAsync()
    {
        var ex = await Assert.ThrowsExceptionAsync<MsalClientException>(() =>
            app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync());
        Assert.AreEqual(MsalError.MtlsCertificateNotProvided, ex.ErrorCode);
    }

    [TestMethod]
    public async Task Pop_Helper_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        AssertMtlsPopResult(result, cert);
    }

    [TestMethod]
    public async Task Bearer_Fallback_TestAsync()
    {
        // No .WithMtlsProofOfPossession() => triggers fallback
        var result = await mi.AcquireTokenForManagedIdentity(Resource).ExecuteAsync();
        Assert.IsNotNull(result.AccessToken);
    }

    private async Task<AuthenticationResult> AcquireLeg1MtlsPopTokenAsync()
    {
        return await mi.AcquireTokenForManagedIdentity("api://AzureADTokenExchange").WithMtlsProofOfPossession().ExecuteAsync();
    }

    [TestMethod]
    public async Task Mi_Pop_CachedCert_TestAsync()
    {
        // A cache test: it never looks at the token.
        var result = await mi.AcquireTokenForManagedIdentity(Resource).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual(TokenSource.IdentityProvider, result.AuthenticationResultMetadata.TokenSource);
    }

    [TestMethod]
    public async Task Mi_Pop_NotNull_TestAsync()
    {
        var result = await mi.AcquireTokenForManagedIdentity(Resource).WithMtlsProofOfPossession().ExecuteAsync(); // want "pop-test-assertions"
        Assert.IsNotNull(result);
    }

    [TestMethod]
    public async Task ErrorCode_TestAsync()
    {
        MsalClientException ex = await AssertException.TaskThrowsAsync<MsalClientException>(() =>
            app.AcquireTokenForClient(TestConstants.s_scope)
               .WithMtlsProofOfPossession() // Enables mTLS PoP
               .ExecuteAsync())
            .ConfigureAwait(false);
        Assert.AreEqual(MsalError.MtlsCertificateNotProvided, ex.ErrorCode);
    }

    [DoNotRunOnLinux]
    [TestMethod]
    public async Task Sni_AssertionFlow_Acquires_Bearer_Token_TestAsync()
    {
        AuthenticationResult first = await firstApp.AcquireTokenForClient(new[] { TokenExchangeUrl })
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
        string assertionJwt = first.AccessToken;
        Assert.IsFalse(string.IsNullOrEmpty(assertionJwt));
    }

    [TestMethod]
    public async Task Fic_Leg2_BoundAssertion_TestAsync()
    {
        AuthenticationResult first = await firstApp.AcquireTokenForClient(new[] { TokenExchangeUrl })
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
        var assertionApp = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
            {
                Assertion = first.AccessToken,
                TokenBindingCertificate = first.BindingCertificate
            }))
            .Build();
        AuthenticationResult second = await assertionApp.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
            .WithMtlsProofOfPossession() // want "pop-test-assertions: This test acquires an mTLS PoP token"
            .ExecuteAsync();
        Assert.IsFalse(string.IsNullOrEmpty(second.AccessToken), "Second leg did not return an access token.");
        Assert.AreEqual(
            "urn:ietf:params:oauth:client-assertion-type:jwt-pop",
            clientAssertionType,
            "When TokenBindingCertificate is supplied, MSAL uses jwt-pop.");
    }

    [TestMethod]
    public async Task MtlsPop_KnownRegionAsync()
    {
        httpManager.AddMockHandlerSuccessfulClientCredentialTokenResponseMessage(tokenType: "mtls_pop");
        var tokenHttpCallHandler = new MockHttpMessageHandler()
        {
            ResponseMessage = CreateResponse(tokenType : "mtls_pop"),
            ExpectedPostData = new Dictionary<string, string>
            {
                { "token_type", "mtls_pop" }
            },
        };
        AuthenticationResult result = await app.AcquireTokenForClient(TestConstants.s_scope)
            .WithMtlsProofOfPossession() // want "pop-test-assertions"
            .ExecuteAsync()
            .ConfigureAwait(false);
        Assert.AreEqual("header.payload.signature", result.AccessToken);
        Assert.AreEqual(region, result.AuthenticationResultMetadata.RegionDetails.RegionUsed);
    }

    [TestMethod]
    public async Task MtlsPop_AssertsTypeOverLines_TestAsync()
    {
        var response = new MsalTokenResponse { TokenType = "mtls_pop" };
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.IsNotNull(result.AccessToken);
        Assert.AreEqual(
            Constants.MtlsPoPTokenType,
            type);
    }

    [TestMethod]
    public async Task MtlsPop_BindingCertLocal_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        var bound = result.BindingCertificate;
        Assert.IsNotNull(result.AccessToken);
        Assert.AreEqual(cert.Thumbprint, bound.Thumbprint);
    }

    [TestMethod]
    public async Task MtlsPop_Previous_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual(cert.Thumbprint, result.BindingCertificate.Thumbprint);
    }

    [TestMethod]
    public async Task MtlsPop_Next_TestAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync(); // want "pop-test-assertions"
        Assert.IsNotNull(result.AccessToken);
    }
}
