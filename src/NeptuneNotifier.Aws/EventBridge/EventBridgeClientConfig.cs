using Amazon.Runtime.Endpoints;

namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// Configuration of <see cref="EventBridgeClient"/>: everything <see cref="ClientConfig"/> offers (region from
/// <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_EVENTBRIDGE</c> / <c>AWS_ENDPOINT_URL</c>, retry mode, timeouts, FIPS,
/// dual-stack). When you set <see cref="ClientConfig.ServiceURL"/> in code, also set
/// <see cref="ClientConfig.AuthenticationRegion"/> so requests are signed for the right region.
/// </summary>
public sealed class EventBridgeClientConfig() : AwsServiceConfig("EventBridge", "events", "2015-10-07")
{
    /// <summary>Resolves the regional endpoint the way the service's endpoint rule set does.</summary>
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => new(EventBridgeEndpoints.Resolve(ServiceURL, RegionEndpoint?.SystemName, UseFIPSEndpoint, UseDualstackEndpoint).Url);
}
