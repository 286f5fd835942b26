// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/ClientAssertionTests.cs
// flow: fic
[TestClass]
public class ClientAssertionTests
{
    [TestMethod]
    public async Task SignedAssertion_NoCert_Negative_TestAsync()
    {
        var app2 = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>
                Task.FromResult(new ClientSignedAssertion { Assertion = "jwt", TokenBindingCertificate = null }))
            .BuildConcrete();
        var app3 = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>
            {
                // Return NO cert to avoid region requirements for this unit test
                return Task.FromResult(new ClientSignedAssertion
                {
                    Assertion = "jwt",
                    TokenBindingCertificate = null
                });
            })
            .BuildConcrete();
    }

    [TestMethod]
    public async Task StringDelegate_Is_Bearer_TestAsync()
    {
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((o, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = "jwt" }))
            .Build();
    }

    [TestMethod]
    public async Task SignedAssertion_Jwt_Pop_TestAsync()
    {
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((o, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = "jwt" })) // want "assertion-without-binding"
            .Build();
        var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    }

    [TestMethod]
    public async Task SignedAssertion_CacheKey_TestAsync()
    {
        // A unit test of the assertion's cache key in a file of a FIC
        // change: it neither acquires an mTLS PoP token nor exchanges.
        var a = new ClientSignedAssertion { Assertion = "jwt" };
        Assert.AreEqual("jwt", a.Assertion);
    }

    [TestMethod]
    public async Task Leg2_Exchange_TestAsync()
    {
        var leg1 = await mi.AcquireTokenForManagedIdentity("api://AzureADTokenExchange").WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual("mtls_pop", leg1.TokenType);
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((o, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = leg1.AccessToken })) // want "assertion-without-binding"
            .Build();
    }
}

internal sealed class LocalAdapter
{
    private readonly Func<AssertionRequestOptions, CancellationToken, Task<string>> _getAssertion;

    public async Task<ClientSignedAssertion> GetAsync(AssertionRequestOptions o, CancellationToken ct)
    {
        // Adapts a string assertion callback for an mTLS PoP capable app.
        string jwt = await _getAssertion(o, ct).ConfigureAwait(false);
        return new ClientSignedAssertion { Assertion = jwt, };
    }
}

internal sealed class ClientAssertionStringDelegateAdapter
{
    private readonly Func<AssertionRequestOptions, Task<string>> _assertionDelegate;

    public async Task<ClientSignedAssertion> GetAsync(AssertionRequestOptions o)
    {
        return new ClientSignedAssertion
        {
            Assertion = await _assertionDelegate(o).ConfigureAwait(false)
        };
    }
}
