using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The graph listings of one cycle: each graph is walked at most once (one ListExportTasks call per page, each through
/// the rate limiter), and the walk serves whoever asks next, discovery and the poll alike. Counts every page asked for,
/// and remembers a graph's page count in the registry when a complete walk finds it changed.
/// </summary>
/// <remarks>
/// <c>remembered</c> holds the page counts the cycle loaded; null remembers nothing (a one-off listing outside a cycle).
/// </remarks>
internal sealed class GraphListings(
    IExportTaskSource source,
    ITaskRegistry registry,
    IReadOnlyDictionary<string, int>? remembered,
    PollCycleOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GraphListing>>> walks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StepOutcome> outcomes = new();

    /// <summary>One <see cref="StepOutcome.ListedPage"/> per page asked for, with <see cref="StepOutcome.Failed"/> on the page that failed.</summary>
    public IReadOnlyCollection<StepOutcome> Outcomes => outcomes;

    /// <summary>The pages the graph's listing took when last counted, or null when it was never counted (or the count expired).</summary>
    public int? RememberedPages(string graphId) => remembered is not null && remembered.TryGetValue(graphId, out var pages) ? pages : null;

    /// <summary>True when this cycle has listed <paramref name="graphId"/>, or is listing it.</summary>
    public bool IsListed(string graphId) => walks.ContainsKey(graphId);

    /// <summary>
    /// The graph's listing in this cycle: walked on the first call, the same walk afterwards. Never throws for a failed
    /// page (<see cref="GraphListing.Failure"/> says what failed); a walk the token stopped is incomplete, without a failure.
    /// </summary>
    public Task<GraphListing> ListAsync(string graphId, RateLimiter limiter, CancellationToken cancellationToken) =>
        walks.GetOrAdd(graphId, id => new Lazy<Task<GraphListing>>(() => WalkAsync(id, limiter, cancellationToken))).Value;

    private async Task<GraphListing> WalkAsync(string graphId, RateLimiter limiter, CancellationToken cancellationToken)
    {
        List<ListedTask?> entries = [];
        var pages = 0;
        string? token = null;
        try
        {
            while (true)
            {
                using var lease = await limiter.AcquireAsync(1, cancellationToken);
                if (!lease.IsAcquired || cancellationToken.IsCancellationRequested)
                {
                    return GraphListing.From(graphId, entries, pages, complete: false, failure: null, logger);
                }

                pages++;
                ListedPage? page;
                try
                {
                    page = await source.ListExportTasksPageAsync(graphId, token, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    outcomes.Enqueue(StepOutcome.ListedPage | StepOutcome.Failed);
                    return Failed(graphId, entries, pages, exception);
                }

                outcomes.Enqueue(StepOutcome.ListedPage);
                entries.AddRange(page?.Tasks ?? []);
                var next = page?.NextToken;
                if (string.IsNullOrEmpty(next))
                {
                    break;
                }

                // A service that hands back the token it was given would be walked forever; stopping there would hide
                // the tasks of the pages not read, so the walk counts as failed.
                if (string.Equals(next, token, StringComparison.Ordinal))
                {
                    outcomes.Enqueue(StepOutcome.Failed);
                    return Failed(graphId, entries, pages, new InvalidDataException($"ListExportTasks for graph {graphId} returned the nextToken it was given; the rest of the listing cannot be read."));
                }

                token = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return GraphListing.From(graphId, entries, pages, complete: false, failure: null, logger);
        }

        await RememberAsync(graphId, pages, cancellationToken);
        return GraphListing.From(graphId, entries, pages, complete: true, failure: null, logger);
    }

    private GraphListing Failed(string graphId, List<ListedTask?> entries, int pages, Exception exception)
    {
        logger.LogWarning(exception, "Listing the export tasks of graph {GraphId} failed at page {Page}; it is listed again next cycle", graphId, pages);
        return GraphListing.From(graphId, entries, pages, complete: false, exception, logger);
    }

    // Written only when the count changes, so a cycle over graphs whose listings keep their length writes nothing.
    private async Task RememberAsync(string graphId, int pages, CancellationToken cancellationToken)
    {
        if (remembered is null || options.DryRun || RememberedPages(graphId) == pages)
        {
            return;
        }

        try
        {
            await registry.SetListingPagesAsync(graphId, pages, timeProvider.GetUtcNow() + options.Retention, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Remembering that the listing of graph {GraphId} takes {Pages} pages failed; the next cycle counts again", graphId, pages);
        }
    }
}
