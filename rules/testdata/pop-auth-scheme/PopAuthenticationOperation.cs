// path: src/client/Microsoft.Identity.Client/AuthScheme/PopAuthenticationOperation.cs
internal class PopAuthenticationOperation
{
    /// <summary>
    /// The Authorization header scheme of a Proof-of-Possession token is "PoP".
    /// </summary>
    public string AuthorizationHeaderPrefix => "PoP";

    // Unlike the mTLS PoP operation (MtlsPopAuthenticationOperation).
    public int TelemetryTokenType => 2;
}
