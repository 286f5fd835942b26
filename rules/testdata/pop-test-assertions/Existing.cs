// path: tests/Microsoft.Identity.Test.Unit/ExistingTests.cs
[TestClass]
public class ExistingTests
{
    [TestMethod]
    public async Task Old_TestAsync()
    {
        var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
        Assert.IsNotNull(result);
        Assert.IsNotNull(result.AccessToken);
    }
}
