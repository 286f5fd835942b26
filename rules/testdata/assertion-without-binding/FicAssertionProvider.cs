// path: .github/skills/msal-mtls-pop-fic-two-leg/FicAssertionProvider.cs
// flow: fic
public sealed class FicAssertionProvider
{
    private readonly AuthenticationResult _leg1Result;

    public ClientSignedAssertion CreateAssertion(bool bindCertificate = false) // want "assertion-without-binding: bindCertificate defaults to false, so the ClientSignedAssertion built at line 12"
    {
        return new ClientSignedAssertion
        {
            Assertion = _leg1Result.AccessToken,
            TokenBindingCertificate = bindCertificate ? _leg1Result.BindingCertificate : null
        };
    }

    public Func<AssertionRequestOptions, CancellationToken, Task<ClientSignedAssertion>> CreateAssertionCallback(
        bool bindCertificate = false) // want "assertion-without-binding: bindCertificate defaults to false"
    {
        return (options, ct) => Task.FromResult(CreateAssertion(bindCertificate));
    }

    public ClientSignedAssertion CreateBound(bool strict = false)
    {
        return new ClientSignedAssertion { Assertion = _leg1Result.AccessToken, TokenBindingCertificate = _leg1Result.BindingCertificate };
    }
}
