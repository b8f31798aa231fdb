using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// One poll: republish what earlier cycles claimed but did not confirm, follow new export tasks of the configured
/// graphs, read every active task (bounded concurrency, client-side rate limit), and claim, publish and confirm every
/// transition exactly once. When the cancellation token fires it starts nothing new and returns what it finished;
/// tasks it did not finish come first next time.
/// </summary>
public sealed class PollCycle
{
    /// <summary>The longest status reason stored; the service's reasons are short, this only bounds the state item (DynamoDB items hold 400 KB).</summary>
    public const int MaxStoredReasonChars = 32_768;

    private const string GoneReason = "Neptune Analytics reports that this task does not exist (ResourceNotFoundException): it was deleted or has expired. It is no longer followed.";

    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(5);

    private readonly ITaskStateStore store;
    private readonly IExportTaskSource source;
    private readonly INotificationChannel channel;
    private readonly PollCycleOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<PollCycle> logger;
    private readonly RateLimiter? rateLimiter;
    private readonly PublishLeaseRelease leases;
    private readonly GraphDiscovery discovery;

    /// <summary>Creates a cycle over the three ports.</summary>
    /// <remarks>The rate limiter gates every call to the source; without one, each run creates a <see cref="RequestRateLimiter"/> from the options.</remarks>
    /// <exception cref="ArgumentException">The options are invalid; the message names every invalid option.</exception>
    public PollCycle(
        ITaskStateStore store,
        IExportTaskSource source,
        INotificationChannel channel,
        PollCycleOptions options,
        TimeProvider timeProvider,
        ILogger<PollCycle> logger,
        RateLimiter? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.channel = channel ?? throw new ArgumentNullException(nameof(channel));
        this.options = options;
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.rateLimiter = rateLimiter;
        leases = new PublishLeaseRelease(store, timeProvider, logger);
        discovery = new GraphDiscovery(store, source, options, timeProvider, logger);
    }

    /// <summary>Runs one cycle. Returns normally when <paramref name="cancellationToken"/> fires, with <see cref="PollCycleSummary.CutShort"/> set.</summary>
    /// <exception cref="Exception">Only when the state store cannot be read at all; every per-task failure is counted instead.</exception>
    public async Task<PollCycleSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var counters = new Counters();
        ActiveTasks active;
        try
        {
            active = await store.LoadActiveAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle stopped before the tracked tasks were loaded");
            return new PollCycleSummary(0, 0, 0, 0, 0, 0, 0, true, timeProvider.GetElapsedTime(started));
        }

        var tasks = (active.Tasks ?? []).ToDictionary(t => t.TaskId, StringComparer.Ordinal);
        logger.LogInformation("Poll cycle started with {ActiveCount} active tasks (dry run: {DryRun})", tasks.Count, options.DryRun);

        IReadOnlyList<string> order;
        bool[] finished;
        var ownedLimiter = rateLimiter is null ? new RequestRateLimiter(options, timeProvider) : null;
        try
        {
            var limiter = rateLimiter ?? ownedLimiter!;
            await RepublishPendingAsync(tasks, counters, cancellationToken);
            await DiscoverAsync(tasks, limiter, counters, cancellationToken);

            order = ResumeOrder(tasks.Values.Where(TransitionRules.NeedsPolling).Select(t => t.TaskId), active.ResumeFrom);
            finished = new bool[order.Count];
            await PollAsync(order, tasks, finished, limiter, counters, cancellationToken);
        }
        finally
        {
            ownedLimiter?.Dispose();
        }

        var firstUnfinished = Array.IndexOf(finished, false);
        var cutShort = firstUnfinished >= 0;
        counters.Skipped += cutShort ? finished.Count(done => !done) : 0;
        // The cycle's own token has usually fired by now; this one short write gets its own deadline.
        using (var finish = new CancellationTokenSource(FinishTimeout, timeProvider))
        {
            await SaveResumePointAsync(cutShort ? order[firstUnfinished] : null, active.ResumeFrom, finish.Token);
        }

