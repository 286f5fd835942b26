// path: .github/skills/msal-mtls-pop-vanilla/MtlsPopTokenAcquirer.cs
public sealed class Sample
{
    public static void Main()
    {
        string clientId = "your-client-id"; // want "placeholder-value"
        string tenantId = TestConstants.TenantId;
        // string old = "your-client-id"; (comment)
        var a = new MtlsPopTokenAcquirer(
            clientId: "your-client-id", // want "placeholder-value"
            tenantId: "00000000-0000-0000-0000-000000000000");
        var b = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; // want "placeholder-value"
    }
}
