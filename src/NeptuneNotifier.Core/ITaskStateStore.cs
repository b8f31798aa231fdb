namespace NeptuneNotifier.Core;

/// <summary>
/// The tracked tasks and the once-only notification protocol: claim a transition with a conditional write on the
/// task's version (the claim stores the pending notification, an outbox), publish, then confirm conditionally on
/// the notification id. Every write is a single-item conditional write, so any store with compare-and-set works.
/// </summary>
public interface ITaskStateStore
{
    /// <summary>Loads every active task and the resume point, reading no history (terminal tasks already notified).</summary>
    Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken);

    /// <summary>Reads one task, active or not, or null when it is not tracked.</summary>
    Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts following the tasks not followed yet (version 0, no status) and returns their ids.
    /// Tasks already known, including terminal ones kept for retention, are left alone and cause no write.
    /// </summary>
    Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Returns the ids among <paramref name="taskIds"/> that the store does not hold at all: neither followed nor kept for retention.</summary>
    Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);

    /// <summary>
    /// Records a finished task as known without notifying it: an export that graph discovery found already finished
    /// before the graph was followed (or after its record expired). Only when the store does not hold the task; false
    /// otherwise. The task is not active and may be forgotten after <paramref name="expiresAt"/>.
    /// </summary>
    Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Returns since when the export tasks of <paramref name="graphId"/> are followed, recording <paramref name="now"/> the first time.</summary>
    Task<DateTimeOffset> FollowGraphAsync(string graphId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stops following a task and forgets it; false when it was not tracked.</summary>
    Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a transition: only when the task is still at <paramref name="expectedVersion"/> and has no pending
    /// notification, stores <paramref name="notification"/>'s snapshot as the task's state, its version as the task's
    /// version, and the notification itself as pending. False when another writer got there first (or the task is gone).
    /// </summary>
    Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over a pending notification whose lease has run out: only when the pending notification is still
    /// <paramref name="notificationId"/> with lease <paramref name="expectedLeaseUntil"/>, moves its lease to
    /// <paramref name="newLeaseUntil"/>. False when someone else took it over or confirmed it.
    /// </summary>
    Task<bool> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Confirms that a pending notification was published: only when it is still <paramref name="notificationId"/>,
    /// removes it. With <paramref name="expiresAt"/> (a terminal task) the task stops being active and may be
    /// forgotten after that time. False when the notification was no longer pending.
    /// </summary>
    Task<bool> CompleteAsync(string taskId, string notificationId, DateTimeOffset? expiresAt, CancellationToken cancellationToken);

    /// <summary>Records where a cut-short cycle stopped (the first task it did not finish), or clears it with null.</summary>
    Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken);
}
