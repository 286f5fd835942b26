// path: src/client/Microsoft.Identity.Client/OAuth2/MsalTokenResponse.cs
internal class MsalTokenResponse
{
    // Library code reads every token type there is: mtls_pop for mTLS
    // PoP, the Signed-HTTP-Request kind and bearer.
    internal bool IsPopTokenType()
    {
        return string.Equals(TokenType, "pop", StringComparison.OrdinalIgnoreCase);
    }

    internal bool IsMtlsPop(AcquireTokenCommonParameters p)
    {
        return p.IsMtlsPopRequested && TokenType == "pop"; // want `token-type: TokenType compared with .pop.`
    }
}

internal class PopAuthenticationOperation
{
    public string AccessTokenType => Constants.PoPTokenType;
    internal bool IsPop(MsalTokenResponse r) => r.TokenType == Constants.PoPTokenType;
}
