namespace NeptuneNotifier.Core;

/// <summary>
/// Where notifications go (an SNS topic, an event bus, a folder): delivers one claimed transition. Each channel renders
/// the transition into its own wire form and fits it to its own limits; the cycle knows none of them.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Delivers <paramref name="notification"/> and returns the channel's id for the delivery (for SNS, the message id).</summary>
    /// <exception cref="NotificationRejectedException">The channel answered that it did not take the notification.</exception>
    /// <remarks>
    /// Any other exception leaves the outcome unknown: the notification may have gone out. The same
    /// <paramref name="notification"/> must give the same request every time (a republish after a crash carries the
    /// same content and deduplication key), so a channel renders it from the notification alone.
    /// </remarks>
    Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken);
}
