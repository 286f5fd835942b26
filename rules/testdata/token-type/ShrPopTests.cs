// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/PoPTests.cs
[TestClass]
public class PoPTests
{
    [TestMethod]
    public async Task SignedHttpRequestPopAsync()
    {
        var popConfig = new PoPAuthenticationConfiguration(new Uri("https://www.contoso.com/path1/path2?queryParam1=a&queryParam2=b"));
        var result = await app.AcquireTokenForClient(TestConstants.s_scope)
            .WithSignedHttpRequestProofOfPossession(popConfig)
            .ExecuteAsync()
            .ConfigureAwait(false);

        // Signed-HTTP-Request PoP tokens have the token type "pop".
        Assert.AreEqual("pop", result.TokenType);
        // TokenType should be "pop" here.
    }
}
