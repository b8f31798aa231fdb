using System.Collections.Concurrent;

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
    private readonly ConcurrentDictionary<string, bool> unknown = new(StringComparer.Ordinal);

    // Deliveries this process made that no write of its own has confirmed yet, with the version delivered.
    private readonly ConcurrentDictionary<(string TaskId, string NotificationId, string Channel), long> unconfirmed = new();
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

    /// <summary>The store answered that it never held these tasks: reads of them are discovery's, until this process tracks them.</summary>
    public void Unknown(IEnumerable<string> taskIds)
    {
        foreach (var taskId in taskIds)
        {
            unknown[taskId] = true;
        }
    }

    /// <summary>This process tracked these tasks: from now on it reads them to poll them.</summary>
    public void Tracked(IEnumerable<string> taskIds)
    {
        foreach (var taskId in taskIds)
        {
            unknown.TryRemove(taskId, out _);
        }
    }

    public bool IsDiscoveryRead(string taskId) => unknown.ContainsKey(taskId);

    /// <summary><paramref name="channel"/> took <paramref name="notification"/>: owed a confirmation until a write stores it.</summary>
    public void Delivered(string channel, PendingNotification notification) =>
        unconfirmed[(notification.TaskId, notification.NotificationId, channel)] = notification.Version;

    /// <summary>A write confirmed the delivery on <paramref name="channel"/> (its record), or on every channel (null: the completion).</summary>
    public void Confirmed(string taskId, string notificationId, string? channel)
    {
        foreach (var key in unconfirmed.Keys.Where(k => k.TaskId == taskId && k.NotificationId == notificationId && (channel is null || k.Channel == channel)))
        {
            unconfirmed.TryRemove(key, out _);
        }
    }

    /// <summary>The process has ended (finished or dead): every delivery it made and did not confirm goes to the ledger.</summary>
    public void Settle()
    {
        foreach (var ((taskId, _, channel), version) in unconfirmed)
        {
            ledger.Unconfirmed(channel, taskId, version);
        }

        unconfirmed.Clear();
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
internal sealed class CrashingStore(ITaskStateStore inner, SimulatedProcess process) : DelegatingTaskStateStore(inner)
{
    public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(LoadActiveAsync));
        return base.LoadActiveAsync(cancellationToken);
    }

    public override Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(GetAsync));
        return base.GetAsync(taskId, cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(TrackAsync));
        var tracked = await Discovery(nameof(TrackAsync), () => base.TrackAsync(tasks, now, cancellationToken));
        process.Tracked(tracked);
        return tracked;
    }

    public override Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(UntrackAsync));
        return base.UntrackAsync(taskId, cancellationToken);
    }

    public override async Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(FindUnknownAsync));
        var unknown = await Discovery(nameof(FindUnknownAsync), () => base.FindUnknownAsync(taskIds, cancellationToken));
        process.Unknown(unknown);
        return unknown;
    }

    public override Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(RecordFinishedAsync));
        return Discovery(nameof(RecordFinishedAsync), () => base.RecordFinishedAsync(snapshot, now, expiresAt, cancellationToken));
    }

    public override Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(FollowGraphAsync));
        return Discovery(nameof(FollowGraphAsync), () => base.FollowGraphAsync(graphId, kind, now, cancellationToken));
    }

    public override async Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
    {
        bool claimed;
        try
        {
            process.MaybeCrash(CrashPoint.BeforeClaim, notification.TaskId);
            claimed = await base.TryClaimAsync(notification, expectedVersion, cancellationToken);
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

    public override async Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken)
    {
        process.MaybeCrash(CrashPoint.BeforeRenewLease, taskId);
        var renewed = await base.TryRenewLeaseAsync(taskId, notificationId, expectedLeaseUntil, newLeaseUntil, cancellationToken);
        process.MaybeCrash(CrashPoint.AfterRenewLease, taskId);
        return renewed;
    }

    // Only a write that answered true confirms: one that failed, or found the notification completed by another
    // cycle (whose deliveries this one repeated), leaves this process's deliveries unconfirmed.
    public override async Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken)
    {
        process.MaybeCrash(CrashPoint.BeforeRecord, pending.TaskId);
        var recorded = await base.TryRecordDeliveryAsync(pending, channel, deliveryId, cancellationToken);
        if (recorded)
        {
            process.Confirmed(pending.TaskId, pending.NotificationId, channel);
        }

        process.MaybeCrash(CrashPoint.AfterRecord, pending.TaskId);
        return recorded;
    }

    public override async Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken)
    {
        process.MaybeCrash(CrashPoint.BeforeClear, taskId);
        var completed = await base.CompleteAsync(taskId, notificationId, completion, cancellationToken);
        if (completed)
        {
            process.Confirmed(taskId, notificationId, channel: null);
        }

        process.MaybeCrash(CrashPoint.AfterClear, taskId);
        return completed;
    }

    public override Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(SetListingPagesAsync));
        return base.SetListingPagesAsync(graphId, pages, expiresAt, cancellationToken);
    }

    public override Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(SetResumePointAsync));
        return base.SetResumePointAsync(taskId, cancellationToken);
    }

    // Counts the store failures that reach discovery, to show the run really put discovery under the store's faults.
    // The random HTTP faults rarely outlast the SDK's retry (about 0.4% of calls), so a short run could see none: the
    // ledger also fails every Nth discovery call outright, as a store that kept failing through the retries would.
    private async Task<T> Discovery<T>(string method, Func<Task<T>> call)
    {
        try
        {
            process.Ledger.MaybeFailDiscoveryCall(method);
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            process.Ledger.DiscoveryFailed(method);
            throw;
        }
    }
}

