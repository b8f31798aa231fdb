using NeptuneNotifier.Core;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>Wraps a store and fails chosen calls, to stand in for a process that dies between two steps.</summary>
public sealed class FaultyTaskStateStore(ITaskStateStore inner) : ITaskStateStore
{
    private int completeFailures;
    private int renewFailures;

    /// <summary>How many of the next <see cref="CompleteAsync"/> calls throw instead of confirming.</summary>
    public int FailNextCompletes
    {
        get => Volatile.Read(ref completeFailures);
        set => Volatile.Write(ref completeFailures, value);
    }

    /// <summary>How many of the next <see cref="TryRenewLeaseAsync"/> calls throw instead of writing.</summary>
    public int FailNextRenews
    {
        get => Volatile.Read(ref renewFailures);
        set => Volatile.Write(ref renewFailures, value);
    }

    public Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => inner.LoadActiveAsync(cancellationToken);

    public Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken) => inner.GetAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TrackAsync(tasks, now, cancellationToken);

    public Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken) => inner.UntrackAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken) =>
        inner.FindUnknownAsync(taskIds, cancellationToken);

    public Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        inner.RecordFinishedAsync(snapshot, now, expiresAt, cancellationToken);

    public Task<DateTimeOffset> FollowGraphAsync(string graphId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.FollowGraphAsync(graphId, now, cancellationToken);

    public Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken) =>
        inner.TryClaimAsync(notification, expectedVersion, cancellationToken);

    public Task<bool> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref renewFailures) >= 0
            ? throw new IOException($"Simulated store outage moving the lease of notification {notificationId} of task {taskId}.")
            : inner.TryRenewLeaseAsync(taskId, notificationId, expectedLeaseUntil, newLeaseUntil, cancellationToken);

    public Task<bool> CompleteAsync(string taskId, string notificationId, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref completeFailures) >= 0
            ? throw new IOException($"Simulated crash before confirming notification {notificationId} of task {taskId}.")
            : inner.CompleteAsync(taskId, notificationId, expiresAt, cancellationToken);

    public Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken) => inner.SetResumePointAsync(taskId, cancellationToken);
}
