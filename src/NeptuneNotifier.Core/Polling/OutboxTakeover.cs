namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The cycle's first phase: takes over every notification an earlier cycle claimed but did not confirm (it crashed,
/// timed out, or the publish failed) once its lease has run out, and delivers it again through the same
/// <see cref="NotificationDelivery"/> as a fresh transition, with the same content and deduplication key.
/// </summary>
internal sealed class OutboxTakeover(INotificationOutbox outbox, NotificationDelivery delivery, PollCycleOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>
    /// Takes over the pending notifications of <paramref name="tasks"/> (bounded concurrency) and returns one outcome
    /// per pending task. A task whose notification is confirmed is updated in <paramref name="tasks"/>, so a
    /// non-terminal one is polled in the same cycle.
    /// </summary>
    public async Task<IReadOnlyList<StepOutcome>> RunAsync(Dictionary<string, TrackedTask> tasks, CancellationToken cancellationToken)
    {
        var pending = tasks.Values.Where(t => t.Pending is not null).OrderBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        var outcomes = new StepOutcome[pending.Count];
        if (pending.Count == 0)
        {
            return outcomes;
        }

        var parallel = options.Parallel(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, pending.Count), parallel, async (index, token) =>
            {
                (outcomes[index], var confirmed) = await TakeOverAsync(pending[index], token);
                if (confirmed is not null)
                {
                    lock (tasks)
                    {
                        tasks[confirmed.TaskId] = confirmed;
                    }
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle stopped while republishing pending notifications");
        }

        return outcomes;
    }

    // Returns the task as it is once its notification is confirmed, or null. A takeover the deadline interrupts counts
    // only what it did: the notification stays pending and the next cycle takes it over, so it is not a task left unread.
    private async Task<(StepOutcome Outcome, TrackedTask? Confirmed)> TakeOverAsync(TrackedTask task, CancellationToken cancellationToken)
    {
        var pending = task.Pending!;
        var now = timeProvider.GetUtcNow();
        if (pending.LeaseUntil > now)
        {
            logger.LogInformation("Task {TaskId} has notification {NotificationId} being published by another cycle until {LeaseUntil:u}", task.TaskId, pending.NotificationId, pending.LeaseUntil);
            return (StepOutcome.Skipped, null);
        }

        if (options.DryRun)
        {
            logger.LogInformation("Dry run: would republish notification {NotificationId} for task {TaskId} ({Status})", pending.NotificationId, task.TaskId, pending.Snapshot.Status);
            return (StepOutcome.Skipped, null);
        }

        var lease = now + options.PublishLease;
        PendingNotification? renewed;
        try
        {
            // What the write returns, not the loaded copy: a channel the earlier cycle recorded since the load is not repeated.
            renewed = await outbox.TryRenewLeaseAsync(task.TaskId, pending.NotificationId, pending.LeaseUntil, lease, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (StepOutcome.None, null);
        }
        catch (Exception exception)
        {
            // Nothing went out. Whether the lease moved is unknown: by the end of the new one at the latest, a cycle retries.
            LogFailed(exception, pending, lease);
            return (StepOutcome.Failed, null);
        }

        if (renewed is null)
        {
            logger.LogInformation("Task {TaskId}: notification {NotificationId} was taken over or confirmed by another cycle", task.TaskId, pending.NotificationId);
            return (StepOutcome.Skipped, null);
        }

        var result = await delivery.DeliverAsync(renewed, lease, cancellationToken);
        if (result.MessageId is { } messageId)
        {
            logger.LogInformation("Republished notification {NotificationId} for task {TaskId} ({Status}) as message {MessageId}", pending.NotificationId, task.TaskId, pending.Snapshot.Status, messageId);
        }

        if (result is { Status: DeliveryStatus.Failed, Failure: { } failure, RetryFrom: { } retryFrom })
        {
            LogFailed(failure, pending, retryFrom);
        }

        var confirmed = result.Status == DeliveryStatus.Confirmed ? task with { Pending = null, ExpiresAt = result.ExpiresAt } : null;
        return (result.Facts(StepOutcome.Republished), confirmed);
    }

    private void LogFailed(Exception exception, PendingNotification pending, DateTimeOffset retryFrom) =>
        logger.LogWarning(exception, "Republishing notification {NotificationId} for task {TaskId} failed; it is retried by the first cycle from {RetryFrom:u}", pending.NotificationId, pending.TaskId, retryFrom);
}
