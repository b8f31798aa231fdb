using System.Globalization;
using System.Text.Json.Nodes;
using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// The PutEvents entry the EventBridge channel sends for one notification, built by the channel's own envelope
/// (<see cref="EventBridgeEventEnvelope"/>) and written by our client's marshaller, and the event EventBridge delivers
/// for it. The samples in docs/events and the rule tests read events from here, so they are what the function puts.
/// </summary>
public sealed record EventBridgeSampleEntry(PutEventsRequestEntry Entry)
{
    public string Source => Entry.Source;

    public string DetailType => Entry.DetailType;

    public string Detail => Entry.Detail;

    public IReadOnlyList<string> Resources => Entry.Resources ?? [];

    public static EventBridgeSampleEntry For(PendingNotification notification, string eventBusName) =>
        new(new EventBridgeEventEnvelope(eventBusName, TestAccount.Region, TestAccount.Id, new NotificationRenderer(new NotificationOptions(TestAccount.Region))).Build(notification));

    /// <summary>The entry as PutEvents' JSON request carries it (our client's marshaller writes it).</summary>
    public JsonObject ToJson()
    {
        var request = JsonNode.Parse(PutEventsRequestMarshaller.Body(new PutEventsRequest { Entries = [Entry] }))!;
        return request["Entries"]![0]!.DeepClone().AsObject();
    }

    /// <summary>
    /// The event a rule's target receives for this entry: EventBridge's envelope, with the id it assigns and the entry's
    /// time, around the detail. https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
    /// </summary>
    public JsonObject Delivered(string id) => new()
    {
        ["version"] = "0",
        ["id"] = id,
        ["detail-type"] = DetailType,
        ["source"] = Source,
        ["account"] = TestAccount.Id,
        ["time"] = (Entry.Time ?? throw new InvalidOperationException("The channel's entries carry the transition's time."))
            .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = TestAccount.Region,
        ["resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["detail"] = JsonNode.Parse(Detail),
    };
}
