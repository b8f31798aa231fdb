using Amazon;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>Which region the factory's clients sign for: the SDK's endpoint rules decide on a region's own endpoint, the given region on a fixed one.</summary>
public sealed class ServiceClientFactoryTests
{
    // fips-us-gov-west-1 is a pseudo-region: its endpoint rules sign for us-gov-west-1, so a signing region of its
    // name set by us would be refused.
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("fips-us-gov-west-1")]
    public void Create_RegionsOwnEndpoint_LeavesTheSigningRegionToTheEndpointRules(string region)
    {
        System.Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL").ShouldBeNull("this test needs no AWS_ENDPOINT_URL in its environment");
        var factory = new ServiceClientFactory(RegionEndpoint.GetBySystemName(region), TimeSpan.FromSeconds(5)) { Credentials = TestAccount.Credentials };

        foreach (var config in Configs(factory))
        {
            config.ServiceURL.ShouldBeNull($"{config.GetType().Name}: an AWS_ENDPOINT_URL_* variable is set for this test");
            config.AuthenticationRegion.ShouldBeNull(config.GetType().Name);
        }
    }

    [Fact]
    public void Create_FixedEndpoint_SignsForTheGivenRegion()
    {
        var factory = new ServiceClientFactory(RegionEndpoint.USWest2, TimeSpan.FromSeconds(5)) { Credentials = TestAccount.Credentials, ServiceUrl = "http://127.0.0.1:9" };

        Configs(factory).ShouldAllBe(config => config.AuthenticationRegion == "us-west-2");
    }

    private static List<Amazon.Runtime.IClientConfig> Configs(ServiceClientFactory factory)
    {
        using var dynamoDb = factory.CreateDynamoDb();
        using var neptune = factory.CreateNeptuneGraph();
        using var sns = factory.CreateSns();
        using var eventBridge = factory.CreateEventBridge();
        return [dynamoDb.Config, neptune.Config, sns.Config, eventBridge.Config];
    }
}
