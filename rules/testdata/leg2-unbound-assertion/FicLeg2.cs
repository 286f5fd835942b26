// path: .github/skills/msal-mtls-pop-fic-two-leg/FicLeg2Exchanger.cs
public class FicLeg2Exchanger
{
    public async Task<AuthenticationResult> ExchangeAsync(AuthenticationResult leg1Result)
    {
        var leg2App = ConfidentialClientApplicationBuilder
            .Create(ClientId)
            .WithAuthority(Authority)
            .WithAzureRegion("westus3")
            .WithClientAssertion((options, ct) => Task.FromResult(leg1Result.AccessToken)) // want `leg2-unbound-assertion: Leg 2 of the FIC two-leg flow passes the assertion to WithClientAssertion as a bare string \(leg1Result.AccessToken\)`
            .Build();
        return await leg2App.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
    }

    public async Task<AuthenticationResult> StringOverloadAsync(AuthenticationResult first)
    {
        string jwt = first.AccessToken;
        var app2 = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion(jwt) // want "leg2-unbound-assertion: .*bare string \(jwt\)"
            .Build();
        var result = await app2
            .AcquireTokenForClient(Scopes)
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
        return result;
    }

    public async Task<AuthenticationResult> BlockLambdaAsync(AuthenticationResult first)
    {
        var app2 = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion(async (options, ct) => // want "leg2-unbound-assertion"
            {
                await Task.Yield();
                return first.AccessToken;
            })
            .Build();
        return await app2.AcquireTokenForClient(Scopes).WithMtlsProofOfPossession().ExecuteAsync();
    }

    public async Task<AuthenticationResult> BoundAsync(AuthenticationResult first)
    {
        var app2 = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
            {
                Assertion = first.AccessToken,
                TokenBindingCertificate = first.BindingCertificate
            }))
            .Build();
        return await app2.AcquireTokenForClient(Scopes).WithMtlsProofOfPossession().ExecuteAsync();
    }

    public async Task<AuthenticationResult> BearerLeg2Async(AuthenticationResult first)
    {
        // A bearer leg 2 may pass the string: nothing to bind.
        var app2 = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion(first.AccessToken)
            .Build();
        return await app2.AcquireTokenForClient(Scopes).ExecuteAsync();
    }

    public async Task<AuthenticationResult> MethodGroupAsync()
    {
        var app2 = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion(GetSignedAssertionAsync)
            .Build();
        return await app2.AcquireTokenForClient(Scopes).WithMtlsProofOfPossession().ExecuteAsync();
    }
}
