namespace NeptuneNotifier.Cli.Output;

/// <summary>Delivers through another channel, then tells the operator what went out (the notification and the channel's delivery id).</summary>
internal sealed class ReportingChannel(INotificationChannel inner, Action<PendingNotification, string> delivered) : INotificationChannel
{
    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var deliveryId = await inner.DeliverAsync(notification, cancellationToken);
        delivered(notification, deliveryId);
        return deliveryId;
    }
}
