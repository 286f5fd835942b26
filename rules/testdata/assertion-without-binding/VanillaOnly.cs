// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/AssertionBearerTests.cs
// flow: vanilla
public class AssertionBearerTests
{
    public void Build()
    {
        var a = new ClientSignedAssertion { Assertion = "jwt" };
    }
}
