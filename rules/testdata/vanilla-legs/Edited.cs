// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/CertRenewalTests.cs
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.Identity.Test.Unit.PublicApiTests
{
    [TestClass]
    public class CertRenewalTests
    {
        /// <summary>
        /// Old wording about the two-leg mTLS PoP flow, already on main.
        /// </summary>
        [TestMethod]
        public async Task RenewalAsync()
        {
            // Leg 2: the cached mTLS PoP token keeps its certificate. // want "vanilla-legs: comment speaks of legs"
            AuthenticationResult result = await s_app.AcquireTokenForClient(TestConstants.s_scope)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", result.TokenType);
            Assert.IsNotNull(result.BindingCertificate);
        }
    }
}
