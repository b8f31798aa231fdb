using System.Globalization;
using System.Text.Json.Nodes;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// The PutEvents entry the EventBridge channel sends for one notification (Source <c>neptune-notifier</c>, one detail
/// type per task kind, the renderer's machine event as Detail, the task's and the graph's ARNs as Resources, the time
/// the transition was detected as Time), and the event EventBridge delivers for it. The samples in docs/events and the rule tests read events from here.
/// </summary>
/// <remarks>Built from the renderer's machine event with the agreed fields until the channel itself can build the entry here.</remarks>
public sealed record EventBridgeSampleEntry(decimal Time, string Source, string DetailType, string Detail, IReadOnlyList<string> Resources, string EventBusName)
{
    public const string Partition = "aws";
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    public static EventBridgeSampleEntry For(PendingNotification notification, string eventBusName)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var snapshot = notification.Snapshot;
        var kind = snapshot.Kind == TaskKind.Import ? "import" : "export";
        var prefix = $"arn:{Partition}:neptune-graph:{Region}:{Account}:";
        List<string> resources = [$"{prefix}{kind}-task/{snapshot.TaskId}"];
        if (snapshot.GraphId.Length > 0)
        {
            resources.Add($"{prefix}graph/{snapshot.GraphId}");
        }

        var rendered = new NotificationRenderer(new NotificationOptions(Region)).Render(notification);
        var detailType = snapshot.Kind == TaskKind.Import ? "Neptune Analytics Import Task State Change" : "Neptune Analytics Export Task State Change";
        // Epoch seconds, AWS JSON 1.1's timestamp format.
        return new(notification.DetectedAt.ToUnixTimeMilliseconds() / 1000m, "neptune-notifier", detailType, rendered.MachineEvent, resources, eventBusName);
    }

    /// <summary>The entry as PutEvents' JSON request carries it.</summary>
    public JsonObject ToJson() => new()
    {
        ["Time"] = Time,
        ["Source"] = Source,
        ["DetailType"] = DetailType,
        ["Detail"] = Detail,
        ["Resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["EventBusName"] = EventBusName,
    };

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
        ["account"] = Account,
        ["time"] = DateTimeOffset.FromUnixTimeMilliseconds((long)(Time * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = Region,
        ["resources"] = new JsonArray([.. Resources.Select(r => (JsonNode)JsonValue.Create(r))]),
        ["detail"] = JsonNode.Parse(Detail),
    };
}
