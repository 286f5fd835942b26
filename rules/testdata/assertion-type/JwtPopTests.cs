// path: tests/Microsoft.Identity.Test.Integration.netcore/HeadlessTests/ClientCredentialsMtlsPopTests.cs
// flow: fic
[TestClass]
public class ClientCredentialsMtlsPopTests
{
    [TestMethod]
    public async Task Sni_AssertionFlow_Uses_JwtPop_TestAsync()
    {
        var app = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((o, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = jwt, TokenBindingCertificate = cert }))
            .Build();
        data.BodyParameters.TryGetValue("client_assertion_type", out string clientAssertionType);
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-pop", clientAssertionType);
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", clientAssertionType); // want "assertion-type: This FIC mTLS PoP test binds the assertion \(TokenBindingCertificate = cert\) yet asserts jwt-bearer"
        Assert.AreEqual(
            OAuth2AssertionType.JwtBearer, // want "assertion-type: .*asserts jwt-bearer"
            clientAssertionType);
    }

    [TestMethod]
    public async Task Leg2_Bearer_TestAsync()
    {
        var app = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientAssertion((o, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = jwt, TokenBindingCertificate = null }))
            .Build();
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", clientAssertionType);
    }

    [TestMethod]
    public void Typos_TestAsync()
    {
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt_pop", t); // want `assertion-type: "urn:ietf:params:oauth:client-assertion-type:jwt_pop" is a near-miss`
        Assert.AreEqual("urn:ietf:params:oauth:client_assertion_type:jwt-pop", t); // want "assertion-type: .*near-miss"
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-PoP", t); // want "assertion-type: .*near-miss"
        Assert.AreEqual("urn:ietf:params:oauth:grant-type:jwt-bearer", g);
        Assert.AreEqual("urn:ietf:params:oauth:token-type:access_token", g);
        Assert.AreEqual("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", b);
        var key = "client_assertion_type";
        // Verify: clientAssertionType == "urn:ietf:params:oauth:client-assertion-type:jwt-pop"
    }
}
