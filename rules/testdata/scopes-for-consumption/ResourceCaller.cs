// path: .github/skills/msal-mtls-pop-vanilla/ResourceCaller.cs
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace MsalMtlsPop.Vanilla
{
    /// <summary>
    /// Calls a protected resource with an mTLS PoP token and its binding certificate.
    /// </summary>
    public sealed class ResourceCaller
    {
        private readonly string[] _scopes = { "https://vault.azure.net/.default" };

        /// <summary>
        /// Calls the Key Vault API with the scopes from the configuration. // want "scopes-for-consumption: \"scopes\" used for calling a resource"
        /// </summary>
        public async Task<string> GetSecretAsync(IConfidentialClientApplication app, string url)
        {
            // Acquire a token with the scopes for Key Vault.
            // Query the token cache with the scopes before calling the resource.
            AuthenticationResult result = await app.AcquireTokenForClient(_scopes)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            // Call the Key Vault resource with the mTLS PoP access token.
            using var handler = new HttpClientHandler();
            handler.ClientCertificates.Add(result.BindingCertificate);
            using var client = new HttpClient(handler);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(result.TokenType, result.AccessToken);

            // Pass the scopes to the API in the request header as well. // want "scopes-for-consumption"
            string hint = "call the API with the scopes"; // a string, not prose
            return await client.GetStringAsync(url + "?h=" + hint.Length).ConfigureAwait(false);
        }
    }
}