        var summary = new PollCycleSummary(
            counters.Checked, counters.Changed, counters.Published, counters.Failed, counters.Skipped,
            counters.Republished, counters.Discovered, cutShort, timeProvider.GetElapsedTime(started))
        {
            Recorded = counters.Recorded,
        };
        logger.LogInformation(
            "Poll cycle finished: {Checked} checked, {Changed} changed, {Published} published, {Failed} failed, {Skipped} skipped, {Republished} republished, {Discovered} discovered, {Recorded} recorded as history, cut short {CutShort}, in {DurationMs} ms",
            summary.Checked, summary.Changed, summary.Published, summary.Failed, summary.Skipped, summary.Republished, summary.Discovered, summary.Recorded, summary.CutShort, (long)summary.Duration.TotalMilliseconds);
        return summary;
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

    private async Task RepublishPendingAsync(Dictionary<string, TrackedTask> tasks, Counters counters, CancellationToken cancellationToken)
    {
        var pending = tasks.Values.Where(t => t.Pending is not null).OrderBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(pending, parallel, async (task, token) =>
            {
                var republished = await RepublishAsync(task, counters, token);
                if (republished is not null)
                {
                    lock (tasks)
                    {
                        tasks[task.TaskId] = republished;
                    }
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle stopped while republishing pending notifications");
        }
    }

    // Returns the task as it is after a successful republish (so a non-terminal task is polled in the same cycle), or null.
    private async Task<TrackedTask?> RepublishAsync(TrackedTask task, Counters counters, CancellationToken cancellationToken)
    {
        var pending = task.Pending!;
        var now = timeProvider.GetUtcNow();
        if (pending.LeaseUntil > now)
        {
            logger.LogInformation("Task {TaskId} has notification {NotificationId} being published by another cycle until {LeaseUntil}", task.TaskId, pending.NotificationId, pending.LeaseUntil);
            counters.Skip();
            return null;
        }

        if (options.DryRun)
        {
            logger.LogInformation("Dry run: would republish notification {NotificationId} for task {TaskId} ({Status})", pending.NotificationId, task.TaskId, pending.Snapshot.Status);
            counters.Skip();
            return null;
        }

        var lease = now + options.PublishLease;
        try
        {
            if (!await store.TryRenewLeaseAsync(task.TaskId, pending.NotificationId, pending.LeaseUntil, lease, cancellationToken))
            {
                logger.LogInformation("Task {TaskId}: notification {NotificationId} was taken over or confirmed by another cycle", task.TaskId, pending.NotificationId);
                counters.Skip();
                return null;
            }

            var messageId = await channel.DeliverAsync(pending, cancellationToken);
            Interlocked.Increment(ref counters.RepublishedCount);
            logger.LogInformation("Republished notification {NotificationId} for task {TaskId} ({Status}) as message {MessageId}", pending.NotificationId, task.TaskId, pending.Snapshot.Status, messageId);
            var expiresAt = await CompleteAsync(pending, cancellationToken);
            return task with { Pending = null, ExpiresAt = expiresAt };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryFrom = await leases.AfterFailureAsync(exception, pending, lease, cancellationToken);
            logger.LogWarning(exception, "Republishing notification {NotificationId} for task {TaskId} failed; it is retried by the first cycle from {RetryFrom}", pending.NotificationId, task.TaskId, retryFrom);
            counters.Fail();
            return null;
        }
    }

    // Follows the export tasks of the configured graphs. A task the store has never held is news, unless it finished
    // before the graph was followed (the graph's history) or longer ago than the retention period (its record has
    // expired, so it was notified once already): those are recorded without a notification.
    private async Task DiscoverAsync(Dictionary<string, TrackedTask> tasks, RateLimiter limiter, Counters counters, CancellationToken cancellationToken)
    {
        foreach (var graphId in options.GraphIds)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var listed = await discovery.ListAsync(graphId, tasks.ContainsKey, cancellationToken);
                if (options.DryRun)
                {
                    logger.LogInformation("Dry run: graph {GraphId} lists {Count} export tasks that are not active; none are tracked", graphId, listed.Count);
                    continue;
                }

                var followedSince = await store.FollowGraphAsync(graphId, timeProvider.GetUtcNow(), cancellationToken);
                var outcome = await discovery.FollowNewsAsync(graphId, listed, followedSince, limiter, cancellationToken);
                foreach (var taskId in outcome.Tracked)
                {
                    tasks[taskId] = new TrackedTask(taskId, graphId, 0, null, outcome.TrackedAt, null, null, null);
                }

                counters.Discovered += outcome.Tracked.Count;
                Interlocked.Add(ref counters.RecordedCount, outcome.Recorded);
                Interlocked.Add(ref counters.FailedCount, outcome.Failed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Poll cycle stopped while following the export tasks of graph {GraphId}", graphId);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Listing the export tasks of graph {GraphId} failed; it is retried next cycle", graphId);
                counters.Fail();
            }
        }
    }

