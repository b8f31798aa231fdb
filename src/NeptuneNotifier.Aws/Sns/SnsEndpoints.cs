namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// The outcome of SNS's endpoint rules: the steps every standard rule set takes (<see cref="StandardEndpointRules"/>),
/// then the regional host, with GovCloud's FIPS endpoints being the regular ones.
/// </summary>
internal static class SnsEndpoints
{
    public static string Resolve(string? endpoint, string? region, bool useFips, bool useDualStack)
    {
        if (StandardEndpointRules.CustomEndpoint(endpoint, useFips, useDualStack) is { } custom)
        {
            return custom;
        }

        var partition = StandardEndpointRules.Partition(region, useFips, useDualStack);
        return (useFips, useDualStack) switch
        {
            (true, true) => $"https://sns-fips.{region}.{partition.dualStackDnsSuffix}",
            (true, false) when partition.name == "aws-us-gov" => $"https://sns.{region}.amazonaws.com",
            (true, false) => $"https://sns-fips.{region}.{partition.dnsSuffix}",
            (false, true) => $"https://sns.{region}.{partition.dualStackDnsSuffix}",
            (false, false) => $"https://sns.{region}.{partition.dnsSuffix}",
        };
    }
}
