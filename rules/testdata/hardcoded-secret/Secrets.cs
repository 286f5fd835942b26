// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopSecretsTests.cs
public class MtlsPopSecretsTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"; // want "hardcoded-secret: A signed JWT"
    private const string ClientSecret = "secret";
    private const string Secret2 = "Zq4x!mB9#rT2vL8pW"; // not a secret-named target: left alone

    public void Build()
    {
        var a = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientSecret("Abc8Q~Zx1yW2vU3tS4rQ5pO6nM7lK8jI9hG0fE1d") // want "hardcoded-secret: A client secret literal"
            .Build();
        var b = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithClientSecret(TestConstants.ClientSecret)
            .WithClientSecret(Environment.GetEnvironmentVariable("CLIENT_SECRET"))
            .WithClientSecret("your-client-secret") // want "placeholder-value"
            .Build();
        string clientSecret = "k2J#9vL!q8Zp3mW7x"; // want "hardcoded-secret"
        var body = "grant_type=client_credentials&client_secret=T0pS3cr3tV4lu3Xy9"; // want "hardcoded-secret"
        var form = new Dictionary<string, string> { { "client_secret", "u7Y#kP2!vN9qL4zX" } }; // want "hardcoded-secret"
        string password = "test-password-123";
        string fake1 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.fake.sig";
        string fake2 = $"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{Uri.EscapeDataString(keyId)}.sig";
        var header = new Dictionary<string, string> { { "client_assertion", "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCIsIng1dCNTMjU2IjoiSnBmTm1PM1lpR2pHQ1pWY..." } };
        // A comment quoting eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c leaks it too // want "hardcoded-secret: A signed JWT"
        var pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3f9pqLz0aB8c1kQ5Zt7Wm2N4vP6rS8uY0eD1fG3hJ5kL7n\n-----END RSA PRIVATE KEY-----"; // want "hardcoded-secret: A PEM private key"
        var doc = "Load the -----BEGIN PRIVATE KEY----- block from Key Vault";
    }
}
