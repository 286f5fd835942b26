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
