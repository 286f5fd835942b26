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
