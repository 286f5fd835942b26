// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/ClientAssertionCertTests.cs
// flow: fic
[TestClass]
public class ClientAssertionCertTests
{
    [TestMethod]
    public async Task BindingCertificate_Rotates_TestAsync()
    {
        // The app is local to the test: the certificates are disposed after
        // its last MSAL call, which is test hygiene, not a finding.
        using var certA = CreateSelfSignedCert(TimeSpan.FromDays(3), "CN=A");
        using var certB = CreateSelfSignedCert(TimeSpan.FromDays(3), "CN=B");
        X509Certificate2 currentCert = certA;
        Func<AssertionRequestOptions, CancellationToken, Task<ClientSignedAssertion>> provider =
            (options, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = "jwt", TokenBindingCertificate = currentCert });
        var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId).WithClientAssertion(provider).Build();
        var result = await app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession().ExecuteAsync();
    }

    [TestMethod]
    public void Vanilla_TestAsync()
    {
        using (var cert = new X509Certificate2(certPath, password))
        {
            var app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .Build();
        }
    }

    [TestMethod]
    public async Task Provider_Outlives_TestAsync()
    {
        using var certA = CreateSelfSignedCert(TimeSpan.FromDays(3), "CN=A"); // want "certificate-disposal: Certificate certA is created in a using and handed to MSAL \(TokenBindingCertificate = currentCert, line 37\), but provider, which holds it, is stored in s_provider on line 38"
        X509Certificate2 currentCert = certA;
        Func<AssertionRequestOptions, CancellationToken, Task<ClientSignedAssertion>> provider =
            (options, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = "jwt", TokenBindingCertificate = currentCert });
        s_provider = provider;
    }

    [TestMethod]
    public void App_Used_After_Using_TestAsync()
    {
        IConfidentialClientApplication app;
        using (var cert = new X509Certificate2(certPath, password)) // want "certificate-disposal: .*WithCertificate\(cert\).*app, which holds it, is used on line 51 after the using ends"
        {
            app = ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
                .WithCertificate(cert, true)
                .Build();
        }
        var result = await app.AcquireTokenForClient(scopes).ExecuteAsync();
    }

    [TestMethod]
    public IConfidentialClientApplication Returned_TestAsync()
    {
        using var cert = new X509Certificate2(certPath, password); // want "certificate-disposal: .*the MSAL object holding it is returned on line 58"
        return ConfidentialClientApplicationBuilder.Create(TestConstants.ClientId)
            .WithCertificate(cert, true)
            .Build();
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
