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
    private const string ServiceUrl = "http://127.0.0.1:4566";

    /// <summary>Each case: a client config, and the endpoint URL the pipeline must get from it.</summary>
    private static readonly Dictionary<string, (Func<ClientConfig> Config, string Expected)> Cases = new()
    {
        ["events, FIPS"] = (() => new EventBridgeClientConfig { RegionEndpoint = RegionEndpoint.USWest2, UseFIPSEndpoint = true }, "https://events-fips.us-west-2.amazonaws.com"),
        ["events, GovCloud FIPS"] = (() => new EventBridgeClientConfig { RegionEndpoint = RegionEndpoint.USGovCloudWest1, UseFIPSEndpoint = true }, "https://events.us-gov-west-1.amazonaws.com"),
        ["events, service URL"] = (() => new EventBridgeClientConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" }, ServiceUrl + "/"),
        ["neptune-graph, FIPS"] = (() => new NeptuneGraphClientConfig { RegionEndpoint = RegionEndpoint.EUWest1, UseFIPSEndpoint = true }, "https://neptune-graph-fips.eu-west-1.amazonaws.com"),
        ["neptune-graph, service URL"] = (() => new NeptuneGraphClientConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" }, ServiceUrl + "/"),
        ["sns, dual-stack"] = (() => new SnsClientConfig { RegionEndpoint = RegionEndpoint.EUWest1, UseDualstackEndpoint = true }, "https://sns.eu-west-1.api.aws"),
        ["sns, service URL"] = (() => new SnsClientConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" }, ServiceUrl + "/"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DetermineServiceOperationEndpoint_Config_ReturnsTheRuleSetsEndpoint(string name)
    {
        // Arrange
        var (config, expected) = Cases[name];

        // Act
        var endpoint = config().DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(null));

        // Assert
        endpoint.URL.ShouldBe(expected);
    }
}
