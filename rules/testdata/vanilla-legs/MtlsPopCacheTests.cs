// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopTests.cs
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Microsoft.Identity.Test.Unit.PublicApiTests
{
    [TestClass]
    public class MtlsPopCacheTests
    {
        /// <summary>
        /// Repro for a stale cache entry in the two-leg mTLS PoP flow. // want "vanilla-legs: comment speaks of legs.*vanilla flow has no legs"
        /// The cache key must change when the binding certificate is renewed.
        /// </summary>
        [TestMethod]
        public async Task SameKeyRenewal_MissesCacheAsync()
        {
            X509Certificate2 cert = CertHelper.GetOrCreateTestCert();
            var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .WithAzureRegion("eastus")
                .BuildConcrete();

            AuthenticationResult result = await app.AcquireTokenForClient(TestConstants.s_scope)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", result.TokenType);
            Assert.AreEqual(cert.Thumbprint, result.BindingCertificate.Thumbprint);
        }

        /// <summary>
        /// Leg 1 gets an assertion for api://AzureADTokenExchange; leg 2 exchanges it.
        /// </summary>
        [TestMethod]
        public async Task FicTwoLeg_BindsAssertionAsync()
        {
            X509Certificate2 cert = CertHelper.GetOrCreateTestCert();

            // Leg 1: acquire the assertion with mTLS PoP.
            var leg1App = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .WithAzureRegion("eastus")
                .Build();
            AuthenticationResult leg1 = await leg1App.AcquireTokenForClient(new[] { TokenExchangeScope })
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            // Leg 2: exchange the assertion, bound to the same certificate.
            var leg2App = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithClientAssertion((options, ct) => Task.FromResult(new ClientSignedAssertion
                {
                    Assertion = leg1.AccessToken,
                    TokenBindingCertificate = cert
                }))
                .WithAzureRegion("eastus")
                .Build();
            AuthenticationResult leg2 = await leg2App.AcquireTokenForClient(TestConstants.s_scope)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", leg2.TokenType);
            Assert.IsNotNull(leg2.BindingCertificate);
        }

        private const string TokenExchangeScope = "api://AzureADTokenExchange/.default";

        [TestMethod]
        public async Task Vanilla_SingleCallAsync()
        {
            // The vanilla flow's first leg acquires the token. // want "vanilla-legs: prose gives the vanilla flow legs"
            // The vanilla flow has no legs: one call, certificate at app level.
            // Don't call the vanilla flow a "leg".
            X509Certificate2 cert = CertHelper.GetOrCreateTestCert();
            var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .WithAzureRegion("eastus")
                .Build();

            AuthenticationResult result = await app.AcquireTokenForClient(TestConstants.s_scope)
                .WithMtlsProofOfPossession()
                .ExecuteAsync()
                .ConfigureAwait(false);

            Assert.AreEqual("mtls_pop", result.TokenType);
            Assert.IsNotNull(result.BindingCertificate);
        }
    }
}
