using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The poll's alert step, for a read that found no transition: asks <see cref="AlertRules"/> whether the running task
/// is overdue or stalled, claims and delivers the alert through the same outbox path as a transition
/// (<see cref="NotificationDelivery.ClaimAndDeliverAsync"/>); otherwise
/// stores the rules' updated watch, when it changed. An alert never changes the stored status.
/// </summary>
internal sealed class AlertStep(AlertRules rules, IAlertWatchStore watches, NotificationDelivery delivery, PollCycleOptions options, ILogger logger)
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

        var pending = NotificationDelivery.NextClaim(task, current, now, options.PublishLease) with
        {
            Alert = alert,
            Watch = decision.Watch,
        };
        return Noticed | await delivery.ClaimAndDeliverAsync(pending, task.Version, $"is {kind}", cancellationToken);
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
