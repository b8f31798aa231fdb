using Amazon.Util.Internal;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// What our own service clients set on <see cref="ClientConfig"/> alike: the SDK's defaults modes, the service id that
/// names the service's <c>AWS_ENDPOINT_URL_*</c> variable, the signing name, the API version and the user agent.
/// </summary>
public abstract class AwsServiceConfig : ClientConfig
{
    private protected AwsServiceConfig(string serviceId, string signingName, string serviceVersion)
        : base(DefaultConfigurations.CreateProvider())
    {
        ServiceId = serviceId;
        AuthenticationServiceName = signingName;
        RegionEndpointServiceName = signingName;
        ServiceVersion = serviceVersion;
        UserAgent = InternalSDKUtils.BuildUserAgentString(serviceId, "1.0.0.0");
    }

    public override string RegionEndpointServiceName { get; }

    public override string ServiceVersion { get; }

    public override string UserAgent { get; }
}
