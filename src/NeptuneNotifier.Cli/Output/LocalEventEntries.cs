using System.Text.Encodings.Web;
using System.Text.Json;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Cli.Output;

/// <summary>
/// The PutEvents entry an event bus gets for a notification, as the EventBridge channel builds it
/// (<see cref="EventBridgeEventEnvelope"/>), for the folder and the console. Without a known account the entry names
/// no resources: the account is taken from an ARN the operator gave, never guessed.
/// </summary>
internal sealed class LocalEventEntries
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly NotificationRenderer renderer;
    private readonly EventBridgeEventEnvelope? envelope;

    /// <param name="region">The tasks' Region.</param>
    /// <param name="accountId">The tasks' account, or null when none is known.</param>
    public LocalEventEntries(string region, string? accountId)
    {
        // Compact, as the channel sends it: the detail is the machine event as text.
        renderer = new NotificationRenderer(new NotificationOptions(region));
        envelope = accountId is null ? null : new EventBridgeEventEnvelope("default", region, accountId, renderer);
    }

    /// <summary>The entry for <paramref name="notification"/>.</summary>
    public PutEventsRequestEntry Build(PendingNotification notification)
    {
        if (envelope is not null)
        {
            return envelope.Build(notification);
        }

        var rendered = renderer.Render(notification);
        return new PutEventsRequestEntry
        {
            Source = EventBridgeEventEnvelope.Source,
            DetailType = EventBridgeEventEnvelope.DetailType(rendered.Identity.Kind),
            Detail = rendered.MachineEvent,
            Resources = [],
        };
    }

    /// <summary>The entry's <c>Source</c>, <c>DetailType</c>, <c>Detail</c> (a string, as PutEvents takes it) and <c>Resources</c>, indented.</summary>
    public static string Json(PutEventsRequestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("Source", entry.Source);
            json.WriteString("DetailType", entry.DetailType);
            json.WriteString("Detail", entry.Detail);
            json.WriteStartArray("Resources");
            foreach (var resource in entry.Resources ?? [])
            {
                json.WriteStringValue(resource);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
