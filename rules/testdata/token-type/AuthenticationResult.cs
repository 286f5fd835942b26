// path: src/client/Microsoft.Identity.Client/AuthenticationResult.cs
public partial class AuthenticationResult
{
    /// <summary>
    /// The token type: "Bearer", or "pop" for Proof-of-Possession tokens.
    /// </summary>
    public string TokenType { get; }

    /// <summary>
    /// The certificate an mTLS PoP token is bound to (BindingCertificate).
    /// </summary>
    public X509Certificate2 BindingCertificate { get; }
}
