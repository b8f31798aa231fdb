using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>Where a PutEvents call goes, and whether it must be signed with SigV4a (a global endpoint).</summary>
/// <param name="Url">The endpoint URL.</param>
/// <param name="SigV4a">True for a global endpoint (<c>EndpointId</c>): signed with SigV4a for every region (<c>*</c>).</param>
internal sealed record EventBridgeEndpoint(string Url, bool SigV4a = false);

/// <summary>
/// The outcome of EventBridge's endpoint rule set (<c>endpoint-rule-set-1.json</c> of the service model), evaluated
/// directly and in the rule set's order: GovCloud's dual-stack FIPS endpoint first, then a global endpoint
/// (<c>EndpointId</c>), then the steps every standard rule set takes (<see cref="StandardEndpointRules"/>) and the
/// regional host, with GovCloud's legacy FIPS hosts being the regular ones.
/// </summary>
internal static class EventBridgeEndpoints
{
    /// <summary>Returns the endpoint, or throws <see cref="ArgumentException"/> with the rule set's error text.</summary>
    public static EventBridgeEndpoint Resolve(string? endpoint, string? region, bool useFips, bool useDualStack, string? endpointId = null)
    {
        var partition = string.IsNullOrEmpty(region) ? null : Fn.Partition(region);
        if (string.IsNullOrEmpty(endpoint) && partition is { name: "aws-us-gov" } && useFips && useDualStack)
        {
            return new($"https://events.{region}.{partition.dualStackDnsSuffix}");
        }

        if (endpointId is not null && partition is not null)
        {
            return Global(endpoint, partition, endpointId, useFips, useDualStack);
        }

        if (StandardEndpointRules.CustomEndpoint(endpoint, useFips, useDualStack) is { } custom)
        {
            return new(custom);
        }

        var regional = StandardEndpointRules.Partition(region, useFips, useDualStack);
        return new((useFips, useDualStack) switch
        {
            (true, true) => $"https://events-fips.{region}.{regional.dualStackDnsSuffix}",
            (true, false) when region is "us-gov-east-1" or "us-gov-west-1" => $"https://events.{region}.amazonaws.com",
            (true, false) => $"https://events-fips.{region}.{regional.dnsSuffix}",
            (false, true) => $"https://events.{region}.{regional.dualStackDnsSuffix}",
            (false, false) => $"https://events.{region}.{regional.dnsSuffix}",
        });
    }

    private static EventBridgeEndpoint Global(string? endpoint, Partition partition, string endpointId, bool useFips, bool useDualStack)
    {
        if (!Fn.IsValidHostLabel(endpointId, true))
        {
            throw new ArgumentException("EndpointId must be a valid host label.");
        }

        if (useFips)
        {
            throw new ArgumentException("Invalid Configuration: FIPS is not supported with EventBridge multi-region endpoints.");
        }

        if (!string.IsNullOrEmpty(endpoint))
        {
            return new(endpoint, SigV4a: true);
        }

        if (useDualStack && !partition.supportsDualStack)
        {
            throw new ArgumentException("DualStack is enabled but this partition does not support DualStack");
        }

        return new($"https://{endpointId}.endpoint.events.{(useDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix)}", SigV4a: true);
    }
}
