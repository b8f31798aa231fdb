using Amazon.Runtime.Internal.Endpoints.StandardLibrary;
using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>
/// Wraps one rendered transition in one PutEvents entry: <c>Source</c> <see cref="Source"/>, a <c>DetailType</c> per
/// kind of task, the machine event as <c>Detail</c>, the task's and the graph's ARNs as <c>Resources</c>, and the time
/// the transition was detected as <c>Time</c>. Pure: the same <see cref="PendingNotification"/> always gives the same
/// entry, so a republish carries the same event.
/// </summary>
/// <remarks>
/// The status reason is cut, as for SNS, until the entry counts fewer bytes than EventBridge takes in one call
/// (<see cref="PutEventsLimits"/>), so a pathological reason never makes the event impossible to put.
/// </remarks>
public sealed class EventBridgeEventEnvelope
{
    /// <summary>The source of every event (sources starting with <c>aws.</c> are reserved for AWS).</summary>
    public const string Source = "neptune-notifier";

    /// <summary>The detail type of an export task's transition.</summary>
    public const string ExportDetailType = "Neptune Analytics Export Task State Change";

    /// <summary>The detail type of an import task's transition.</summary>
    public const string ImportDetailType = "Neptune Analytics Import Task State Change";

    /// <summary>The detail type of a task of <paramref name="kind"/>.</summary>
    public static string DetailType(TaskKind kind) => kind == TaskKind.Import ? ImportDetailType : ExportDetailType;

    private readonly NotificationRenderer renderer;

    /// <summary>Creates the envelope for one bus.</summary>
    /// <param name="eventBusName">The bus: a name, an ARN, or <c>default</c> for the account's default bus.</param>
    /// <param name="region">The AWS Region of the graphs and tasks, for their ARNs (its partition too).</param>
    /// <param name="accountId">The 12-digit account of the graphs and tasks, for their ARNs.</param>
    /// <param name="renderer">Renders the transitions; give it compact JSON, as EventBridge counts every byte.</param>
    public EventBridgeEventEnvelope(string eventBusName, string region, string accountId, NotificationRenderer renderer)
    {
        EventBusName = SettingDefinitions.IsEventBusNameOrArn(eventBusName)
            ? eventBusName
            : throw new ArgumentException($"'{eventBusName}' is not an event bus name or ARN.", nameof(eventBusName));
        Region = !string.IsNullOrEmpty(region) && Fn.Partition(region) is { } partition
            ? region
            : throw new ArgumentException($"'{region}' is not an AWS Region name.", nameof(region));
        Partition = partition.name;
        AccountId = ArnAccount.IsAccountId(accountId)
            ? accountId
            : throw new ArgumentException($"'{accountId}' is not a 12-digit AWS account ID: the events' resource ARNs need the account of the graphs.", nameof(accountId));
        this.renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
    }

    /// <summary>The bus the events go to.</summary>
    public string EventBusName { get; }

    /// <summary>The Region in the ARNs.</summary>
    public string Region { get; }

    /// <summary>The Region's partition, for the ARNs: <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, ...</summary>
    public string Partition { get; }

    /// <summary>The account in the ARNs.</summary>
    public string AccountId { get; }

    /// <summary>The entry for <paramref name="notification"/>, its status reason cut as needed to stay under EventBridge's limit.</summary>
    public PutEventsRequestEntry Build(PendingNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return ReasonCutToFit.Build(renderer, notification, Build, static entry => PutEventsLimits.EntrySize(entry) < PutEventsLimits.MaxRequestBytes);
    }

    /// <summary>The task's ARN: <c>arn:{partition}:neptune-graph:{region}:{account}:export-task/{taskId}</c> (<c>import-task/</c> for imports).</summary>
    public string TaskArn(TaskKind kind, string taskId)
        => $"arn:{Partition}:neptune-graph:{Region}:{AccountId}:{(kind == TaskKind.Import ? "import-task" : "export-task")}/{taskId}";

    /// <summary>The graph's ARN: <c>arn:{partition}:neptune-graph:{region}:{account}:graph/{graphId}</c>.</summary>
    public string GraphArn(string graphId) => $"arn:{Partition}:neptune-graph:{Region}:{AccountId}:graph/{graphId}";

    private PutEventsRequestEntry Build(RenderedNotification rendered)
    {
        var identity = rendered.Identity;
        List<string> resources = [TaskArn(identity.Kind, identity.TaskId)];
        if (identity.GraphId is { } graphId)
        {
            resources.Add(GraphArn(graphId));
        }

        return new PutEventsRequestEntry
        {
            Time = identity.DetectedAt,
            Source = Source,
            DetailType = DetailType(identity.Kind),
            Detail = rendered.MachineEvent,
            Resources = resources,
            EventBusName = EventBusName,
        };
    }
}
