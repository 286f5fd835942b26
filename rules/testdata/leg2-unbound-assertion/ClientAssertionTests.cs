// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/ClientAssertionTests.cs
[TestClass]
public class ClientAssertionTests
{
    [TestMethod]
    public async Task StringAssertion_WithMtlsPop_ThrowsAsync()
    {
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion("header.payload.signature")
            .Build();
        await Assert.ThrowsExceptionAsync<MsalClientException>(() =>
            app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync());
    }

    [TestMethod]
    public async Task StringAssertion_WithMtlsPop_SetsIsMtlsPopRequestedAsync()
    {
        // The plumbing with a mock: a bare string assertion on purpose.
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithClientAssertion((AssertionRequestOptions options) => Task.FromResult("fake_fic_assertion"))
            .Build();
        var result = await app.AcquireTokenForClient(TestConstants.s_scope).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.AreEqual("mtls_pop", result.TokenType);
    }
}
