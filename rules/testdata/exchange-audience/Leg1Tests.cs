// path: tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs
// flow: fic
public class ClientCredentialsMtlsPopTests
{
    private const string TokenExchangeUrl = "api://AzureADTokenExchange/.default";
    private const string TokenExchangeResource = "api://AzureADTokenExchange";
    private const string Typo = "api://AzureADTokenExchnage/.default"; // want `exchange-audience: "api://AzureADTokenExchnage/.default" looks like a misspelt exchange audience`
    private const string OldCase = "api://AzureAdTokenExchange"; // want "exchange-audience: .*differs from the exchange audience in case"
    private const string TokenExchangeScope = "api://AzureADTokenExchange"; // want "exchange-audience: .*used as a scope without /.default"

    public async Task Leg1Async()
    {
        var a = await app.AcquireTokenForClient(new[] { "api://AzureADTokenExchange/.default" }).WithMtlsProofOfPossession().ExecuteAsync();
        var b = await app.AcquireTokenForClient(new[] { "api://AzureADTokenExchange" }).ExecuteAsync(); // want "used as a scope without /.default"
        var c = await app.AcquireTokenForClient(new[] { "AzureADTokenExchange/.default" }).ExecuteAsync(); // want "missing the api:// scheme"
        var d = await mi.AcquireTokenForManagedIdentity("api://AzureADTokenExchange").ExecuteAsync();
        var e = await mi.AcquireTokenForManagedIdentity(TokenExchangeResource).ExecuteAsync();
        var f = await app.AcquireTokenForClient(new[] { $"{TokenExchangeResource}/.default" }).ExecuteAsync();
        var g = await app.AcquireTokenForClient(new[] { "https://AzureADTokenExchange/.default" }).ExecuteAsync(); // want "has the scheme"
        var h = await app.AcquireTokenForClient(new[] { "api://AzureADTokenExchange/default" }).ExecuteAsync(); // want "has the path"
        string[] scopes = { "https://graph.microsoft.com/.default" };
        var tokenExchangeUrl = TokenExchangeUrl; // AzureADTokenExchnage in a comment is not a value
    }
}
