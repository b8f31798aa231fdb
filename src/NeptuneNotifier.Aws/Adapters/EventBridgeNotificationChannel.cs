using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>
/// Delivers notifications to one event bus: one PutEvents entry per transition, through our EventBridge client. The
/// delivery id is the event's id.
/// </summary>
/// <remarks>
/// A known refusal (<see cref="NotificationRejectedException"/>): EventBridge's own error document, or a 200 answer
/// that reports the entry as failed (<c>FailedEntryCount</c> above 0, with the entry's <c>ErrorCode</c> and
/// <c>ErrorMessage</c>; see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html). Anything
/// else leaves it unknown whether the event was put: a timeout, a dropped connection, an error page without an
/// EventBridge error code, an answer that could not be read or that carries no result for the entry.
/// </remarks>
public sealed class EventBridgeNotificationChannel(EventBridgeClient client, EventBridgeEventEnvelope envelope) : INotificationChannel
{
    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var entry = envelope.Build(notification);
        PutEventsResponse response;
        try
        {
            response = await client.PutEventsAsync(new PutEventsRequest { Entries = [entry] }, cancellationToken);
        }
        catch (EventBridgeException exception) when (exception.ErrorCode != EventBridgeException.UnknownErrorCode)
        {
            throw new NotificationRejectedException(
                string.Create(CultureInfo.InvariantCulture, $"EventBridge refused the event ({exception.ErrorCode}, HTTP {(int)exception.StatusCode}): {exception.Message}"), exception);
        }

        var result = response.Entries.Count > 0 ? response.Entries[0] : null;
        if (result?.ErrorCode is not null || response.FailedEntryCount > 0)
        {
            var code = result?.ErrorCode ?? EventBridgeException.UnknownErrorCode;
            var message = result?.ErrorMessage ?? "no error message";
            var failure = new EventBridgeException(new(message, null, ErrorType.Sender, code, response.RequestId, HttpStatusCode.OK));
            throw new NotificationRejectedException($"EventBridge did not put the event: the entry failed with {code}: {message}", failure);
        }

        return result?.EventId
            ?? throw new InvalidOperationException(
                $"EventBridge answered PutEvents (request {response.RequestId}) with no event id and no error for the entry: whether the event was put is not known.");
    }
}
