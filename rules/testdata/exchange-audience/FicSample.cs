// path: .github/skills/msal-mtls-pop-fic-two-leg/FicSample.cs
public class FicSample
{
    public async Task<AuthenticationResult> RunAsync(IConfidentialClientApplication leg1App)
    {
        var leg1Result = await leg1App
            .AcquireTokenForClient(new[] { "api://your-app-id/.default" }) // want `exchange-audience: Leg 1 of the FIC two-leg flow asks for "api://your-app-id/.default", a placeholder audience`
            .WithMtlsProofOfPossession()
            .ExecuteAsync();

        var leg2App = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
            {
                Assertion = leg1Result.AccessToken,
                TokenBindingCertificate = leg1Result.BindingCertificate
            }))
            .Build();
        return await leg2App.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" }).WithMtlsProofOfPossession().ExecuteAsync();
    }

    public async Task<string> Leg1ThroughLocalAsync(IManagedIdentityApplication mi)
    {
        var first = await mi.AcquireTokenForManagedIdentity("api://<app-id>").WithMtlsProofOfPossession().ExecuteAsync(); // want `exchange-audience: Leg 1 .*"api://<app-id>"`
        string assertion = first.AccessToken;
        var app = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((options, ct) => Task.FromResult(assertion))
            .Build();
        return assertion.Length.ToString();
    }

    public async Task<AuthenticationResult> CommentSaysLeg1Async(IConfidentialClientApplication app)
    {
        // Leg 1: get the assertion for the token exchange
        return await app.AcquireTokenForClient(new[] { "api://your-app-id/.default" }).ExecuteAsync(); // want "exchange-audience: Leg 1"
    }

    public async Task<AuthenticationResult> ResourceCallAsync(IConfidentialClientApplication app)
    {
        // Not leg 1: a token for the app's own API.
        return await app.AcquireTokenForClient(new[] { "api://your-api-id/.default" }).ExecuteAsync(); // want "placeholder-value"
    }
}
