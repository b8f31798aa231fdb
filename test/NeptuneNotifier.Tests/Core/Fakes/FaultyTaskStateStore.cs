namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>Wraps a store and fails chosen calls, to stand in for a process that dies between two steps.</summary>
public sealed class FaultyTaskStateStore(ITaskStateStore inner) : DelegatingTaskStateStore(inner)
{
    private int completeFailures;
    private int renewFailures;
    private int recordFailures;
    private int loadFailures;

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

    /// <summary>How many of the next <see cref="TryRecordDeliveryAsync"/> calls throw instead of recording.</summary>
    public int FailNextRecords
    {
        get => Volatile.Read(ref recordFailures);
        set => Volatile.Write(ref recordFailures, value);
    }

    /// <summary>How many of the next <see cref="LoadActiveAsync"/> calls throw instead of answering.</summary>
    public int FailNextLoads
    {
        get => Volatile.Read(ref loadFailures);
        set => Volatile.Write(ref loadFailures, value);
    }

    public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref loadFailures) >= 0
            ? throw new IOException("Simulated store outage loading the active tasks.")
            : base.LoadActiveAsync(cancellationToken);

    public override Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref recordFailures) >= 0
            ? throw new IOException($"Simulated store outage recording the {channel} delivery of notification {pending.NotificationId} of task {pending.TaskId}.")
            : base.TryRecordDeliveryAsync(pending, channel, deliveryId, cancellationToken);

    public override Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref renewFailures) >= 0
            ? throw new IOException($"Simulated store outage moving the lease of notification {notificationId} of task {taskId}.")
            : base.TryRenewLeaseAsync(taskId, notificationId, expectedLeaseUntil, newLeaseUntil, cancellationToken);

    public override Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref completeFailures) >= 0
            ? throw new IOException($"Simulated crash before confirming notification {notificationId} of task {taskId}.")
            : base.CompleteAsync(taskId, notificationId, completion, cancellationToken);
}
