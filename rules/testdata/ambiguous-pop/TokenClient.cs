// path: src/client/Microsoft.Identity.Client/OAuth2/TokenClient.cs
namespace Microsoft.Identity.Client.OAuth2
{
    internal class TokenClient
    {
        // Adds the PoP key id to the request when one is configured. // want "ambiguous-pop"
        internal void AddKeyId(string keyId)
        {
            _parameters["req_cnf"] = keyId;
        }
    }
}
