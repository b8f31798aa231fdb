using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The poll's alert step, for a read that found no transition: asks <see cref="AlertRules"/> whether the running task
/// is overdue or stalled, claims the alert through the same outbox as a transition (a conditional write on the task's
/// version, so overlapping cycles cannot both claim it) and hands it to <see cref="NotificationDelivery"/>; otherwise
/// stores the rules' updated watch, when it changed. An alert never changes the stored status.
/// </summary>
internal sealed class AlertStep(AlertRules rules, INotificationOutbox outbox, IAlertWatchStore watches, NotificationDelivery delivery, PollCycleOptions options, ILogger logger)
{
    /// <summary>The rules this step applies.</summary>
    public AlertRules Rules => rules;

    /// <summary>
    /// Judges the fresh read <paramref name="current"/> of <paramref name="task"/>, whose status did not change, at
    /// <paramref name="now"/>; <paramref name="refresh"/> is what <see cref="AlertRules.NeedsDetailRead"/> said before
    /// the read. Returns the facts to count on top of the read's <see cref="StepOutcome.Checked"/>.
    /// </summary>
    public async Task<StepOutcome> RunAsync(TrackedTask task, TaskSnapshot current, DateTimeOffset now, bool refresh, CancellationToken cancellationToken)
    {
        var decision = rules.Evaluate(task, current, now, refresh);
        if (decision.Alert is not { } alert)
        {
            return decision.Watch is { } watch && !options.DryRun ? await SaveAsync(task, watch, cancellationToken) : StepOutcome.Checked;
        }

        const StepOutcome Noticed = StepOutcome.Checked | StepOutcome.Alerted;
        var kind = TaskAlert.Name(alert.Kind);
        if (options.DryRun)
        {
            logger.LogInformation("Dry run: task {TaskId} is {AlertKind}; nothing published", task.TaskId, kind);
            return Noticed;
        }

        var pending = new PendingNotification(Guid.CreateVersion7(now).ToString("N"), task.Status, TaskReads.Stored(current), task.Version + 1, now, now + options.PublishLease)
        {
            Alert = alert,
            Watch = decision.Watch,
        };
        try
        {
            if (!await outbox.TryClaimAsync(pending, task.Version, cancellationToken))
            {
                logger.LogInformation("Task {TaskId} is {AlertKind} but another cycle claimed it first", task.TaskId, kind);
                return Noticed | StepOutcome.Skipped;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Noticed | StepOutcome.Interrupted;
        }
        catch (Exception exception)
        {
            // Whether the claim was written is unknown: if it was, a later cycle takes it over once its lease runs out.
            logger.LogWarning(exception, "Claiming the {AlertKind} alert of task {TaskId} failed; a claim that was written is retried from {RetryFrom}", kind, task.TaskId, pending.LeaseUntil);
            return Noticed | StepOutcome.Failed;
        }

        logger.LogInformation("Task {TaskId} is {AlertKind}; alert {NotificationId} claimed", task.TaskId, kind, pending.NotificationId);
        var result = await delivery.DeliverAsync(pending, pending.LeaseUntil, cancellationToken);
        if (result is { Status: DeliveryStatus.Failed, Failure: { } failure, RetryFrom: { } retryFrom })
        {
            logger.LogWarning(failure, "Delivering the {AlertKind} alert of task {TaskId} failed; the claimed alert is retried by the first cycle from {RetryFrom}", kind, task.TaskId, retryFrom);
        }

        return Noticed | result.Facts(StepOutcome.Published) | (result.Status == DeliveryStatus.Interrupted ? StepOutcome.Interrupted : StepOutcome.None);
    }

    // A watch that cannot be stored is judged again next cycle from the old one: the task is still counted as read.
    private async Task<StepOutcome> SaveAsync(TrackedTask task, AlertWatch watch, CancellationToken cancellationToken)
    {
        try
        {
            if (!await watches.TrySaveWatchAsync(task.TaskId, task.Version, watch, cancellationToken))
            {
                logger.LogInformation("Task {TaskId} changed while its alert watch was stored; it is judged again next cycle", task.TaskId);
            }

            return StepOutcome.Checked;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StepOutcome.Checked | StepOutcome.Interrupted;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Storing the alert watch of task {TaskId} failed; it is judged again next cycle", task.TaskId);
            return StepOutcome.Checked | StepOutcome.Failed;
        }
    }
}
