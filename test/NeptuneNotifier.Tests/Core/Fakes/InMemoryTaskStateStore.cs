using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>An <see cref="ITaskStateStore"/> in a dictionary under a lock; counts requests the way DynamoDB would bill them.</summary>
public sealed class InMemoryTaskStateStore : ITaskStateStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TrackedTask> items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> graphs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Pages, DateTimeOffset ExpiresAt)> listings = new(StringComparer.Ordinal);
    private string? resumeFrom;
    private int writes;
    private int reads;

    /// <summary>The clock expired listing counts are judged by; none expire without one.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Write requests made, successful or not (a failed conditional write is still a request).</summary>
    public int Writes => Volatile.Read(ref writes);

    public int Reads => Volatile.Read(ref reads);

    public string? ResumeFrom
    {
        get
        {
            lock (gate)
            {
                return resumeFrom;
            }
        }
    }

    public Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        lock (gate)
        {
            var now = Time?.GetUtcNow();
            return Task.FromResult(new ActiveTasks([.. items.Values.Where(t => t.IsActive)], resumeFrom)
            {
                ListingPages = listings.Where(l => now is null || l.Value.ExpiresAt > now).ToDictionary(l => l.Key, l => l.Value.Pages, StringComparer.Ordinal),
            });
        }
    }

    public Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        lock (gate)
        {
            return Task.FromResult(items.GetValueOrDefault(taskId));
        }
    }

    public Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalid(tasks);
        Interlocked.Increment(ref reads);
        List<string> added = [];
        lock (gate)
        {
            foreach (var task in tasks)
            {
                if (!items.ContainsKey(task.TaskId))
                {
                    Interlocked.Increment(ref writes);
                    items[task.TaskId] = new TrackedTask(task.TaskId, task.GraphId, 0, null, now, null, null, null) { Kind = task.Kind };
                    added.Add(task.TaskId);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(added);
    }

    public Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalid(taskIds);
        Interlocked.Increment(ref reads);
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. taskIds.Distinct(StringComparer.Ordinal).Where(id => !items.ContainsKey(id))]);
        }
    }

    public Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfNotRecordable(snapshot);

        Interlocked.Increment(ref writes);
        lock (gate)
        {
            return Task.FromResult(items.TryAdd(snapshot.TaskId, new TrackedTask(snapshot.TaskId, snapshot.GraphId, 1, snapshot, now, now, null, expiresAt) { Kind = snapshot.Kind }));
        }
    }

    public Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalidGraphId(graphId);
        var key = kind == TaskKind.Import ? "imports/" + graphId : graphId;

        Interlocked.Increment(ref reads);
        lock (gate)
        {
            if (!graphs.TryGetValue(key, out var since))
            {
                Interlocked.Increment(ref writes);
                graphs[key] = since = now;
            }

            return Task.FromResult(since);
        }
    }

    public Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            return Task.FromResult(items.Remove(taskId));
        }
    }

    public Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            if (!items.TryGetValue(notification.TaskId, out var task) || task.Version != expectedVersion || task.Pending is not null)
            {
                return Task.FromResult(task?.Pending?.NotificationId == notification.NotificationId);
            }

            items[task.TaskId] = task with
            {
                // A claim without a watch leaves none, as the real stores do.
                GraphId = notification.Snapshot.GraphId.Length > 0 ? notification.Snapshot.GraphId : task.GraphId,
                Version = notification.Version,
                Snapshot = notification.Snapshot,
                ChangedAt = notification.DetectedAt,
                // The watch is stored beside the claim, not in the pending notification, as the real stores keep it.
                Pending = notification with { Watch = null },
                Watch = notification.Watch,
            };
            return Task.FromResult(true);
        }
    }

    public Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            if (!items.TryGetValue(taskId, out var task) || task.Pending is not { } pending
                || pending.NotificationId != notificationId || pending.LeaseUntil != expectedLeaseUntil)
            {
                return Task.FromResult<PendingNotification?>(null);
            }

            var renewed = pending with { LeaseUntil = newLeaseUntil };
            items[taskId] = task with { Pending = renewed };
            return Task.FromResult<PendingNotification?>(renewed);
        }
    }

    public Task<bool> TryRecordDeliveryAsync(PendingNotification delivered, string channel, string deliveryId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            if (!items.TryGetValue(delivered.TaskId, out var task) || task.Pending is not { } pending || pending.NotificationId != delivered.NotificationId)
            {
                return Task.FromResult(false);
            }

            items[delivered.TaskId] = task with { Pending = pending with { Delivered = pending.Delivered.With(channel, deliveryId) } };
            return Task.FromResult(true);
        }
    }

    public Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            if (!items.TryGetValue(taskId, out var task) || task.Pending?.NotificationId != notificationId)
            {
                return Task.FromResult(false);
            }

            items[taskId] = task with { Pending = null, ExpiresAt = (completion as TaskCompletion.Terminal)?.ExpiresAt };
            return Task.FromResult(true);
        }
    }

    public Task<bool> TrySaveWatchAsync(string taskId, long expectedVersion, AlertWatch watch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            if (!items.TryGetValue(taskId, out var task) || task.Version != expectedVersion || task.Pending is not null)
            {
                return Task.FromResult(false);
            }

            items[taskId] = task with { Watch = watch };
            return Task.FromResult(true);
        }
    }

    public Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ListingKeys.ThrowIfInvalid(graphId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            listings[graphId] = (pages, expiresAt);
        }

        return Task.CompletedTask;
    }

    public Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writes);
        lock (gate)
        {
            resumeFrom = taskId;
        }

        return Task.CompletedTask;
    }
}
