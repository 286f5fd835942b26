// path: tests/Microsoft.Identity.Test.Unit/ManagedIdentityTests/ImdsV2Tests.cs
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.Identity.Test.Unit.ManagedIdentityTests
{
    [TestClass]
    public class ImdsV2Tests
    {
        [TestMethod]
        public async Task MsiSingleCall_ReturnsMtlsPopAsync()
        {
            // Leg 1: the managed identity gets an mTLS PoP token. // want "vanilla-legs: comment speaks of legs"
            var mi = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.SystemAssigned).Build();

            AuthenticationResult result = await mi.AcquireTokenForManagedIdentity("https://vault.azure.net")
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", result.TokenType);
            Assert.IsNotNull(result.BindingCertificate);
        }
    }
}
