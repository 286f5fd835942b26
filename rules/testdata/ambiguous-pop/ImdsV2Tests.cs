// path: tests/Microsoft.Identity.Test.E2e/ManagedIdentityImdsV2Tests.cs
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.Identity.Test.E2E
{
    // POP tests only work on the allow-listed app and tenant: the file says mTLS, so its "POP" is mTLS PoP.
    [TestClass]
    public class ManagedIdentityImdsV2Tests
    {
        [TestMethod]
        public async Task AcquireMtlsPopToken_WithAttestationAsync()
        {
            var mi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.SystemAssigned).Build();

            AuthenticationResult result = await mi.AcquireTokenForManagedIdentity("https://management.azure.com")
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", result.TokenType, "Token type should be 'mtls_pop' for mTLS PoP flow.");
            Assert.IsNotNull(result.BindingCertificate, "BindingCertificate should not be null for PoP token.");
        }
    }
}
