// path: tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs
// flow: fic
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace Microsoft.Identity.Test.Integration.HeadlessTests
{
    internal static class LegHelpers
    {
        /// <summary>
        /// Leg 1: acquires the mTLS PoP token that leg 2 presents as its assertion.
        /// </summary>
        internal static async Task<AuthenticationResult> AcquireFirstTokenAsync(IConfidentialClientApplication app, string[] scopes)
        {
            AuthenticationResult result = await app.AcquireTokenForClient(scopes)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);
            return result;
        }
    }
}
