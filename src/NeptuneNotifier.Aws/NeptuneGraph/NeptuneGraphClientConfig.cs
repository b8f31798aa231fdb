using Amazon.Runtime.Endpoints;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// Configuration of <see cref="NeptuneGraphClient"/>: everything <see cref="ClientConfig"/> offers (region from
/// <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_NEPTUNE_GRAPH</c> / <c>AWS_ENDPOINT_URL</c>, retry mode, timeouts, FIPS,
/// dual-stack). When you set <see cref="ClientConfig.ServiceURL"/> in code, also set
/// <see cref="ClientConfig.AuthenticationRegion"/> so requests are signed for the right region.
/// </summary>
public sealed class NeptuneGraphClientConfig() : AwsServiceConfig("Neptune Graph", "neptune-graph", "2023-11-29")
{
    /// <summary>Resolves the control-plane endpoint the way the service's endpoint rule set does.</summary>
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => new(NeptuneGraphEndpoints.Resolve(ServiceURL, RegionEndpoint?.SystemName, UseFIPSEndpoint, UseDualstackEndpoint, NeptuneGraphEndpoints.ControlPlane));
}
