// path: tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopRegionTests.cs
using Microsoft.Identity.Client;

public class MtlsPopRegionTests
{
    private const string Region = "centralus";

    public void Builders(string region)
    {
        var a = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithAzureRegion("your-region") // want `placeholder-region: WithAzureRegion\("your-region"\) is not an Azure region name.*"westus3"`
            .Build();
        var b = ConfidentialClientApplicationBuilder.Create(ClientId).WithAzureRegion("westus-3").Build(); // want `did you mean .WithAzureRegion\("westus3"\)`
        var c = ConfidentialClientApplicationBuilder.Create(ClientId)
            .WithAzureRegion(azureRegion: "region-placeholder") // want "placeholder-region"
            .Build();
        var d = Builder().WithAzureRegion("West US 2"); // want `did you mean .WithAzureRegion\("westus2"\)`

        // Look-alikes: real names, variables, constants, templates.
        var e = Builder().WithAzureRegion("westus3");
        var f = Builder().WithAzureRegion("eastus2").WithAzureRegion("centraluseuap");
        var g = Builder().WithAzureRegion(region);
        var h = Builder().WithAzureRegion(Region);
        var i = Builder().WithAzureRegion(ConfidentialClientApplication.AttemptRegionDiscovery);
        var j = Builder().WithAzureRegion("TryAutoDetect");
        var k = Builder().WithAzureRegion($"{region}");
        // .WithAzureRegion("your-region") in a comment is not code.
        string s = "Add .WithAzureRegion() to the builder";
        var url = $"https://{region}.mtlsauth.microsoft.com";
    }
}
