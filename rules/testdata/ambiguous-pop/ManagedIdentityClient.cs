// path: src/client/Microsoft.Identity.Client/ManagedIdentity/ManagedIdentityClient.cs
using System.Threading.Tasks;

namespace Microsoft.Identity.Client.ManagedIdentity
{
    internal class ManagedIdentityClient
    {
        internal async Task<ManagedIdentityResponse> SendAsync(RequestContext requestContext, bool isMtlsPopRequested, PoPOptions popOptions)
        {
            ManagedIdentitySource source = await GetSourceAsync(requestContext).ConfigureAwait(false);

            // If ImdsV2 is cached but mTLS PoP was not requested, use ImdsV1 for this request only.
            if (source == ManagedIdentitySource.ImdsV2 && !isMtlsPopRequested)
            {
                // Do NOT modify the cached source; keep ImdsV2 so future PoP
                // requests can leverage it.
                source = ManagedIdentitySource.DefaultToImds;
            }

            requestContext.Logger.Info("[Managed Identity] Mtls Pop was not requested; skipping the ImdsV2 probe.");
            return await SendToSourceAsync(source, popOptions).ConfigureAwait(false);
        }

        /// <summary>
        /// Gets the attestation token.
        /// </summary>
        /// <returns>JWT string suitable for the IMDSv2 attested POP flow.</returns>
        private Task<string> GetAttestationJwtAsync() => PopKeyAttestor.AttestAsync(MtlsPoPKeyName);

        /// <summary>
        /// Enables mTLS Proof-of-Possession for managed identity token acquisition with additional
        /// PoP options, such as a minimum required binding strength.
        /// See <see cref="PoPOptions.MinStrength"/> and the jwt-pop assertion binding.
        /// </summary>
        internal void Configure(PoPOptions options)
        {
            System.Console.WriteLine("  PoP cnf      : (not present)");
            if (options == null)
            {
                throw new MsalClientException("invalid_options", "PoP options are required for this request.");
            }
        }
    }
}
