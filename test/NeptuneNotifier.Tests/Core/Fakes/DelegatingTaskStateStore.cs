using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>
/// Forwards every call to another store. Test wrappers derive from it and override only the calls they change
/// (fail, crash, observe), so a member added to the port needs one forward here, not one per wrapper.
/// </summary>
public abstract class DelegatingTaskStateStore(ITaskStateStore inner) : ITaskStateStore
{
    /// <summary>The wrapped store.</summary>
    protected ITaskStateStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => Inner.LoadActiveAsync(cancellationToken);

    public virtual Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken) => Inner.GetAsync(taskId, cancellationToken);

    public virtual Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken) =>
        Inner.TrackAsync(tasks, now, cancellationToken);

    public virtual Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken) => Inner.UntrackAsync(taskId, cancellationToken);

    public virtual Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken) =>
        Inner.FindUnknownAsync(taskIds, cancellationToken);

    public virtual Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Inner.RecordFinishedAsync(snapshot, now, expiresAt, cancellationToken);

    public virtual Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken) =>
        Inner.FollowGraphAsync(graphId, kind, now, cancellationToken);

    public virtual Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Inner.SetListingPagesAsync(graphId, pages, expiresAt, cancellationToken);

    public virtual Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken) => Inner.SetResumePointAsync(taskId, cancellationToken);

    public virtual Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken) =>
        Inner.TryClaimAsync(notification, expectedVersion, cancellationToken);

    public virtual Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken) =>
        Inner.TryRenewLeaseAsync(taskId, notificationId, expectedLeaseUntil, newLeaseUntil, cancellationToken);

    public virtual Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken) =>
        Inner.TryRecordDeliveryAsync(pending, channel, deliveryId, cancellationToken);

    public virtual Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken) =>
        Inner.CompleteAsync(taskId, notificationId, completion, cancellationToken);

    public virtual Task<bool> TrySaveWatchAsync(string taskId, long expectedVersion, AlertWatch watch, CancellationToken cancellationToken) =>
        Inner.TrySaveWatchAsync(taskId, expectedVersion, watch, cancellationToken);
}
