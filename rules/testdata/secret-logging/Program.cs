// path: tests/devapps/Managed Identity apps/ManagedIdentityAppVM/Program.cs
using System;
using Microsoft.Identity.Client;

internal static class Program
{
    private static bool s_printFullToken;

    private static async Task AcquireAsync(IManagedIdentityApplication mi, bool bound)
    {
        var result = await mi.AcquireTokenForManagedIdentity("https://vault.azure.net")
            .WithMtlsProofOfPossession()
            .ExecuteAsync().ConfigureAwait(false);

        Console.WriteLine("F) Toggle Full Token Print. WARNING: prints the entire token (secret).");
        Console.WriteLine($"  Expires On   : {result.ExpiresOn.UtcDateTime:O} (UTC)");
        Console.WriteLine($"  Token type   : {(bound ? "Bound (mTLS PoP)" : "Bearer")}");
        Console.WriteLine($"  Token type   : {result.TokenType}");
        Console.WriteLine($"  Thumbprint   : {result.BindingCertificate?.Thumbprint}");
        Console.WriteLine($"  Scopes       : {string.Join(" ", result.Scopes)}");
        Console.WriteLine($"  Length       : {result.AccessToken.Length}");
        Console.WriteLine($"  Present      : {!string.IsNullOrEmpty(result.AccessToken)}");
        Console.WriteLine($"  Has token    : {result.AccessToken != null}");

        if (s_printFullToken)
        {
            Console.WriteLine($"  Access Token : {result.AccessToken}"); // want `secret-logging: Console.WriteLine writes a token \(result.AccessToken\)`
        }
        else
        {
            var preview = result.AccessToken?.Length > 32 ? result.AccessToken[..32] + "..." : result.AccessToken;
            Console.WriteLine($"  Access Token : {preview}"); // want `secret-logging: .*preview \(from result.AccessToken\)`
        }

        // Console.WriteLine(result.AccessToken); commented out, not code
        Console.Error.WriteLine("Token: " + result.IdToken); // want `secret-logging: .*a token \(result.IdToken\)`
        Debug.WriteLine(string.Format("refresh {0}", refreshToken)); // want "secret-logging"
        Trace.TraceInformation("jwt={0}", jwt); // want "secret-logging"
    }
}

internal static class Flags
{
    private static bool s_printFullToken;

    private static void Show()
    {
        Console.WriteLine($"Secrets  : FullTokenPrint={(s_printFullToken ? "ON" : "OFF")}");
        Console.WriteLine($"Has token: {hasToken}");
    }
}

internal static class Prefixes
{
    private static async Task ShowAsync(AuthenticationResult result, HttpClient httpClient, SecretClient secretClient)
    {
        Console.WriteLine($"Token: {result.AccessToken.Substring(0, 20)}..."); // want `secret-logging: Console.WriteLine writes a part of a token \(result.AccessToken.Substring\)`
        Console.WriteLine("Token: " + result.AccessToken[..40]); // want `secret-logging: .*a token \(result.AccessToken\)`
        Console.WriteLine(result.AccessToken?.AsSpan(0, 16).ToString()); // want "secret-logging"
        Console.WriteLine($"Token length: {result.AccessToken.Length}");
        Console.WriteLine($"Header: {Mask(result.AccessToken.Substring(0, 20))}");

        var response = await httpClient.GetAsync("https://contoso.vault.azure.net/secrets/my-secret?api-version=7.4");
        response.EnsureSuccessStatusCode();
        Console.WriteLine($"Status: {response.StatusCode}");
        string json = await response.Content.ReadAsStringAsync();
        Console.WriteLine(json); // want `secret-logging: Console.WriteLine writes json, a Key Vault secret fetched with the token`
        Console.WriteLine($"Body length: {json.Length}");

        KeyVaultSecret secret = await secretClient.GetSecretAsync("db-password");
        Console.WriteLine($"Secret: {secret.Value}"); // want `secret-logging: .*secret.Value, a Key Vault secret fetched`
    }

    private static async Task GraphAsync(HttpClient httpClient)
    {
        var response = await httpClient.GetAsync("https://graph.microsoft.com/v1.0/applications");
        string json = await response.Content.ReadAsStringAsync();
        Console.WriteLine(json);
    }
}
