using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core;

/// <summary>
/// A channel notifications go to, with the name its confirmed deliveries are recorded under in the stored claim
/// (<see cref="DeliveredChannels"/>). The name, not the channel's type, identifies it across processes and deploys, so
/// it must stay the same for the same destination kind: <see cref="Sns"/>, <see cref="EventBridge"/>.
/// </summary>
public sealed partial record DeliveryChannel
{
    /// <summary>The name of the SNS topic channel (TOPIC_ARN).</summary>
    public const string Sns = "sns";

    /// <summary>The name of the EventBridge bus channel (EVENT_BUS_NAME).</summary>
    public const string EventBridge = "eventbridge";

    /// <summary>Names a channel.</summary>
    /// <exception cref="ArgumentException">The name is not 1 to 32 of lowercase letters, digits and hyphens, starting with a letter.</exception>
    public DeliveryChannel(string name, INotificationChannel channel)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a channel name (1 to 32 of a-z, 0-9 and '-', starting with a letter).", nameof(name));
        }

        Name = name;
        Channel = channel ?? throw new ArgumentNullException(nameof(channel));
    }

    /// <summary>The name deliveries are recorded under.</summary>
    public string Name { get; }

    /// <summary>The channel itself.</summary>
    public INotificationChannel Channel { get; }

    // Stored as a key of the claim (a DynamoDB map key, a JSON member name): plain, short, stable.
    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
