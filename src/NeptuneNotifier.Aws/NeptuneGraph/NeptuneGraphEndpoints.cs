namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// The outcome of Neptune Analytics' endpoint rule set (<c>endpoint-rule-set-1.json</c>), evaluated directly instead of
/// by a generic rules engine: the steps every standard rule set takes (<see cref="StandardEndpointRules"/>), then the
/// host for the API type.
/// </summary>
internal static class NeptuneGraphEndpoints
{
    public const string ControlPlane = "ControlPlane";
    public const string DataPlane = "DataPlane";

    /// <summary>Returns the endpoint URL, or throws <see cref="ArgumentException"/> with the rule set's error text.</summary>
    public static string Resolve(string? endpoint, string? region, bool useFips, bool useDualStack, string apiType)
    {
        if (StandardEndpointRules.CustomEndpoint(endpoint, useFips, useDualStack) is { } custom)
        {
            return custom;
        }

        var partition = StandardEndpointRules.Partition(region, useFips, useDualStack);
        return (apiType, useFips, useDualStack) switch
        {
            (ControlPlane, true, true) => $"https://neptune-graph-fips.{region}.{partition.dualStackDnsSuffix}",
            (ControlPlane, true, false) => $"https://neptune-graph-fips.{region}.{partition.dnsSuffix}",
            (ControlPlane, false, true) => $"https://neptune-graph.{region}.{partition.dualStackDnsSuffix}",
            (ControlPlane, false, false) => $"https://neptune-graph.{region}.{partition.dnsSuffix}",
            (DataPlane, true, _) => throw new ArgumentException("Invalid Configuration: fips endpoint is not supported for this API"),
            (DataPlane, false, true) => $"https://neptune-graph.{region}.on.aws",
            (DataPlane, false, false) => $"https://{region}.neptune-graph.{partition.dnsSuffix}",
            _ => throw new ArgumentException("Invalid Configuration: Unknown ApiType"),
        };
    }
}