/// <summary>A channel as one process sees it: notes what it took, and can die after it took it.</summary>
internal sealed class CrashingChannel(string name, INotificationChannel inner, SimulatedProcess process) : INotificationChannel
{
    public async Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        process.ThrowIfDead(nameof(DeliverAsync));
        var messageId = await inner.DeliverAsync(notification, cancellationToken);
        process.Delivered(name, notification);
        process.MaybeCrash(CrashPoint.AfterPublish, notification.TaskId);
        return messageId;
    }
}

/// <summary>Neptune Analytics as one process sees it: records every status read, and dies with the process.</summary>
internal sealed class ObservingSource(IExportTaskSource inner, SimulatedProcess process) : IExportTaskSource
{
    public Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ObserveAsync(nameof(GetExportTaskAsync), taskId, inner.GetExportTaskAsync, cancellationToken);

    public Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ObserveAsync(nameof(GetImportTaskAsync), taskId, inner.GetImportTaskAsync, cancellationToken);

    public Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(ListImportTasksPageAsync));
        return inner.ListImportTasksPageAsync(nextToken, cancellationToken);
    }

    private async Task<TaskSnapshot> ObserveAsync(string operation, string taskId, Func<string, CancellationToken, Task<TaskSnapshot>> read, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(operation);
        TaskSnapshot snapshot;
        try
        {
            snapshot = await read(taskId, cancellationToken);
        }
        catch (TaskNotFoundException)
        {
            Observe(taskId, NeptuneTaskStatus.Gone.Value);
            throw;
        }

        Observe(taskId, snapshot.Status.Value);
        return snapshot;
    }

    public Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        process.ThrowIfDead(nameof(ListExportTasksPageAsync));
        return inner.ListExportTasksPageAsync(graphId, nextToken, cancellationToken);
    }

    // Discovery reads a task the store never held only to decide whether it is news; the promise starts with the
    // first poll after it is tracked (its first sighting), so only poll reads are owed a notification.
    private void Observe(string taskId, string status)
    {
        if (process.IsDiscoveryRead(taskId))
        {
            process.Ledger.ObserveDiscovery();
        }
        else
        {
            process.Ledger.Observe(process.Cycle, taskId, status);
        }
    }
}
