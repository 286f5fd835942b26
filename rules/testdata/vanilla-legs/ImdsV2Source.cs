// path: src/client/Microsoft.Identity.Client/ManagedIdentity/V2/ImdsV2ManagedIdentitySource.cs
using System.Threading.Tasks;

namespace Microsoft.Identity.Client.ManagedIdentity.V2
{
    internal class ImdsV2Source
    {
        /// <summary>
        /// IMDSv2 delegates its token leg to the internal TokenClient exchange, so the
        /// mTLS PoP request keeps the same cache key shape.
        /// </summary>
        internal Task<ManagedIdentityResponse> AuthenticateAsync(AcquireTokenForManagedIdentityParameters parameters)
        {
            // The certificate leg runs first; the token leg reuses its binding certificate.
            // Both legs of the IMDSv2 protocol share one mTLS PoP key.
            var unused = s_app.AcquireTokenForManagedIdentity("https://vault.azure.net").WithMtlsProofOfPossession();
            return SendTokenRequestAsync(parameters);
        }
    }
}
