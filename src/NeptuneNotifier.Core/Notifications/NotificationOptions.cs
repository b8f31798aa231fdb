using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core.Notifications;

/// <summary>What the notification content depends on besides the transition itself.</summary>
/// <param name="Region">The AWS Region of the graphs, for console links (for example <c>us-east-1</c>).</param>
/// <param name="FifoTopic">True when the topic is a FIFO topic (its ARN ends in <c>.fifo</c>): messages then carry a group and a deduplication id.</param>
public sealed partial record NotificationOptions(string Region, bool FifoTopic)
{
    /// <summary>Options for a topic ARN: FIFO when the topic name ends in <c>.fifo</c>.</summary>
    public static NotificationOptions ForTopic(string region, string topicArn)
    {
        ArgumentNullException.ThrowIfNull(topicArn);
        return new(region, topicArn.EndsWith(".fifo", StringComparison.Ordinal));
    }

    /// <summary>Returns every problem with these options, each naming the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        Region is not null && RegionPattern().IsMatch(Region)
            ? []
            : [$"{nameof(Region)}: '{Region}' is not an AWS Region name such as us-east-1."];

    [GeneratedRegex("^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
