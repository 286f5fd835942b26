// path: .github/skills/msal-mtls-pop-vanilla/ResourceCaller.cs
public sealed class ResourceCaller
{
    public ResourceCaller(AuthenticationResult authResult)
    {
        _accessToken = authResult.AccessToken;
        var handler = new HttpClientHandler();
        handler.ClientCertificates.Add(authResult.BindingCertificate);
        _httpClient = new HttpClient(handler);
        // Set PoP authorization header
        _httpClient.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("PoP", _accessToken); // want `pop-auth-scheme: Authorization scheme .PoP. for an mTLS PoP token`
        request.Headers.Add("Authorization", $"pop {_accessToken}"); // want `pop-auth-scheme: Authorization scheme .pop.`
    }

    public async Task CallAsync(IConfidentialClientApplication app)
    {
        var result = await app.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
            .WithMtlsProofOfPossession()
            .ExecuteAsync();
        var token = result.AccessToken;
        _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken); // want `pop-auth-scheme: Authorization scheme .Bearer.`
        _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token); // want "pop-auth-scheme"
        _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(result.TokenType, result.AccessToken);
    }

    public async Task Leg2BearerAsync(IConfidentialClientApplication leg2App)
    {
        // Leg 2 returns a bearer token: "Bearer" is right here.
        var leg2Result = await leg2App.AcquireTokenForClient(new[] { "https://storage.azure.com/.default" }).ExecuteAsync();
        _httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", leg2Result.AccessToken);
    }

    public sealed class CheckedCaller
    {
        private readonly string _token;

        public CheckedCaller(AuthenticationResult authResult)
        {
            if (authResult.TokenType != "mtls_pop")
            {
                throw new ArgumentException("Expected an mTLS PoP token.");
            }
            _token = authResult.AccessToken;
        }

        public void Send(HttpRequestMessage request)
        {
            // Note: the mTLS scheme may vary by resource - some use "PoP", others use "Bearer" // want `pop-auth-scheme: This text gives .PoP. as the Authorization scheme`
            // The scheme is the token type (mtls_pop), never "PoP".
            // An mTLS resource answers 401 when the scheme "PoP" is not accepted.
            // The "PoP" scheme belongs to Signed HTTP Request tokens, not these.
            // Resources that check the mTLS binding reject a "PoP" scheme: send the token type.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token); // want `pop-auth-scheme: Authorization scheme .Bearer.`
        }
    }

    public sealed class BranchingCaller
    {
        public void Send(HttpRequestMessage request, AuthenticationResult result)
        {
            if (result.TokenType == "mtls_pop")
            {
                request.Headers.Authorization = new AuthenticationHeaderValue(result.TokenType, result.AccessToken);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
            }
        }

        public void SendInBranch(HttpRequestMessage request, AuthenticationResult result)
        {
            if (result.TokenType == "mtls_pop")
            {
                request.Headers.Add("X-Token-Kind", "bound");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken); // want "pop-auth-scheme: Authorization scheme .Bearer."
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken);
        }

        public void SendAsserted(HttpRequestMessage request, AuthenticationResult result)
        {
            Assert.AreEqual("mtls_pop", result.TokenType);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", result.AccessToken); // want "pop-auth-scheme"
        }
    }
}
