// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopTokenTypeTests.cs
[TestClass]
public class MtlsPopTokenTypeTests
{
    [TestMethod]
    public async Task AcquireMtlsPopTokenAsync()
    {
        var result = await app.AcquireTokenForClient(TestConstants.s_scope)
            .WithMtlsProofOfPossession()
            .ExecuteAsync()
            .ConfigureAwait(false);

        Assert.AreEqual("pop", result.TokenType); // want `token-type: TokenType compared with .pop. for an mTLS PoP token: its token type is "mtls_pop"`
        Assert.AreEqual(result.TokenType, "PoP"); // want `token-type: TokenType compared with .P[o]P.`
        Assert.AreEqual(
            "pop", // want `token-type: TokenType compared with .pop.`
            result.TokenType);
        Assert.AreEqual("Bearer", result.TokenType); // want `token-type: TokenType compared with .Bearer. for an mTLS PoP token.*"Bearer" is an unbound token's`
        Assert.IsTrue(result.TokenType == "pop"); // want `token-type: TokenType compared with .pop.`
        result.TokenType.Should().Be("pop"); // want `token-type: TokenType compared with .pop.`
        Assert.AreNotEqual("pop", result.TokenType);
        Assert.AreNotEqual("Bearer", result.TokenType);
        Assert.AreEqual("mtls_pop", result.TokenType);
        Assert.AreEqual(Constants.PoPTokenType, result.TokenType); // want `token-type: TokenType compared with Constants.PoPTokenType`
        Assert.AreEqual(Constants.MtlsPoPTokenType, result.TokenType);
    }

    [TestMethod]
    public async Task PopAndBearerDoNotShareTheCacheAsync()
    {
        var popResult = await app.AcquireTokenForClient(TestConstants.s_scope)
            .WithMtlsProofOfPossession()
            .ExecuteAsync()
            .ConfigureAwait(false);
        var bearerResult = await app.AcquireTokenForClient(TestConstants.s_scope)
            .ExecuteAsync()
            .ConfigureAwait(false);

        // The bearer acquisition returns a bearer token.
        Assert.AreEqual("Bearer", bearerResult.TokenType);
        Assert.AreEqual(Constants.MtlsPoPTokenType, popResult.TokenType);
    }

    [TestMethod]
    public void CachedBearerIsSkippedForMtlsPop()
    {
        if (parameters.IsMtlsPopRequested && cachedItem.TokenType == "Bearer")
        {
            return;
        }
        // The token type is "pop" for an mTLS PoP token. // want `token-type: TokenType "pop" for an mTLS PoP token`
        var kind = cachedItem.TokenType; // "pop" // want `token-type: TokenType .pop. for an mTLS`
        var type = isMtls ? "mtls_pop" : "pop";
        throw new InvalidOperationException($"Expected TokenType \"pop\" but got {kind}."); // want `token-type: TokenType .pop. for an mTLS`
        Assert.IsTrue(ok, "The token type is not pop here.");
    }

    /// <returns>
    /// The <see cref="AuthenticationResult"/> containing the target token.
    /// Check <see cref="AuthenticationResult.TokenType"/> (should be "pop" if mTLS PoP was requested). // want `token-type: TokenType .pop. for an mTLS`
    /// Must have TokenType = "pop" and non-null BindingCertificate. // want `token-type: TokenType .pop. for an mTLS`
    /// TokenType is "mtls_pop", never "pop".
    /// TokenType must not be "pop".
    /// </returns>
    public Task<AuthenticationResult> ExchangeAsync() => null;

    [TestMethod]
    public async Task MtlsPop_UnsupportedSource_FallsBackToBearerAsync()
    {
        var result = await mi.AcquireTokenForManagedIdentity(Resource)
            .WithMtlsProofOfPossession()
            .ExecuteAsync()
            .ConfigureAwait(false);
        Assert.AreEqual("Bearer", result.TokenType);
    }
}
