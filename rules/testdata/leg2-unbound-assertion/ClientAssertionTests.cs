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
}
