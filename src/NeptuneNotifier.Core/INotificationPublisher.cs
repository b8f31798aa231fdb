namespace NeptuneNotifier.Core;

/// <summary>The notification channel (an SNS topic): publishes one ready-made message.</summary>
public interface INotificationPublisher
{
    /// <summary>Publishes <paramref name="message"/> and returns the channel's message id.</summary>
    /// <exception cref="NotificationRejectedException">The channel answered that it did not take the message.</exception>
    /// <remarks>
    /// Any other exception leaves the outcome unknown: the message may have gone out.
    /// Sends <see cref="NotificationMessage.MessageGroupId"/> and <see cref="NotificationMessage.MessageDeduplicationId"/>
    /// only when they are set (the builder sets them for a FIFO topic only).
    /// </remarks>
    Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken);
}
