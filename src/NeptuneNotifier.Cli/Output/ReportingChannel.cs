namespace NeptuneNotifier.Cli.Output;

/// <summary>Delivers through another channel, then tells the operator what went out.</summary>
internal sealed class ReportingChannel(INotificationChannel inner, NotificationRenderer renderer, Action<RenderedNotification, string> delivered) : INotificationChannel
{
    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var deliveryId = await inner.DeliverAsync(notification, cancellationToken);
        delivered(renderer.Render(notification), deliveryId);
        return deliveryId;
    }
}
