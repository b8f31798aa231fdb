using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>What polling the active tasks did.</summary>
/// <param name="Order">The tasks in the order they were read.</param>
/// <param name="Outcomes">One outcome per task of <paramref name="Order"/>, at the same index.</param>
internal sealed record PollResult(IReadOnlyList<TrackedTask> Order, IReadOnlyList<StepOutcome> Outcomes)
{
    /// <summary>The first task the deadline left unfinished: where the next cycle starts. Null when every task was finished.</summary>
    public string? ResumeFrom => Order.Zip(Outcomes).FirstOrDefault(read => read.Second.HasFlag(StepOutcome.Interrupted)).First?.TaskId;

    /// <summary>True when the deadline left some task unfinished.</summary>
    public bool CutShort => ResumeFrom is not null;
}

/// <summary>
/// The cycle's main phase: learns the status of every task that needs polling, from its graph's listing where that
/// is cheaper (<see cref="ListingPhase"/>) and with GetExportTask or GetImportTask otherwise (bounded concurrency, every call through
/// the rate limiter), and claims each transition it finds and hands it to <see cref="NotificationDelivery"/>. Every
/// transition is read with GetExportTask or GetImportTask (<see cref="TaskReads"/>: a task of unknown kind is asked
/// for as an export, then as an import), whose answer the notification carries: a listing only spares the reads of
/// tasks it shows unchanged. A task the service no longer knows is notified once as gone.
/// </summary>
/// <remarks>
/// A read that finds no transition goes to <see cref="AlertStep"/> (overdue, stalled). A task its listing shows
/// unchanged is still read when <see cref="Alerts.AlertRules.NeedsDetailRead"/> asks (its progress was last looked at
/// a quarter of the stall window ago, or it may be overdue), which also decides whether a read refreshes the alert
/// watch, so the watch is written at most that often.
/// </remarks>
internal sealed class TaskPoller(IExportTaskSource source, NotificationDelivery delivery, AlertStep alerts, PollCycleOptions options, TimeProvider timeProvider, ILogger logger)
{
    private const string GoneReason = "Neptune Analytics reports that this task does not exist (ResourceNotFoundException): it was deleted or has expired. It is no longer followed.";
    private const string NeverFoundReason = "Neptune Analytics has neither an export task nor an import task with this ID (ResourceNotFoundException from GetExportTask and GetImportTask): it was deleted, has expired, or never existed in this account and region. It is no longer followed.";

