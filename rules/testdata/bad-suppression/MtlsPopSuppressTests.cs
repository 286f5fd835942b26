// path: tests/Microsoft.Identity.Test.Unit/MtlsPopSuppressTests.cs
using System;

// The harness runs the rules alone: a well-formed suppression is applied
// by the review engine afterwards (review/suppress_test.go), so the finding
// it silences is still expected here.
public class MtlsPopSuppressTests
{
    public void Run(AuthenticationResult result)
    {
        // reviewbot:ignore secret-logging the test prints a fake token from MockHttpManager
        Console.WriteLine(result.AccessToken); // want "secret-logging"
        Console.WriteLine(result.AccessToken); // reviewbot:ignore secret-logging a fake token, see above // want "secret-logging"

        // reviewbot:ignore secret-logging // want "bad-suppression: reviewbot:ignore secret-logging gives no reason, so it silences nothing: say why the finding is wrong here \(// reviewbot:ignore <rule-id> <reason>\)"
        // reviewbot:ignore // want "bad-suppression: reviewbot:ignore names no rule, so it silences nothing: write // reviewbot:ignore <rule-id> <reason>"
        // reviewbot:ignore secret-loging the ID has a typo // want `bad-suppression: reviewbot:ignore names "secret-loging", which is no reviewbot rule`
        var region = "westus3"; // reviewbot:ignore placeholder-region // want "bad-suppression: reviewbot:ignore placeholder-region gives no reason"
        /* reviewbot:ignore hardcoded-secret */ // want "bad-suppression: .*hardcoded-secret gives no reason"

        // Not suppressions: the marker inside other words, text or strings.
        // reviewbot:ignorethis is not the marker
        // see reviewbot:ignore in the README
        string s = "// reviewbot:ignore in a string";
    }
}
