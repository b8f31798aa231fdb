using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace NeptuneNotifier.Core.Polling;

/// <summary>What following the news of one graph did.</summary>
/// <param name="Tracked">The tasks now followed (tracked at <paramref name="TrackedAt"/>, not notified yet).</param>
/// <param name="TrackedAt">When they were tracked.</param>
/// <param name="Recorded">Finished tasks recorded as history, without a notification.</param>
/// <param name="Failed">Newly listed tasks that could not be read; they are asked about again next time.</param>
internal sealed record DiscoveryOutcome(IReadOnlyList<string> Tracked, DateTimeOffset TrackedAt, int Recorded, int Failed);

/// <summary>
/// Finds the export tasks of one graph that the store has never held, follows those that are news since a given time,
/// and records the others (finished before it: history) so they are not read again. Serves <c>GRAPH_IDS</c> (news since
/// the graph was followed) and a CloudTrail StartExportTask record that does not name its task (news since the call).
/// </summary>
internal sealed class GraphDiscovery(ITaskRegistry registry, IExportTaskSource source, PollCycleOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Lists the export tasks of <paramref name="graphId"/> that <paramref name="isActive"/> does not hold, with the status the listing reports.</summary>
    public async Task<Dictionary<string, NeptuneTaskStatus?>> ListAsync(string graphId, Func<string, bool> isActive, CancellationToken cancellationToken)
    {
        Dictionary<string, NeptuneTaskStatus?> listed = new(StringComparer.Ordinal);
        await foreach (var entry in source.ListExportTasksAsync(graphId, cancellationToken))
        {
            if (entry is null || !TaskIds.IsTaskId(entry.TaskId))
            {
                logger.LogWarning("Graph {GraphId} listed an invalid task id {TaskId}; ignored", graphId, entry?.TaskId);
            }
            else if (!isActive(entry.TaskId))
            {
                listed[entry.TaskId] = entry.Status;
            }
        }

        return listed;
    }

    /// <summary>
    /// Of <paramref name="listed"/>, follows the tasks the store does not hold that are news: running (as listed), or
    /// finished at or after <paramref name="since"/> less <see cref="TransitionRules.HistoryMargin"/> (see
    /// <see cref="TransitionRules.IsHistory"/>). Finished earlier: recorded as history without a notification.
    /// </summary>
    public async Task<DiscoveryOutcome> FollowNewsAsync(string graphId, IReadOnlyDictionary<string, NeptuneTaskStatus?> listed, DateTimeOffset since, RateLimiter limiter, CancellationToken cancellationToken)
    {
        if (listed.Count == 0)
        {
            return new DiscoveryOutcome([], timeProvider.GetUtcNow(), 0, 0);
        }

        var counts = new Counts();
        List<TaskToTrack> news = [];
        foreach (var taskId in (await registry.FindUnknownAsync([.. listed.Keys], cancellationToken) ?? []).Order(StringComparer.Ordinal))
        {
            // A task the listing shows running is news without a read: only a finished one can be history.
            if (listed.GetValueOrDefault(taskId) is { IsKnown: true, IsTerminal: false }
                || await IsNewsAsync(taskId, graphId, since, limiter, counts, cancellationToken))
            {
                news.Add(new TaskToTrack(taskId, graphId));
            }
        }

        var now = timeProvider.GetUtcNow();
        var tracked = news.Count == 0 ? [] : await registry.TrackAsync(news, now, cancellationToken) ?? [];
        foreach (var taskId in tracked)
        {
            logger.LogInformation("Now following export task {TaskId} of graph {GraphId}", taskId, graphId);
        }

        return new DiscoveryOutcome(tracked, now, counts.Recorded, counts.Failed);
    }

    // Reads a task the store has never held: true when it is to be followed; false when it was recorded as history,
    // is gone, or could not be read (then it is asked about again next time).
    private async Task<bool> IsNewsAsync(string taskId, string graphId, DateTimeOffset since, RateLimiter limiter, Counts counts, CancellationToken cancellationToken)
    {
        TaskSnapshot snapshot;
        try
        {
            using var lease = await limiter.AcquireAsync(1, cancellationToken);
            if (!lease.IsAcquired)
            {
                return false;
            }

            snapshot = await PollCycle.ReadAsync(source, taskId, cancellationToken);
        }
        catch (TaskNotFoundException)
        {
            logger.LogInformation("Graph {GraphId} listed export task {TaskId}, which no longer exists; not followed", graphId, taskId);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Reading newly listed export task {TaskId} of graph {GraphId} failed; it is asked about again next time", taskId, graphId);
            counts.Failed++;
            return false;
        }

        var now = timeProvider.GetUtcNow();
        if (!TransitionRules.IsHistory(snapshot, since, now, options.Retention))
        {
            return true;
        }

        if (await registry.RecordFinishedAsync(PollCycle.Stored(snapshot) with { GraphId = graphId }, now, now + options.Retention, cancellationToken))
        {
            counts.Recorded++;
            logger.LogInformation(
                "Export task {TaskId} of graph {GraphId} finished ({Status}) before it could be news (news since {Since}); recorded without a notification",
                taskId, graphId, snapshot.Status, since);
        }

        return false;
    }

    private sealed class Counts
    {
        public int Recorded { get; set; }

        public int Failed { get; set; }
    }
}
