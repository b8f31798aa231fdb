using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>Publishes notifications to one SNS topic through our SNS client.</summary>
public sealed class SnsNotificationPublisher(SnsClient client, string topicArn) : INotificationPublisher
{
    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var response = await client.PublishAsync(ToRequest(message), cancellationToken);
            return response.MessageId;
        }
        catch (SnsException exception) when (exception.ErrorCode != SnsException.UnknownErrorCode)
        {
            // SNS's own error document means SNS answered that it did not publish. A body without one (a proxy's
            // page, a 504 from something in between) says nothing about whether SNS got the message: not a rejection.
            throw new NotificationRejectedException($"SNS refused the message ({exception.ErrorCode}, HTTP {(int)exception.StatusCode}): {exception.Message}", exception);
        }
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
