using Amazon;
using Amazon.Runtime.Endpoints;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// What AWSSDK.Core's request pipeline asks each client's config for (<c>DetermineServiceOperationEndpoint</c>): the
/// endpoint its rule set gives for the config's region and flags, or the <c>ServiceURL</c> as set.
/// </summary>
public sealed class ClientConfigEndpointTests
{
    private static readonly Dictionary<string, Func<ClientConfig>> Configs = new()
    {
        ["events, FIPS"] = () => new EventBridgeClientConfig { RegionEndpoint = RegionEndpoint.USWest2, UseFIPSEndpoint = true },
        ["events, GovCloud FIPS"] = () => new EventBridgeClientConfig { RegionEndpoint = RegionEndpoint.USGovCloudWest1, UseFIPSEndpoint = true },
        ["events, service URL"] = () => new EventBridgeClientConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "us-east-1" },
        ["neptune-graph, FIPS"] = () => new NeptuneGraphClientConfig { RegionEndpoint = RegionEndpoint.EUWest1, UseFIPSEndpoint = true },
        ["neptune-graph, service URL"] = () => new NeptuneGraphClientConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "us-east-1" },
        ["sns, dual-stack"] = () => new SnsClientConfig { RegionEndpoint = RegionEndpoint.EUWest1, UseDualstackEndpoint = true },
        ["sns, service URL"] = () => new SnsClientConfig { ServiceURL = "http://127.0.0.1:4566", AuthenticationRegion = "us-east-1" },
    };

    [Theory]
    [InlineData("events, FIPS", "https://events-fips.us-west-2.amazonaws.com")]
    [InlineData("events, GovCloud FIPS", "https://events.us-gov-west-1.amazonaws.com")]
    [InlineData("events, service URL", "http://127.0.0.1:4566/")]
    [InlineData("neptune-graph, FIPS", "https://neptune-graph-fips.eu-west-1.amazonaws.com")]
    [InlineData("neptune-graph, service URL", "http://127.0.0.1:4566/")]
    [InlineData("sns, dual-stack", "https://sns.eu-west-1.api.aws")]
    [InlineData("sns, service URL", "http://127.0.0.1:4566/")]
    public void DetermineServiceOperationEndpoint_Config_ReturnsTheRuleSetsEndpoint(string config, string expected)
    {
        // Act
        var endpoint = Configs[config]().DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(null));

        // Assert
        endpoint.URL.ShouldBe(expected);
    }
}
