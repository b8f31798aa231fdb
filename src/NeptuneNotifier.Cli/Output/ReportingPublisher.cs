using NeptuneNotifier.Core;

namespace NeptuneNotifier.Cli.Output;

/// <summary>Publishes through another publisher, then tells the operator what went out.</summary>
internal sealed class ReportingPublisher(INotificationPublisher inner, Action<NotificationMessage, string> published) : INotificationPublisher
{
    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var messageId = await inner.PublishAsync(message, cancellationToken);
        published(message, messageId);
        return messageId;
    }
}
