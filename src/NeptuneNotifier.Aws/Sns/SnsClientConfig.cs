using Amazon.Runtime.Endpoints;

namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// Configuration of <see cref="SnsClient"/>: everything <see cref="ClientConfig"/> offers (region from
/// <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_SNS</c> / <c>AWS_ENDPOINT_URL</c>, retry mode, timeouts, FIPS, dual-stack).
/// When you set <see cref="ClientConfig.ServiceURL"/> in code, also set <see cref="ClientConfig.AuthenticationRegion"/>.
/// </summary>
public sealed class SnsClientConfig() : AwsServiceConfig("SNS", "sns", "2010-03-31")
{
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => new(SnsEndpoints.Resolve(ServiceURL, RegionEndpoint?.SystemName, UseFIPSEndpoint, UseDualstackEndpoint));
}
