// path: src/client/Microsoft.Identity.Client/Instance/AuthorityTemplates.cs
internal static class AuthorityTemplates
{
    private const string Template = "https://login.microsoftonline.com/{tenant}/";

    public static string For(string tenantId) => Template.Replace("{tenant}", tenantId);

    public static void Call()
    {
        Method(/* no arguments */);
        Use(a, /* load certificate */); // want "placeholder-value: pseudo-code"
    }
}
