using Amazon.Runtime.Internal;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// The SDK-wide defaults modes (standard, in-region, cross-region, mobile, auto) with the values every generated
/// AWS SDK for .NET client ships, so <c>AWS_DEFAULTS_MODE</c> and the retry mode settings behave the same for our clients.
/// </summary>
internal static class DefaultConfigurations
{
    public static IDefaultConfigurationProvider CreateProvider() => new DefaultConfigurationProvider(
    [
        Create(DefaultConfigurationMode.Standard, TimeSpan.FromMilliseconds(3100)),
        Create(DefaultConfigurationMode.InRegion, TimeSpan.FromMilliseconds(1100)),
        Create(DefaultConfigurationMode.CrossRegion, TimeSpan.FromMilliseconds(3100)),
        Create(DefaultConfigurationMode.Mobile, TimeSpan.FromMilliseconds(30000)),
        Create(DefaultConfigurationMode.Auto, TimeSpan.FromMilliseconds(1100)),
    ]);

    private static DefaultConfiguration Create(DefaultConfigurationMode mode, TimeSpan connectTimeout) => new()
    {
        Name = mode,
        RetryMode = RequestRetryMode.Standard,
        S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
        ConnectTimeout = connectTimeout,
        TlsNegotiationTimeout = connectTimeout,
        TimeToFirstByteTimeout = null,
        HttpRequestTimeout = null,
    };
}
