namespace NeptuneNotifier.Core.Notifications;

/// <summary>Which transition a notification is about.</summary>
/// <param name="NotificationId">Unique per claim.</param>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">Export or import.</param>
/// <param name="GraphId">The task's graph, or null when it is not known (a task never found).</param>
/// <param name="Status">The new status.</param>
/// <param name="PreviousStatus">The status before, or null on the first sighting.</param>
/// <param name="Version">The task version the claim created.</param>
/// <param name="DetectedAt">When the transition was detected.</param>
public sealed record NotificationIdentity(
    string NotificationId,
    string TaskId,
    TaskKind Kind,
    string? GraphId,
    NeptuneTaskStatus Status,
    NeptuneTaskStatus? PreviousStatus,
    long Version,
    DateTimeOffset DetectedAt)
{
    /// <summary>What the notification is about: a transition, or an overdue or stalled alert (whose status did not change).</summary>
    public Alerts.NotificationKind NotificationKind { get; init; } = Alerts.NotificationKind.Transition;

    /// <summary>True when the new status is final: the task is no longer followed.</summary>
    public bool Terminal => Status.IsTerminal;
}