    private async Task PollAsync(IReadOnlyList<string> order, Dictionary<string, TrackedTask> tasks, bool[] finished, RateLimiter limiter, Counters counters, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, order.Count), parallel, async (index, token) =>
            {
                using var lease = await limiter.AcquireAsync(1, token);
                if (!lease.IsAcquired || token.IsCancellationRequested)
                {
                    return;
                }

                finished[index] = await PollOneAsync(tasks[order[index]], counters, token);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Poll cycle cut short: {Unfinished} of {Total} tasks left for the next cycle", finished.Count(done => !done), order.Count);
        }
    }

    // True when the task is done with for this cycle (including a counted failure); false when the deadline interrupted it.
    private async Task<bool> PollOneAsync(TrackedTask task, Counters counters, CancellationToken cancellationToken)
    {
        TaskSnapshot snapshot;
        try
        {
            snapshot = WithKnownGraph(await ReadAsync(source, task.TaskId, cancellationToken), task);
        }
        catch (TaskNotFoundException)
        {
            snapshot = Gone(task);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref counters.CheckedCount);
            logger.LogWarning(exception, "Reading task {TaskId} failed; it is retried next cycle", task.TaskId);
            counters.Fail();
            return true;
        }

        Interlocked.Increment(ref counters.CheckedCount);
        var kind = TransitionRules.Classify(task.Status, snapshot.Status);
        if (kind == TransitionKind.None)
        {
            return true;
        }

        Interlocked.Increment(ref counters.ChangedCount);
        var previous = task.Status?.Value ?? "(none)";
        if (options.DryRun)
        {
            logger.LogInformation("Dry run: task {TaskId} moved {From} -> {To} ({Kind}); nothing published", task.TaskId, previous, snapshot.Status, kind);
            return true;
        }

        var now = timeProvider.GetUtcNow();
        var pending = new PendingNotification(
            Guid.CreateVersion7(now).ToString("N"),
            task.Status,
            Stored(snapshot),
            task.Version + 1,
            now,
            now + options.PublishLease);
        try
        {
            if (!await store.TryClaimAsync(pending, task.Version, cancellationToken))
            {
                logger.LogInformation("Task {TaskId} moved {From} -> {To} but another cycle claimed it first", task.TaskId, previous, snapshot.Status);
                counters.Skip();
                return true;
            }

            logger.LogInformation("Task {TaskId} moved {From} -> {To} ({Kind}); notification {NotificationId} claimed", task.TaskId, previous, snapshot.Status, kind, pending.NotificationId);
            var messageId = await channel.DeliverAsync(pending, cancellationToken);
            Interlocked.Increment(ref counters.PublishedCount);
            logger.LogInformation("Published notification {NotificationId} for task {TaskId} as message {MessageId}", pending.NotificationId, task.TaskId, messageId);
            await CompleteAsync(pending, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever was claimed stays in the outbox and is published by a later cycle.
            var retryFrom = await leases.AfterFailureAsync(exception, pending, pending.LeaseUntil, cancellationToken);
            logger.LogWarning(exception, "Notifying task {TaskId} ({From} -> {To}) failed; the claimed notification is retried by the first cycle from {RetryFrom}", task.TaskId, previous, snapshot.Status, retryFrom);
            counters.Fail();
        }

        return true;
    }

    // A read whose answer is about another task is a malformed answer, never a status of this one.
    internal static async Task<TaskSnapshot> ReadAsync(IExportTaskSource source, string taskId, CancellationToken cancellationToken)
    {
        var snapshot = await source.GetExportTaskAsync(taskId, cancellationToken);
        return snapshot is not null && string.Equals(snapshot.TaskId, taskId, StringComparison.Ordinal)
            ? snapshot
            : throw new InvalidDataException($"The service answered for task '{snapshot?.TaskId}' when asked for '{taskId}'.");
    }

    private async Task<DateTimeOffset?> CompleteAsync(PendingNotification pending, CancellationToken cancellationToken)
    {
        TaskCompletion completion = pending.Snapshot.Status.IsTerminal
            ? new TaskCompletion.Terminal(timeProvider.GetUtcNow() + options.Retention)
            : new TaskCompletion.StillActive();
        if (!await store.CompleteAsync(pending.TaskId, pending.NotificationId, completion, cancellationToken))
        {
            logger.LogWarning("Notification {NotificationId} for task {TaskId} was no longer pending when confirmed", pending.NotificationId, pending.TaskId);
        }

        return (completion as TaskCompletion.Terminal)?.ExpiresAt;
    }

    private async Task SaveResumePointAsync(string? resumeFrom, string? stored, CancellationToken cancellationToken)
    {
        if (options.DryRun || string.Equals(resumeFrom, stored, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await store.SetResumePointAsync(resumeFrom, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Saving the resume point {ResumeFrom} failed; the next cycle starts from the first task", resumeFrom);
        }
    }

    // An answer may leave the graph out (the SDKs read every output member as optional); the graph the task was
    // tracked with is then the better value for the notification and the stored state.
    private static TaskSnapshot WithKnownGraph(TaskSnapshot snapshot, TrackedTask task) =>
        snapshot.GraphId.Length == 0 && task.GraphId is { Length: > 0 } graphId ? snapshot with { GraphId = graphId } : snapshot;

    private static TaskSnapshot Gone(TrackedTask task) =>
        task.Snapshot is { } last
            ? last with { Status = NeptuneTaskStatus.Gone, StatusReason = GoneReason }
            : new TaskSnapshot { TaskId = task.TaskId, GraphId = task.GraphId ?? string.Empty, Status = NeptuneTaskStatus.Gone, StatusReason = GoneReason };

    internal static TaskSnapshot Stored(TaskSnapshot snapshot) =>
        snapshot.StatusReason is { } reason && StatusReasonTruncation.IsCut(reason, MaxStoredReasonChars)
            ? snapshot with { StatusReason = StatusReasonTruncation.Cut(reason, MaxStoredReasonChars) }
            : snapshot;

    private sealed class Counters
    {
        public int CheckedCount;
        public int ChangedCount;
        public int PublishedCount;
        public int FailedCount;
        public int SkippedCount;
        public int RepublishedCount;
        public int RecordedCount;

        public int Checked => CheckedCount;

        public int Changed => ChangedCount;

        public int Published => PublishedCount;

        public int Failed => FailedCount;

        public int Republished => RepublishedCount;

        public int Skipped
        {
            get => SkippedCount;
            set => SkippedCount = value;
        }

        public int Discovered { get; set; }

        public int Recorded => RecordedCount;

        public void Fail() => Interlocked.Increment(ref FailedCount);

        public void Skip() => Interlocked.Increment(ref SkippedCount);
    }
}
