using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using Amazon.Util.Internal;
using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// Configuration of <see cref="SnsClient"/>: everything <see cref="ClientConfig"/> offers (region from
/// <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_SNS</c> / <c>AWS_ENDPOINT_URL</c>, retry mode, timeouts, FIPS, dual-stack).
/// When you set <see cref="ClientConfig.ServiceURL"/> in code, also set <see cref="ClientConfig.AuthenticationRegion"/>.
/// </summary>
public sealed class SnsClientConfig : ClientConfig
{
    private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString("SNS", "1.0.0.0");

    public SnsClientConfig()
        : base(DefaultConfigurations.CreateProvider())
    {
        ServiceId = "SNS";
        AuthenticationServiceName = "sns";
    }

    public override string RegionEndpointServiceName => "sns";

    public override string ServiceVersion => "2010-03-31";

    public override string UserAgent => UserAgentString;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => new(SnsEndpoints.Resolve(ServiceURL, RegionEndpoint?.SystemName, UseFIPSEndpoint, UseDualstackEndpoint));
}

/// <summary>The outcome of SNS's endpoint rules: the standard regional pattern, with GovCloud's FIPS endpoints being the regular ones.</summary>
internal static class SnsEndpoints
{
    public static string Resolve(string? endpoint, string? region, bool useFips, bool useDualStack)
    {
        if (!string.IsNullOrEmpty(endpoint))
        {
            return useFips
                ? throw new ArgumentException("Invalid Configuration: FIPS and custom endpoint are not supported")
                : useDualStack
                    ? throw new ArgumentException("Invalid Configuration: Dualstack and custom endpoint are not supported")
                    : endpoint;
        }

        if (string.IsNullOrEmpty(region))
        {
            throw new ArgumentException("Invalid Configuration: Missing Region");
        }

        var partition = Fn.Partition(region) ?? throw new ArgumentException($"Invalid Configuration: no partition for region '{region}'");
        if (useFips && useDualStack)
        {
            return partition.supportsFIPS && partition.supportsDualStack
                ? $"https://sns-fips.{region}.{partition.dualStackDnsSuffix}"
                : throw new ArgumentException("FIPS and DualStack are enabled, but this partition does not support one or both");
        }

        if (useFips)
        {
            return !partition.supportsFIPS
                ? throw new ArgumentException("FIPS is enabled but this partition does not support FIPS")
                : partition.name == "aws-us-gov"
                    ? $"https://sns.{region}.amazonaws.com"
                    : $"https://sns-fips.{region}.{partition.dnsSuffix}";
        }

        if (useDualStack)
        {
            return partition.supportsDualStack
                ? $"https://sns.{region}.{partition.dualStackDnsSuffix}"
                : throw new ArgumentException("DualStack is enabled but this partition does not support DualStack");
        }

        return $"https://sns.{region}.{partition.dnsSuffix}";
    }
}
