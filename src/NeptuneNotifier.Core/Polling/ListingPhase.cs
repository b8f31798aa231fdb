using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The poll's list-then-get step: chooses, per graph, between listing it and reading each of its tasks, lists the
/// chosen graphs (through <see cref="GraphListings"/>, so a graph discovery listed is not listed again), and then tells
/// the poll, task by task, whether the listing confirmed the stored status or the task must be read.
/// </summary>
/// <remarks>
/// A listing that fails leaves the tasks it did not show to be read one by one, so that a listing that keeps failing
/// (a graph the listing no longer serves, a policy without ListExportTasks) loses nothing; but once such a read of the
/// graph fails too, the graph's other unshown tasks are counted as failed without a call and retried next cycle, so a
/// throttled account gets one more failing call per graph rather than one per task.
/// </remarks>
internal sealed class ListingPhase
{
    private readonly IReadOnlyDictionary<string, GraphListing> byGraph;
    private readonly ConcurrentDictionary<string, bool> givenUp = new(StringComparer.Ordinal);
    private readonly ILogger logger;

    private ListingPhase(IReadOnlyDictionary<string, GraphListing> byGraph, ILogger logger)
    {
        this.byGraph = byGraph;
        this.logger = logger;
    }

    /// <summary>
    /// The decision rule. <see cref="PollStrategy.Auto"/> lists a graph when the cycle lists it anyway, or when more of
    /// its tasks could be confirmed by a listing than the listing has pages (one call per page against one per task; on
    /// a tie, the reads, which also bring the counts). A graph never counted is taken to list in one page, the least a
    /// listing takes: its first listing then counts it.
    /// </summary>
    /// <param name="strategy">The configured strategy.</param>
    /// <param name="confirmable">Polled tasks of the graph with a stored status: the reads a listing may spare.</param>
    /// <param name="rememberedPages">The pages the graph's listing took when last counted; null when never counted.</param>
    /// <param name="listedAnyway">True when the cycle lists the graph anyway (to follow its new exports).</param>
    public static bool ShouldList(PollStrategy strategy, int confirmable, int? rememberedPages, bool listedAnyway) => strategy switch
    {
        PollStrategy.Get => false,
        PollStrategy.List => true,
        _ => listedAnyway || confirmable > (rememberedPages ?? 1),
    };

    /// <summary>Lists the graphs of <paramref name="order"/> that the strategy chooses, a few at a time.</summary>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    public static async Task<ListingPhase> RunAsync(
        IReadOnlyList<TrackedTask> order, GraphListings listings, PollCycleOptions options, RateLimiter limiter, ILogger logger, CancellationToken cancellationToken)
    {
        // A task whose graph is not known yet can only be read.
        var chosen = order
            .Where(task => TaskIds.IsGraphId(task.GraphId))
            .GroupBy(task => task.GraphId!, StringComparer.Ordinal)
            .Where(graph => ShouldList(options.Strategy, graph.Count(task => task.Status is not null), listings.RememberedPages(graph.Key), listings.IsListed(graph.Key)))
            .Select(graph => graph.Key)
            .ToList();
        ConcurrentDictionary<string, GraphListing> byGraph = new(StringComparer.Ordinal);
        var parallel = options.Parallel(cancellationToken);
        await Parallel.ForEachAsync(chosen, parallel, async (graphId, token) => byGraph[graphId] = await listings.ListAsync(graphId, limiter, token));
        return new ListingPhase(byGraph, logger);
    }

    /// <summary>What the graph's listing says about <paramref name="task"/>; <see cref="ListingHint.Read"/> when its graph was not listed.</summary>
    public ListingHint HintFor(TrackedTask task) =>
        task.GraphId is { } graphId && byGraph.TryGetValue(graphId, out var listing) ? listing.HintFor(task) : ListingHint.Read;

    /// <summary>True when an unseen task of this graph is not to be read: a read of another one failed after the listing did.</summary>
    public bool GivenUp(TrackedTask task) => task.GraphId is { } graphId && givenUp.ContainsKey(graphId);

    /// <summary>Records that reading an unseen task failed: the graph's other unseen tasks wait for the next cycle.</summary>
    public void UnseenReadFailed(TrackedTask task)
    {
        if (task.GraphId is { } graphId && givenUp.TryAdd(graphId, true))
        {
            logger.LogWarning(
                "After the listing of graph {GraphId} failed, reading its task {TaskId} failed too; the graph's other tasks not listed are retried next cycle",
                graphId, task.TaskId);
        }
    }
}
