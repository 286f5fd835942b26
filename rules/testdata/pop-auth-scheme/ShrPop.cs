// path: src/client/Microsoft.Identity.Client/AuthScheme/PoP/PopAuthenticationOperation.cs
// Signed-HTTP-Request PoP, not mTLS PoP: "PoP" is its scheme.
public class ShrSample
{
    public async Task RunAsync()
    {
        var result = await app.AcquireTokenForClient(scopes)
            .WithSignedHttpRequestProofOfPossession(new PoPAuthenticationConfiguration(uri))
            .ExecuteAsync();
        request.Headers.Authorization = new AuthenticationHeaderValue("PoP", result.AccessToken);
    }
}
