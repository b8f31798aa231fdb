using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>What following the news of one graph did.</summary>
/// <param name="Tracked">The tasks now followed (tracked at <paramref name="TrackedAt"/>, not notified yet).</param>
/// <param name="TrackedAt">When they were tracked.</param>
/// <param name="Outcomes">One outcome per newly listed task that was followed, recorded or could not be read.</param>
internal sealed record DiscoveryOutcome(IReadOnlyList<string> Tracked, DateTimeOffset TrackedAt, IReadOnlyList<StepOutcome> Outcomes)
{
    /// <summary>Finished tasks recorded as history, without a notification.</summary>
    public int Recorded => Outcomes.Count(o => o.HasFlag(StepOutcome.Recorded));

    /// <summary>Newly listed tasks that could not be read; they are asked about again next time.</summary>
    public int Failed => Outcomes.Count(o => o.HasFlag(StepOutcome.Failed));
}

/// <summary>
/// Finds the export or import tasks of one graph that the store has never held, follows those that are news since a given time,
/// and records the others (finished before it: history) so they are not read again. Serves <c>GRAPH_IDS</c> (news since
/// the graph was followed, each cycle: <see cref="DiscoverAsync"/>) and a CloudTrail StartExportTask or StartImportTask
/// record that does not name its task (news since the call).
/// </summary>
internal sealed class GraphDiscovery(ITaskRegistry registry, IExportTaskSource source, PollCycleOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>
    /// The cycle's discovery phase: follows the export and import tasks of every configured graph that <paramref name="tasks"/>
    /// does not hold and that are news since the graph was first followed, and adds them to <paramref name="tasks"/>
    /// (polled, so notified, in the same cycle). Each graph is listed through <paramref name="listings"/>, whose walk
    /// the poll then reuses. A graph whose listing fails (the listing counts the failure) is listed again next cycle.
    /// In a dry run it lists, and neither follows nor records.
    /// </summary>
    public async Task<IReadOnlyList<StepOutcome>> DiscoverAsync(Dictionary<string, TrackedTask> tasks, RateLimiter limiter, GraphListings listings, CancellationToken cancellationToken)
    {
        List<StepOutcome> outcomes = [];
        foreach (var (graphId, kind) in options.GraphIds.SelectMany(graphId => new[] { (graphId, TaskKind.Export), (graphId, TaskKind.Import) }))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var kindName = TaskKinds.Name(kind);
            try
            {
                var listing = kind == TaskKind.Import
                    ? await listings.ListImportsAsync(graphId, limiter, cancellationToken)
                    : await listings.ListAsync(graphId, limiter, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                if (!listing.Complete)
                {
                    continue;
                }

                var listed = Unheld(listing, tasks.ContainsKey);
                if (options.DryRun)
                {
                    logger.LogInformation("Dry run: graph {GraphId} lists {Count} {Kind} tasks that are not active; none are tracked", graphId, listed.Count, kindName);
                    continue;
                }

                var followedSince = await registry.FollowGraphAsync(graphId, kind, timeProvider.GetUtcNow(), cancellationToken);
                var found = await FollowNewsAsync(graphId, kind, listed, followedSince, limiter, cancellationToken);
                foreach (var taskId in found.Tracked)
                {
                    tasks[taskId] = new TrackedTask(taskId, graphId, 0, null, found.TrackedAt, null, null, null) { Kind = kind };
                }

                outcomes.AddRange(found.Outcomes);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Poll cycle stopped while following the {Kind} tasks of graph {GraphId}", kindName, graphId);
                break;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Following the {Kind} tasks of graph {GraphId} failed; it is retried next cycle", kindName, graphId);
                outcomes.Add(StepOutcome.Failed);
            }
        }

        return outcomes;
    }

    /// <summary>The tasks of <paramref name="listing"/> that <paramref name="isActive"/> does not hold, with the status the listing reports.</summary>
    public static Dictionary<string, NeptuneTaskStatus?> Unheld(GraphListing listing, Func<string, bool> isActive)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Tasks.Where(entry => !isActive(entry.Key)).ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Of <paramref name="listed"/>, follows the tasks the store does not hold that are news: running (as listed), or
    /// finished at or after <paramref name="since"/> less <see cref="TransitionRules.HistoryMargin"/> (see
    /// <see cref="TransitionRules.IsHistory"/>). Finished earlier: recorded as history without a notification.
    /// </summary>
    public async Task<DiscoveryOutcome> FollowNewsAsync(string graphId, TaskKind kind, IReadOnlyDictionary<string, NeptuneTaskStatus?> listed, DateTimeOffset since, RateLimiter limiter, CancellationToken cancellationToken)
    {
        if (listed.Count == 0)
        {
            return new DiscoveryOutcome([], timeProvider.GetUtcNow(), []);
        }

        List<StepOutcome> outcomes = [];
        List<TaskToTrack> news = [];
        foreach (var taskId in (await registry.FindUnknownAsync([.. listed.Keys], cancellationToken) ?? []).Order(StringComparer.Ordinal))
        {
            // A task the listing shows running is news without a read: only a finished one can be history.
            var outcome = listed.GetValueOrDefault(taskId) is { IsKnown: true, IsTerminal: false }
                ? StepOutcome.Discovered
                : await SortAsync(taskId, graphId, kind, since, limiter, cancellationToken);
            if (outcome.HasFlag(StepOutcome.Discovered))
            {
                // Discovered is counted once tracked, below; the read that told it is counted now.
                news.Add(new TaskToTrack(taskId, graphId, kind));
                outcome &= ~StepOutcome.Discovered;
            }

            if (outcome != StepOutcome.None)
            {
                outcomes.Add(outcome);
            }
        }

        // News is discovered once tracked here: another writer may have tracked it first.
        var now = timeProvider.GetUtcNow();
        var tracked = news.Count == 0 ? [] : await registry.TrackAsync(news, now, cancellationToken) ?? [];
        foreach (var taskId in tracked)
        {
            logger.LogInformation("Now following {Kind} task {TaskId} of graph {GraphId}", TaskKinds.Name(kind), taskId, graphId);
            outcomes.Add(StepOutcome.Discovered);
        }

        return new DiscoveryOutcome(tracked, now, outcomes);
    }

    // Reads a task the store has never held (Checked, when the read was made): Discovered when it is news, to be
    // followed; Recorded when it was recorded as history; Failed when it could not be read (it is asked about again next
    // time); nothing more when it is gone, or another writer recorded it first.
    private async Task<StepOutcome> SortAsync(string taskId, string graphId, TaskKind kind, DateTimeOffset since, RateLimiter limiter, CancellationToken cancellationToken)
    {
        TaskSnapshot snapshot;
        try
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
            if (!lease.IsAcquired)
            {
                return StepOutcome.None;
            }

            snapshot = await TaskReads.ReadAsync(source, taskId, kind, cancellationToken);
        }
        catch (TaskNotFoundException)
        {
            logger.LogInformation("Graph {GraphId} listed {Kind} task {TaskId}, which no longer exists; not followed", graphId, TaskKinds.Name(kind), taskId);
            return StepOutcome.Checked;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Reading newly listed {Kind} task {TaskId} of graph {GraphId} failed; it is asked about again next time", TaskKinds.Name(kind), taskId, graphId);
            return StepOutcome.Checked | StepOutcome.Failed;
        }

        var now = timeProvider.GetUtcNow();
        if (!TransitionRules.IsHistory(snapshot, since, now, options.Retention))
        {
            return StepOutcome.Checked | StepOutcome.Discovered;
        }

        if (!await registry.RecordFinishedAsync(TaskReads.Stored(snapshot) with { GraphId = graphId }, now, now + options.Retention, cancellationToken))
        {
            return StepOutcome.Checked;
        }

        logger.LogInformation(
            "{Kind} task {TaskId} of graph {GraphId} finished ({Status}) before it could be news (news since {Since:u}); recorded without a notification",
            TaskKinds.Name(kind), taskId, graphId, snapshot.Status, since);
        return StepOutcome.Checked | StepOutcome.Recorded;
    }
}
