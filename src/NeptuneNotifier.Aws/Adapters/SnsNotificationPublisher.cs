using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>Publishes notifications to one SNS topic through our SNS client.</summary>
public sealed class SnsNotificationPublisher(SnsClient client, string topicArn) : INotificationPublisher
{
    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var response = await client.PublishAsync(ToRequest(message), cancellationToken);
        return response.MessageId;
    }

    internal PublishRequest ToRequest(NotificationMessage message) => new()
    {
        TopicArn = topicArn,
        Subject = message.Subject,
        Message = message.Message,
        MessageStructure = NotificationMessage.MessageStructure,
        MessageAttributes = message.Attributes.ToDictionary(a => a.Key, a => MessageAttributeValue.String(a.Value), StringComparer.Ordinal),
        MessageGroupId = message.MessageGroupId,
        MessageDeduplicationId = message.MessageDeduplicationId,
    };
}
