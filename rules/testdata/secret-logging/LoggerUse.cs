// path: src/client/Microsoft.Identity.Client.KeyAttestation/PopKeyAttestor.cs
using Microsoft.Extensions.Logging;

internal sealed class PopKeyAttestor
{
    private readonly ILogger<PopKeyAttestor> _logger;
    private readonly ITestOutputHelper _output;

    public async Task<string> AttestAsync(string cacheKey, ILoggerAdapter logger, CancellationToken cancellationToken)
    {
        logger?.Verbose(() => $"[PopKeyAttestor] MAA token cache hit for '{Mask(cacheKey)}'.");
        logger?.Verbose(() => $"[PopKeyAttestor] MAA token cached for '{Mask(cacheKey)}', expires {result.Token.ExpiresOn:O}.");
        logger?.Verbose(() => $"[PopKeyAttestor] token {Mask(result.Token)} cancellation {cancellationToken}");
        _logger.LogInformation("Token acquired for {Scopes}, expires {ExpiresOn}", result.Scopes, result.ExpiresOn);
        _logger.LogDebug("Token {Token}", result.AccessToken); // want "secret-logging: _logger.LogDebug writes a token"
        logger.Info($"Sending assertion {clientAssertion}"); // want "secret-logging: logger.Info writes an assertion"
        _output.WriteLine(
            "leg 1 assertion: " +
            leg1Result.AccessToken); // want "secret-logging: _output.WriteLine writes a token"
        _output.WriteLine($"Certificate private key: {cert.PrivateKey}"); // want `secret-logging: .*a private key \(cert.PrivateKey\)`
        TestContext.WriteLine($"secret {_clientSecret}"); // want "secret-logging: .*a client secret"
        _output.WriteLine($"Assertion type: {assertionType}, token type: {result.TokenType}");
        _output.WriteLine("The access token is never printed");
        Console.WriteLine(new string('-', 40));
        var tokenSource = result.AuthenticationResultMetadata.TokenSource;
        Console.WriteLine($"Token source: {tokenSource}");
        Console.WriteLine($"Token endpoint: {options.TokenEndpoint}");
        Assert.IsNotNull(result.AccessToken, "no token");
        return Mask(result.AccessToken);
    }
}

internal static class UserTokens
{
    private static void Show(string userToken) => Console.WriteLine(userToken); // want "secret-logging"
}
