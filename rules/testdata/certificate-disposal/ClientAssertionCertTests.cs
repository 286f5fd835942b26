// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/ClientAssertionCertTests.cs
// flow: fic
[TestClass]
public class ClientAssertionCertTests
{
    [TestMethod]
    public async Task BindingCertificate_Rotates_TestAsync()
    {
        using var certA = CreateSelfSignedCert(TimeSpan.FromDays(3), "CN=A"); // want "certificate-disposal: Certificate certA is created in a using and handed to MSAL \(TokenBindingCertificate = currentCert, line 13\)"
        using var certB = CreateSelfSignedCert(TimeSpan.FromDays(3), "CN=B");
        X509Certificate2 currentCert = certA;
        Func<AssertionRequestOptions, CancellationToken, Task<ClientSignedAssertion>> provider =
            (options, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = "jwt", TokenBindingCertificate = currentCert });
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId).WithClientAssertion(provider).Build();
    }

    [TestMethod]
    public void Vanilla_TestAsync()
    {
        using (var cert = new X509Certificate2(certPath, password)) // want "certificate-disposal: .*WithCertificate\(cert\)"
        {
            var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .Build();
        }
    }

    [TestMethod]
    public void CacheOnly_TestAsync()
    {
        // A public-only certificate never given to MSAL: not a finding.
        using var cert = CreateSelfSignedCert(TimeSpan.FromDays(2));
        var entry = new CertificateCacheEntry(cert, DateTimeOffset.UtcNow);
        Assert.IsTrue(entry.IsValid);
    }

    [TestMethod]
    public void Store_TestAsync()
    {
        X509Certificate2 cert = CertificateHelper.FindCertificateByName(certName);
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithCertificate(cert, true)
            .Build();
        using var response = await httpClient.GetAsync(uri);
        using var other = CreateSelfSignedCert(TimeSpan.FromDays(2));
    }

    [TestMethod]
    public void Other_Cert_TestAsync()
    {
        using var unrelated = CreateSelfSignedCert(TimeSpan.FromDays(2));
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithCertificate(s_storeCert, true)
            .Build();
    }
}
