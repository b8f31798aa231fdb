namespace NeptuneNotifier.Core.Notifications;

/// <summary>
/// A transition as an event on an EventBridge bus: the PutEvents entry (without the bus, which is the channel's).
/// Neptune Analytics emits no state-change events of its own; this is the one it lacks, shaped like those of Glue or
/// Batch so rules can filter on <c>source</c>, <c>detail-type</c>, <c>resources</c> and the detail's fields.
/// </summary>
/// <param name="Source">Always <see cref="EventSource"/>: sources starting with <c>aws.</c> are reserved for AWS.</param>
/// <param name="DetailType">Which kind of task changed state: <see cref="DetailTypeOf"/>.</param>
/// <param name="Detail">The versioned machine event (<see cref="RenderedNotification.MachineEvent"/>), a JSON object as text.</param>
/// <param name="Resources">The task's ARN, then the graph's when the graph is known; empty when no account is known.</param>
public sealed record BusEventEntry(string Source, string DetailType, string Detail, IReadOnlyList<string> Resources)
{
    /// <summary>The events' source.</summary>
    public const string EventSource = "neptune-notifier";

    /// <summary>The detail type of an export task's transition.</summary>
    public const string ExportDetailType = "Neptune Analytics Export Task State Change";

    /// <summary>The detail type of an import task's transition.</summary>
    public const string ImportDetailType = "Neptune Analytics Import Task State Change";

    /// <summary>The detail type of a transition of a task of <paramref name="kind"/>.</summary>
    public static string DetailTypeOf(TaskKind kind) => kind == TaskKind.Import ? ImportDetailType : ExportDetailType;

    /// <summary>
    /// The entry for <paramref name="notification"/>, rendered compact as a channel sends it; its resources are in
    /// <paramref name="scope"/>, or none when the account is not known (a local run without any ARN to take it from).
    /// </summary>
    public static BusEventEntry From(RenderedNotification notification, ResourceScope? scope)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var identity = notification.Identity;
        List<string> resources = [];
        if (scope is not null)
        {
            resources.Add(scope.TaskArn(identity.TaskId, identity.Kind));
            if (identity.GraphId is { } graphId)
            {
                resources.Add(scope.GraphArn(graphId));
            }
        }

        return new BusEventEntry(EventSource, DetailTypeOf(identity.Kind), notification.MachineEvent, resources);
    }

    /// <summary>The entry as PutEvents takes it: <c>Source</c>, <c>DetailType</c>, <c>Detail</c> (a string) and <c>Resources</c>.</summary>
    public string ToJson(bool indented) => NotificationJson.Write(indented, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("Source", Source);
        writer.WriteString("DetailType", DetailType);
        writer.WriteString("Detail", Detail);
        writer.WriteStartArray("Resources");
        foreach (var resource in Resources)
        {
            writer.WriteStringValue(resource);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
