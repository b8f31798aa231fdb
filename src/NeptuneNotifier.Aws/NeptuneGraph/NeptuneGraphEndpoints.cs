using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// The outcome of Neptune Analytics' endpoint rule set (<c>endpoint-rule-set-1.json</c>), evaluated directly instead of
/// by a generic rules engine. Partition data (DNS suffixes, FIPS and dual-stack support) comes from AWSSDK.Core's
/// built-in partitions, the same data the generated SDK clients use.
/// </summary>
internal static class NeptuneGraphEndpoints
{
    public const string ControlPlane = "ControlPlane";
    public const string DataPlane = "DataPlane";

    /// <summary>Returns the endpoint URL, or throws <see cref="ArgumentException"/> with the rule set's error text.</summary>
    public static string Resolve(string? endpoint, string? region, bool useFips, bool useDualStack, string apiType)
    {
        if (!string.IsNullOrEmpty(endpoint))
        {
            if (useFips)
            {
                throw Invalid("Invalid Configuration: FIPS and custom endpoint are not supported");
            }

            if (useDualStack)
            {
                throw Invalid("Invalid Configuration: Dualstack and custom endpoint are not supported");
            }

            return endpoint;
        }

        if (string.IsNullOrEmpty(region))
        {
            throw Invalid("Invalid Configuration: Missing Region");
        }

        var partition = Fn.Partition(region) ?? throw Invalid($"Invalid Configuration: no partition for region '{region}'");
        if (useFips && useDualStack)
        {
            if (!partition.supportsFIPS || !partition.supportsDualStack)
            {
                throw Invalid("FIPS and DualStack are enabled, but this partition does not support one or both");
            }

            return apiType switch
            {
                ControlPlane => $"https://neptune-graph-fips.{region}.{partition.dualStackDnsSuffix}",
                DataPlane => throw Invalid("Invalid Configuration: fips endpoint is not supported for this API"),
                _ => throw Invalid("Invalid Configuration: Unknown ApiType"),
            };
        }

        if (useFips)
        {
            if (!partition.supportsFIPS)
            {
                throw Invalid("FIPS is enabled but this partition does not support FIPS");
            }

            return apiType switch
            {
                ControlPlane => $"https://neptune-graph-fips.{region}.{partition.dnsSuffix}",
                DataPlane => throw Invalid("Invalid Configuration: fips endpoint is not supported for this API"),
                _ => throw Invalid("Invalid Configuration: Unknown ApiType"),
            };
        }

        if (useDualStack)
        {
            if (!partition.supportsDualStack)
            {
                throw Invalid("DualStack is enabled but this partition does not support DualStack");
            }

            return apiType switch
            {
                ControlPlane => $"https://neptune-graph.{region}.{partition.dualStackDnsSuffix}",
                DataPlane => $"https://neptune-graph.{region}.on.aws",
                _ => throw Invalid("Invalid Configuration: Unknown ApiType"),
            };
        }

        return apiType switch
        {
            ControlPlane => $"https://neptune-graph.{region}.{partition.dnsSuffix}",
            DataPlane => $"https://{region}.neptune-graph.{partition.dnsSuffix}",
            _ => throw Invalid("Invalid Configuration: Unknown ApiType"),
        };
    }

    private static ArgumentException Invalid(string message) => new(message);
}
