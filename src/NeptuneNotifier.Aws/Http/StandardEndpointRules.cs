using System.Diagnostics.CodeAnalysis;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// The steps that the endpoint rule sets of Neptune Analytics and SNS (each service's <c>endpoint-rule-set-1.json</c>)
/// take alike before each names its own host: a custom endpoint is used as it is, but with neither FIPS nor dual-stack;
/// otherwise the region's partition must support what was asked for. Failures are <see cref="ArgumentException"/>s
/// with the rule sets' own text. Partition data (DNS suffixes, FIPS and dual-stack support) comes from AWSSDK.Core's
/// built-in partitions, the same data the generated SDK clients use.
/// </summary>
internal static class StandardEndpointRules
{
    /// <summary>The custom endpoint when one is set, or null when the region decides.</summary>
    public static string? CustomEndpoint(string? endpoint, bool useFips, bool useDualStack)
    {
        if (string.IsNullOrEmpty(endpoint))
        {
            return null;
        }

        if (useFips)
        {
            throw new ArgumentException("Invalid Configuration: FIPS and custom endpoint are not supported");
        }

        return useDualStack
            ? throw new ArgumentException("Invalid Configuration: Dualstack and custom endpoint are not supported")
            : endpoint;
    }

    /// <summary>The partition of <paramref name="region"/>, once it is known to support FIPS and dual-stack as asked.</summary>
    public static Partition Partition([NotNull] string? region, bool useFips, bool useDualStack)
    {
        if (string.IsNullOrEmpty(region))
        {
            throw new ArgumentException("Invalid Configuration: Missing Region");
        }

        var partition = Fn.Partition(region) ?? throw new ArgumentException($"Invalid Configuration: no partition for region '{region}'");
        if (useFips && useDualStack)
        {
            return partition.supportsFIPS && partition.supportsDualStack
                ? partition
                : throw new ArgumentException("FIPS and DualStack are enabled, but this partition does not support one or both");
        }

        if (useFips && !partition.supportsFIPS)
        {
            throw new ArgumentException("FIPS is enabled but this partition does not support FIPS");
        }

        return useDualStack && !partition.supportsDualStack
            ? throw new ArgumentException("DualStack is enabled but this partition does not support DualStack")
            : partition;
    }
}
