using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// TOPIC_ARN and an EVENT_BUS_NAME given as an ARN, checked against AWS_REGION. The function and the CLI build their
/// SNS and EventBridge clients for AWS_REGION, so a topic or bus of another Region or partition passes every check of
/// form, deploys and starts, then fails every call of every cycle; it is refused with the settings instead.
/// </summary>
internal static partial class ChannelRegions
{
    /// <summary>The problems of the channel ARNs set, one for each ARN of another Region or partition than <paramref name="region"/>.</summary>
    /// <param name="topicArn">TOPIC_ARN, when set and of the right form.</param>
    /// <param name="eventBus">EVENT_BUS_NAME, when set and of the right form: only an ARN names a Region.</param>
    /// <param name="region">AWS_REGION, when set and of the right form; without it nothing is checked.</param>
    public static IEnumerable<string> Problems(string? topicArn, string? eventBus, string? region)
    {
        if (region is null)
        {
            yield break;
        }

        if (topicArn is not null
            && Mismatch(SettingDefinitions.TopicArn, topicArn, region, "topic", TopicInAnotherRegion) is { } topicProblem)
        {
            yield return topicProblem;
        }

        if (eventBus is not null && eventBus.StartsWith("arn:", StringComparison.Ordinal)
            && Mismatch(SettingDefinitions.EventBusName, eventBus, region, "bus", BusInAnotherRegion) is { } busProblem)
        {
            yield return busProblem;
        }
    }

    /// <summary>
    /// The partition <paramref name="region"/> belongs to, by the Region patterns of AWSSDK.Core's partition data
    /// (each partition's <c>regionRegex</c>); a name no pattern matches is in <c>aws</c>, as the SDK's
    /// <c>Fn.Partition</c> falls back. A test checks this against the SDK for every Region the SDK knows.
    /// </summary>
    public static string PartitionOf(string region)
    {
        var match = OtherPartitionRegex().Match(region);
        return !match.Success ? "aws" : match.Groups[1].Value switch
        {
            "cn" => "aws-cn",
            "us-gov" => "aws-us-gov",
            "us-iso" => "aws-iso",
            "us-isob" => "aws-iso-b",
            "eu-isoe" => "aws-iso-e",
            "us-isof" => "aws-iso-f",
            _ => "aws-eusc",
        };
    }

    // "You can publish messages only to topics and endpoints in the same Amazon Web Services Region."
    // (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html)
    private static string TopicInAnotherRegion(string region) =>
        "SNS publishes only to topics in the Region it is called in "
        + $"(https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). Use a topic in {region}, or run the notifier in the topic's Region.";

    // PutEvents documents a bus ARN of another Region only with a global endpoint (EndpointId), which our client
    // refuses: "If you're using a global endpoint with a custom bus, you can enter either the name or Amazon Resource
    // Name (ARN) of the event bus in either the primary or secondary Region here"
    // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html, EventBusName). Whether a
    // regional endpoint takes another Region's bus ARN is not documented; the documented way there is a rule whose
    // target is that bus. So it is refused, as the template's "a bus in this region" says.
    private static string BusInAnotherRegion(string region) =>
        $"events are put through EventBridge in AWS_REGION, and AWS does not document PutEvents taking another Region's bus there; "
        + $"put the events on a bus in {region} with a rule whose target is the other bus (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html).";

    // "VARIABLE 'arn' is in <where>, but AWS_REGION is <region>: <why that cannot work>", or null when the ARN is in
    // AWS_REGION and its partition. An ARN of another partition names no resource AWS_REGION's endpoint and credentials
    // can reach, whatever Region it names (arn:aws:sns:cn-north-1:... is no topic: China's ARNs start arn:aws-cn).
    private static string? Mismatch(TextSetting setting, string arn, string region, string resource, Func<string, string> inAnotherRegion)
    {
        var (partition, arnRegion) = (Part(arn, 1), Part(arn, 3));
        var expected = PartitionOf(region);
        if (partition != expected)
        {
            return $"{setting.Variable} '{arn}' is in {arnRegion} of partition {partition}, but AWS_REGION is {region} of partition {expected}: "
                + $"a {resource} in another partition cannot be reached with the endpoint and credentials of AWS_REGION's partition.";
        }

        return arnRegion == region ? null : $"{setting.Variable} '{arn}' is in {arnRegion}, but AWS_REGION is {region}: {inAnotherRegion(region)}";
    }

    // The fields of arn:partition:service:region:account:resource; the settings' patterns make sure all six are there.
    private static string Part(string arn, int index) => arn.Split(':', 6)[index];

    // The partitions other than aws, by their regionRegex: cn-\w+-\d+, us-gov-\w+-\d+, and so on. AWS_REGION holds
    // only lowercase letters, digits and hyphens, so \w+ is [a-z0-9]+ here.
    [GeneratedRegex(@"^(cn|us-gov|us-iso|us-isob|eu-isoe|us-isof|eusc-de)-[a-z0-9]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex OtherPartitionRegex();
}
