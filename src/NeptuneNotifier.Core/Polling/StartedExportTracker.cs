using System.Runtime.ExceptionServices;
using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>What finding a started export or import through its graph did.</summary>
/// <param name="Tracked">The tasks now followed; the next poll cycle notifies each (a first sighting).</param>
/// <param name="Listed">How many tasks of the kind the graph lists.</param>
/// <param name="Recorded">Finished before the call: recorded as history, never notified.</param>
public sealed record StartedExportResult(IReadOnlyList<string> Tracked, int Listed, int Recorded);

/// <summary>
/// Follows the export (or import) task a StartExportTask (or StartImportTask) call started when its CloudTrail record
/// does not name it (no <c>responseElements.taskId</c>): lists the graph's tasks of that kind (ListExportTasks, or
/// ListImportTasks filtered by graph) and follows those the table does not hold that are
/// running, or that finished at or after the call (less <see cref="TransitionRules.HistoryMargin"/>): an export that
/// failed before the event was handled is that task too. Finished earlier: the graph's history, recorded, not followed.
/// </summary>
/// <remarks>
/// This is the discovery <c>GRAPH_IDS</c> runs each cycle, with the call's time (CloudTrail's <c>eventTime</c>, when the
/// request completed) in place of the time the graph was first followed. Any export of the graph running at that time
/// is followed, so one started by a concurrent call with no event of its own is followed too.
/// </remarks>
public sealed class StartedExportTracker
{
    private readonly PollCycleOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<StartedExportTracker> logger;
    private readonly RateLimiter? rateLimiter;
    private readonly IExportTaskSource source;
    private readonly ITaskRegistry registry;
    private readonly GraphDiscovery discovery;

    /// <summary>Creates the tracker over the registry and the source the poll cycle uses.</summary>
    /// <remarks>The rate limiter gates every call to the source; without one, each call creates a <see cref="RequestRateLimiter"/> from the options.</remarks>
    public StartedExportTracker(
        ITaskRegistry registry,
        IExportTaskSource source,
        PollCycleOptions options,
        TimeProvider timeProvider,
        ILogger<StartedExportTracker> logger,
        RateLimiter? rateLimiter = null)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
        this.rateLimiter = rateLimiter;
        this.registry = registry ?? throw new ArgumentNullException(nameof(registry));
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        discovery = new GraphDiscovery(registry, source, options, timeProvider, logger);
    }

    /// <summary>Follows the tasks of <paramref name="kind"/> of <paramref name="graphId"/> that a call completed at <paramref name="calledAt"/> may have started.</summary>
    /// <exception cref="ArgumentException"><paramref name="graphId"/> is not a graph identifier.</exception>
    /// <exception cref="ExportDiscoveryException">Some newly listed tasks could not be read (those found are tracked).</exception>
    public async Task<StartedExportResult> TrackAsync(string graphId, TaskKind kind, DateTimeOffset calledAt, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalidGraphId(graphId);
        using var ownedLimiter = rateLimiter is null ? new RequestRateLimiter(options, timeProvider) : null;
        var limiter = rateLimiter ?? ownedLimiter!;

        // A listing of its own, outside any cycle: it remembers no page count (that is the cycles' business).
        var listings = new GraphListings(source, registry, remembered: null, options, timeProvider, logger);
        var listing = kind == TaskKind.Import
            ? await listings.ListImportsAsync(graphId, limiter, cancellationToken)
            : await listings.ListAsync(graphId, limiter, cancellationToken);
        if (listing.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var listed = GraphDiscovery.Unheld(listing, _ => false);
        var outcome = await discovery.FollowNewsAsync(graphId, kind, listed, calledAt, limiter, cancellationToken);
        if (outcome.Failed > 0)
        {
            throw new ExportDiscoveryException(
                $"{outcome.Failed} newly listed {TaskKinds.Name(kind)} task(s) of graph {graphId} could not be read, so it is not known whether {StartCall(kind)} started them; " +
                $"{outcome.Tracked.Count} task(s) were tracked ({string.Join(", ", outcome.Tracked)}). Sending the event again retries the others.");
        }

        if (outcome.Tracked.Count == 0)
        {
            logger.LogWarning(
                "{Call} on graph {GraphId} at {CalledAt:u}: no {Kind} of the graph that the table does not hold yet is running or finished since; {Listed} listed, {Recorded} recorded as history",
                StartCall(kind), graphId, calledAt, TaskKinds.Name(kind), listed.Count, outcome.Recorded);
        }

        return new StartedExportResult(outcome.Tracked, listed.Count, outcome.Recorded);
    }

    private static string StartCall(TaskKind kind) => kind == TaskKind.Import ? "StartImportTask" : "StartExportTask";
}

/// <summary>Following a graph's new exports was incomplete: the message says what was tracked and what could not be read.</summary>
public sealed class ExportDiscoveryException(string message) : Exception(message);