    /// <summary>
    /// Polls the tasks of <paramref name="active"/> that need it, from <paramref name="resumeFrom"/> on, listing graphs
    /// through <paramref name="listings"/>. When the token fires it starts nothing new: the tasks it did not finish are
    /// <see cref="StepOutcome.Interrupted"/>.
    /// </summary>
    public async Task<PollResult> RunAsync(IEnumerable<TrackedTask> active, string? resumeFrom, RateLimiter limiter, GraphListings listings, CancellationToken cancellationToken)
    {
        var byId = active.Where(TransitionRules.NeedsPolling).ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        TrackedTask[] order = [.. ResumeOrder(byId.Keys, resumeFrom).Select(id => byId[id])];
        var outcomes = new StepOutcome[order.Length];
        Array.Fill(outcomes, StepOutcome.Interrupted);
        var parallel = options.Parallel(cancellationToken);
        try
        {
            var hints = await ListingPhase.RunAsync(order, listings, options, limiter, logger, cancellationToken);
            await Parallel.ForEachAsync(Enumerable.Range(0, order.Length), parallel, async (index, token) =>
            {
                outcomes[index] = await PollOneAsync(order[index], hints, limiter, token);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle cut short: {Unfinished} of {Total} tasks left for the next cycle", outcomes.Count(o => o.HasFlag(StepOutcome.Interrupted)), order.Length);
        }

        return new PollResult(order, outcomes);
    }

    // Tasks sorted by id, rotated so that the first one a cut-short cycle did not finish comes first.
    internal static IReadOnlyList<string> ResumeOrder(IEnumerable<string> taskIds, string? resumeFrom)
    {
        var sorted = taskIds.Order(StringComparer.Ordinal).ToList();
        if (resumeFrom is null)
        {
            return sorted;
        }

        var start = sorted.FindIndex(id => string.CompareOrdinal(id, resumeFrom) >= 0);
        return start <= 0 ? sorted : [.. sorted.Skip(start), .. sorted.Take(start)];
    }

    // Confirmed by the listing, or read; then classify, claim, deliver. A failure is counted and left to the next
    // cycle; the deadline makes it Interrupted.
    private async Task<StepOutcome> PollOneAsync(TrackedTask task, ListingPhase hints, RateLimiter limiter, CancellationToken cancellationToken)
    {
        var hint = hints.HintFor(task);
        var watchDue = alerts.Rules.NeedsDetailRead(task, timeProvider.GetUtcNow());
        if (hint == ListingHint.Unchanged && !watchDue)
        {
            return StepOutcome.Confirmed;
        }

        if (hint == ListingHint.Unseen && hints.GivenUp(task))
        {
            return StepOutcome.Failed;
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired || cancellationToken.IsCancellationRequested)
        {
            return StepOutcome.Interrupted;
        }

        var (snapshot, readOutcome) = await ReadAsync(task, cancellationToken);
        if (snapshot is null)
        {
            if (hint == ListingHint.Unseen && readOutcome.HasFlag(StepOutcome.Failed))
            {
                hints.UnseenReadFailed(task);
            }

            return readOutcome;
        }

        return await NotifyAsync(task, snapshot, watchDue, cancellationToken);
    }

    // The task's snapshot, or null with the outcome of a read that failed or was interrupted.
    private async Task<(TaskSnapshot? Snapshot, StepOutcome Outcome)> ReadAsync(TrackedTask task, CancellationToken cancellationToken)
    {
        try
        {
            return (WithKnownGraph(await TaskReads.ReadAsync(source, task.TaskId, task.KnownKind, cancellationToken), task), StepOutcome.Checked);
        }
        catch (TaskNotFoundException)
        {
            return (Gone(task), StepOutcome.Checked);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, StepOutcome.Interrupted);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Reading task {TaskId} failed; it is retried next cycle", task.TaskId);
            return (null, StepOutcome.Checked | StepOutcome.Failed);
        }
    }

    private async Task<StepOutcome> NotifyAsync(TrackedTask task, TaskSnapshot snapshot, bool watchDue, CancellationToken cancellationToken)
    {
        var kind = TransitionRules.Classify(task.Status, snapshot.Status);
        if (kind == TransitionKind.None)
        {
            return await alerts.RunAsync(task, snapshot, timeProvider.GetUtcNow(), watchDue, cancellationToken);
        }

        const StepOutcome Noticed = StepOutcome.Checked | StepOutcome.Changed;
        var previous = task.Status?.Value ?? "(none)";
        if (options.DryRun)
        {
            logger.LogInformation("Dry run: task {TaskId} moved {From} -> {To} ({Kind}); nothing published", task.TaskId, previous, snapshot.Status, kind);
            return Noticed;
        }

        var now = timeProvider.GetUtcNow();
        var pending = NotificationDelivery.NextClaim(task, snapshot, now, options.PublishLease) with
        {
            Watch = alerts.Rules.AfterTransition(task, snapshot, now),
        };
        return Noticed | await delivery.ClaimAndDeliverAsync(pending, task.Version, $"moved {previous} -> {snapshot.Status} ({kind})", cancellationToken);
    }

    // An answer may leave the graph out (the SDKs read every output member as optional); the graph the task was
    // tracked with is then the better value for the notification and the stored state.
    private static TaskSnapshot WithKnownGraph(TaskSnapshot snapshot, TrackedTask task) =>
        snapshot.GraphId.Length == 0 && task.GraphId is { Length: > 0 } graphId ? snapshot with { GraphId = graphId } : snapshot;

    // A task never read keeps the kind it was tracked with; one of unknown kind was asked for as both and is shown as
    // an export, the kind it was first asked for, with a reason that says both were asked.
    private static TaskSnapshot Gone(TrackedTask task) =>
        task.Snapshot is { } last
            ? last with { Status = NeptuneTaskStatus.Gone, StatusReason = GoneReason }
            : new TaskSnapshot
            {
                TaskId = task.TaskId,
                GraphId = task.GraphId ?? string.Empty,
                Kind = task.Kind ?? TaskKind.Export,
                Status = NeptuneTaskStatus.Gone,
                StatusReason = task.Kind is null ? NeverFoundReason : GoneReason,
            };
}
