// path: tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/PoPTests.NetFwk.cs
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.Identity.Test.Integration.HeadlessTests
{
    [TestClass]
    public class PoPTests
    {
        // PoP token bound to the HTTP method and URI of the request.
        [TestMethod]
        public async Task PoP_BoundToRequest_Async()
        {
            var popConfig = new PoPAuthenticationConfiguration(new HttpRequestMessage(HttpMethod.Get, ProtectedUrl));

            // Acquire the PoP token for Key Vault.
            var result = await s_app.AcquireTokenForClient(s_keyvaultScope)
                .WithSignedHttpRequestProofOfPossession(popConfig)
                .ExecuteAsync(CancellationToken.None)
                .ConfigureAwait(false);

            Assert.AreEqual("pop", result.TokenType, "The PoP token has the wrong type.");
        }
    }
}
