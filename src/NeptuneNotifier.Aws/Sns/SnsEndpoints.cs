namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// The outcome of SNS's endpoint rules: the steps every standard rule set takes (<see cref="StandardEndpointRules"/>),
/// then the regional host. FIPS in us-gov-east-1 and us-gov-west-1 is their regular host: the rule set
/// (<c>endpoint-rule-set-1.json</c> of the service model) names these two regions, so a GovCloud region added later
/// gets the <c>sns-fips</c> host, as in every other partition.
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
            (true, false) when region is "us-gov-east-1" or "us-gov-west-1" => $"https://sns.{region}.amazonaws.com",
            (true, false) => $"https://sns-fips.{region}.{partition.dnsSuffix}",
            (false, true) => $"https://sns.{region}.{partition.dualStackDnsSuffix}",
            (false, false) => $"https://sns.{region}.{partition.dnsSuffix}",
        };
    }
}
