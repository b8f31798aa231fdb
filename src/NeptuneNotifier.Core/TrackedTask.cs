namespace NeptuneNotifier.Core;

/// <summary>A task the notifier follows, as the state store holds it.</summary>
/// <param name="TaskId">The task identifier.</param>
/// <param name="GraphId">The graph, when known (given when tracked, or learnt from the service).</param>
/// <param name="Version">Optimistic-concurrency version: 0 when tracked, +1 for every claimed transition.</param>
/// <param name="Snapshot">The last notified snapshot, null until the first sighting is claimed.</param>
/// <param name="TrackedAt">When tracking began.</param>
/// <param name="ChangedAt">When the last transition was claimed.</param>
/// <param name="Pending">A claimed notification not yet confirmed as published (the outbox), or null.</param>
/// <param name="ExpiresAt">When the store may forget the task (set once a terminal status is notified), or null.</param>
public sealed record TrackedTask(
    string TaskId,
    string? GraphId,
    long Version,
    TaskSnapshot? Snapshot,
    DateTimeOffset TrackedAt,
    DateTimeOffset? ChangedAt,
    PendingNotification? Pending,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>Export or import, as stored when the task was tracked; null when it was not known then (or in an item written before kinds were stored).</summary>
    public TaskKind? Kind { get; init; }

    /// <summary>
    /// The kind to read the task as: the stored kind, else the kind of the last notified snapshot (a snapshot stored
    /// before kinds were recorded reads as an export, which every such task was); null until the first read finds out.
    /// </summary>
    public TaskKind? KnownKind => Kind ?? Snapshot?.Kind;

    /// <summary>What the alert rules remember about the task; null when they have not looked at it yet (or alerts are off).</summary>
    public Alerts.AlertWatch? Watch { get; init; }

    /// <summary>The last notified status, null before the first sighting.</summary>
    public NeptuneTaskStatus? Status => Snapshot?.Status;

    /// <summary>True while the task must be polled or its notification (re)published.</summary>
    public bool IsActive => Pending is not null || Status is not { IsTerminal: true };
}
