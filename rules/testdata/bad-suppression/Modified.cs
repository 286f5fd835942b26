// path: src/client/Microsoft.Identity.Client/MtlsPop/Binding.cs
namespace Microsoft.Identity.Client.MtlsPop
{
    internal static class Binding
    {
        // reviewbot:ignore
        internal const int Version = 2;
        // reviewbot:ignore vanilla-legs // want "bad-suppression: reviewbot:ignore vanilla-legs gives no reason"
    }
}
