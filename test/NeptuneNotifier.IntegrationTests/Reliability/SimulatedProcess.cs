using NeptuneNotifier.Core;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>Thrown where a simulated process dies, and by every call it makes afterwards.</summary>
internal sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>
/// One Lambda invocation's process. It dies at the <paramref name="atCall"/>-th call reaching <paramref name="point"/>;
/// from then on every port call throws, so the cycle's remaining work is abandoned and nothing in memory survives:
/// the next cycle is a new <see cref="NeptuneNotifier.Core.Polling.PollCycle"/> over new wrappers.
/// </summary>
internal sealed class SimulatedProcess(int cycle, CrashPoint point, int atCall, RunLedger ledger)
{
    private int calls;
    private int dead;

    public int Cycle => cycle;

    public CrashPoint Point => point;

    public bool Dead => Volatile.Read(ref dead) == 1;

    public RunLedger Ledger => ledger;

    public void ThrowIfDead(string operation)
    {
        if (Dead)
        {
            throw new SimulatedCrashException($"Cycle {cycle}: the process is dead; {operation} never ran.");
        }
    }

    /// <summary>Throws the crash when this call is the chosen one at <paramref name="at"/>.</summary>
    public void MaybeCrash(CrashPoint at, string taskId)
    {
        ThrowIfDead(at.ToString());
        if (at != point || Interlocked.Increment(ref calls) != atCall || Interlocked.Exchange(ref dead, 1) == 1)
        {
            return;
        }

        ledger.Crash(at);
        throw new SimulatedCrashException($"Cycle {cycle}: simulated crash at {at} on task {taskId}.");
    }
}

/// <summary>The store as one process sees it: dies with the process, records claims that may not have been written.</summary>
internal sealed class CrashingStore(ITaskStateStore inner, SimulatedProcess process) : ITaskStateStore
{
    public Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(LoadActiveAsync));
        return inner.LoadActiveAsync(cancellationToken);
    }

    public Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(GetAsync));
        return inner.GetAsync(taskId, cancellationToken);
    }

    public Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(TrackAsync));
        return inner.TrackAsync(tasks, now, cancellationToken);
    }

    public Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(UntrackAsync));
        return inner.UntrackAsync(taskId, cancellationToken);
    }

    public Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(FindUnknownAsync));
        return inner.FindUnknownAsync(taskIds, cancellationToken);
    }

    public Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(RecordFinishedAsync));
        return inner.RecordFinishedAsync(snapshot, now, expiresAt, cancellationToken);
    }

    public Task<DateTimeOffset> FollowGraphAsync(string graphId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(FollowGraphAsync));
        return inner.FollowGraphAsync(graphId, now, cancellationToken);
    }

    public async Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
    {
        bool claimed;
        try
        {
            process.MaybeCrash(CrashPoint.BeforeClaim, notification.TaskId);
            claimed = await inner.TryClaimAsync(notification, expectedVersion, cancellationToken);
        }
        catch (Exception)
        {
            process.Ledger.ClaimThrew(process.Cycle, notification.TaskId);
            throw;
        }

        // The claim is stored whatever happens now, so what was read is still owed a notification.
        process.MaybeCrash(CrashPoint.AfterClaim, notification.TaskId);
        return claimed;
    }

    public async Task<bool> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken)
    {
        process.MaybeCrash(CrashPoint.BeforeRenewLease, taskId);
        var renewed = await inner.TryRenewLeaseAsync(taskId, notificationId, expectedLeaseUntil, newLeaseUntil, cancellationToken);
        process.MaybeCrash(CrashPoint.AfterRenewLease, taskId);
        return renewed;
    }

    public async Task<bool> CompleteAsync(string taskId, string notificationId, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        bool completed;
        try
        {
            process.MaybeCrash(CrashPoint.BeforeClear, taskId);
            completed = await inner.CompleteAsync(taskId, notificationId, expiresAt, cancellationToken);
        }
        catch (Exception)
        {
            process.Ledger.ClearFailed();
            throw;
        }

        process.MaybeCrash(CrashPoint.AfterClear, taskId);
        return completed;
    }

    public Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(SetResumePointAsync));
        return inner.SetResumePointAsync(taskId, cancellationToken);
    }
}

/// <summary>The SNS publisher as one process sees it: can die after SNS accepted the message.</summary>
internal sealed class CrashingPublisher(INotificationPublisher inner, SimulatedProcess process) : INotificationPublisher
{
    public async Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        process.ThrowIfDead(nameof(PublishAsync));
        var messageId = await inner.PublishAsync(message, cancellationToken);
        var taskId = message.Attributes.GetValueOrDefault("taskId") ?? "?";
        try
        {
            process.MaybeCrash(CrashPoint.AfterPublish, taskId);
        }
        catch (SimulatedCrashException)
        {
            process.Ledger.ClearFailed();
            throw;
        }

        return messageId;
    }
}

/// <summary>Neptune Analytics as one process sees it: records every status read, and dies with the process.</summary>
internal sealed class ObservingSource(IExportTaskSource inner, SimulatedProcess process) : IExportTaskSource
{
    public async Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(GetExportTaskAsync));
        TaskSnapshot snapshot;
        try
        {
            snapshot = await inner.GetExportTaskAsync(taskId, cancellationToken);
        }
        catch (TaskNotFoundException)
        {
            process.Ledger.Observe(process.Cycle, taskId, NeptuneTaskStatus.Gone.Value);
            throw;
        }

        process.Ledger.Observe(process.Cycle, taskId, snapshot.Status.Value);
        return snapshot;
    }

    public IAsyncEnumerable<string> ListExportTaskIdsAsync(string graphId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(ListExportTaskIdsAsync));
        return inner.ListExportTaskIdsAsync(graphId, cancellationToken);
    }
}
