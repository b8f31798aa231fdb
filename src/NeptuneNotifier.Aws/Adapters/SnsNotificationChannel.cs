using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>Delivers notifications to one SNS topic: one Publish per transition, through our SNS client.</summary>
public sealed class SnsNotificationChannel(SnsClient client, SnsPublishEnvelope envelope) : INotificationChannel
{
    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var request = envelope.Build(notification);
        try
        {
            var response = await client.PublishAsync(request, cancellationToken);
            return response.MessageId;
        }
        catch (SnsException exception) when (exception.ErrorCode != SnsException.UnknownErrorCode)
        {
            // SNS's own error document means SNS answered that it did not publish. A body without one (a proxy's
            // page, a 504 from something in between) says nothing about whether SNS got the message: not a rejection.
            throw new NotificationRejectedException($"SNS refused the message ({exception.ErrorCode}, HTTP {(int)exception.StatusCode}): {exception.Message}", exception);
        }
    }
}
