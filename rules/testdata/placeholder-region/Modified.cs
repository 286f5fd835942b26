public class Samples
{
    public void Old()
    {
        var a = Builder().WithAzureRegion("your-region");
        var b = Builder().WithAzureRegion("regionname"); // want "placeholder-region"
        var c = Builder().WithAzureRegion("uksouth");
    }
}
