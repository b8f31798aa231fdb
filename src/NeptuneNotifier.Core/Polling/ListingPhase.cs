using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The poll's list-then-get step: chooses, per graph (and once for the account's imports), between listing and
/// reading each task, lists the chosen graphs (through <see cref="GraphListings"/>, so a graph discovery listed is not listed again), and then tells
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

    /// <summary>
    /// Lists the graphs of <paramref name="order"/> that the strategy chooses, a few at a time: for exports, graph by
    /// graph; for imports, the account's one import listing, chosen once for all imports of known graphs, since one
    /// walk serves them all. A task whose kind or graph is not known yet can only be read.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token fired.</exception>
    public static async Task<ListingPhase> RunAsync(
        IReadOnlyList<TrackedTask> order, GraphListings listings, PollCycleOptions options, RateLimiter limiter, ILogger logger, CancellationToken cancellationToken)
    {
        var listable = order.Where(task => task.KnownKind is not null && TaskIds.IsGraphId(task.GraphId)).ToList();
        var exports = listable
            .Where(task => task.KnownKind == TaskKind.Export)
            .GroupBy(task => task.GraphId!, StringComparer.Ordinal)
            .Where(graph => ShouldList(options.Strategy, graph.Count(task => task.Status is not null), listings.RememberedPages(graph.Key), listings.IsListed(graph.Key)))
            .Select(graph => (TaskKind.Export, graph.Key));
        var imports = listable.Where(task => task.KnownKind == TaskKind.Import).ToList();
        var listImports = imports.Count > 0
            && ShouldList(options.Strategy, imports.Count(task => task.Status is not null), listings.RememberedPages(ListingKeys.Imports), listings.IsListed(ListingKeys.Imports));
        List<(TaskKind Kind, string GraphId)> chosen =
        [
            .. exports,
            .. listImports ? imports.Select(task => task.GraphId!).Distinct(StringComparer.Ordinal).Select(graphId => (TaskKind.Import, graphId)) : [],
        ];
        ConcurrentDictionary<string, GraphListing> byGraph = new(StringComparer.Ordinal);
        var parallel = options.Parallel(cancellationToken);
        await Parallel.ForEachAsync(chosen, parallel, async (listing, token) => byGraph[Key(listing.Kind, listing.GraphId)] = listing.Kind == TaskKind.Import
            ? await listings.ListImportsAsync(listing.GraphId, limiter, token)
            : await listings.ListAsync(listing.GraphId, limiter, token));
        return new ListingPhase(byGraph, logger);
    }

    /// <summary>What the listing of the task's kind and graph says about <paramref name="task"/>; <see cref="ListingHint.Read"/> when it was not listed.</summary>
    public ListingHint HintFor(TrackedTask task) =>
        Key(task) is { } key && byGraph.TryGetValue(key, out var listing) ? listing.HintFor(task) : ListingHint.Read;

    /// <summary>True when an unseen task of this graph (and kind) is not to be read: a read of another one failed after the listing did.</summary>
    public bool GivenUp(TrackedTask task) => Key(task) is { } key && givenUp.ContainsKey(key);

    /// <summary>Records that reading an unseen task failed: the graph's other unseen tasks of its kind wait for the next cycle.</summary>
    public void UnseenReadFailed(TrackedTask task)
    {
        if (Key(task) is { } key && givenUp.TryAdd(key, true))
        {
            logger.LogWarning(
                "After the listing of graph {GraphId} failed, reading its task {TaskId} failed too; the graph's other tasks not listed are retried next cycle",
                task.GraphId, task.TaskId);
        }
    }

    // Exports are keyed by graph id, as the listings they come from; imports apart from them.
    private static string Key(TaskKind kind, string graphId) => kind == TaskKind.Import ? "import:" + graphId : graphId;

    private static string? Key(TrackedTask task) => task is { GraphId: { } graphId, KnownKind: { } kind } ? Key(kind, graphId) : null;
}
