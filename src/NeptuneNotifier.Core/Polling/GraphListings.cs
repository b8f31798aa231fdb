using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The task listings of one cycle: each graph's export tasks (ListExportTasks) and the account's import tasks
/// (ListImportTasks, which has no graph filter: one walk serves every graph, each taking the entries that name it) are
/// walked at most once each (one call per page, each through the rate limiter), and read into a graph's
/// <see cref="GraphListing"/> once, which serves whoever asks next, discovery and the poll alike. Counts every page asked for, and remembers a listing's page count in the registry
/// when a complete walk finds it changed.
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
    private readonly ConcurrentDictionary<string, Lazy<Task<Walk>>> walks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(TaskKind Kind, string GraphId), Lazy<Task<GraphListing>>> listings = new();
    private readonly ConcurrentQueue<StepOutcome> outcomes = new();

    /// <summary>One <see cref="StepOutcome.ListedPage"/> per page asked for, with <see cref="StepOutcome.Failed"/> on the page that failed.</summary>
    public IReadOnlyCollection<StepOutcome> Outcomes => outcomes;

    /// <summary>
    /// The pages the listing took when last counted (a graph id for its exports, <see cref="ListingKeys.Imports"/> for
    /// the imports), or null when it was never counted (or the count expired).
    /// </summary>
    public int? RememberedPages(string listingKey) => remembered is not null && remembered.TryGetValue(listingKey, out var pages) ? pages : null;

    /// <summary>True when this cycle has walked the listing (a graph id, or <see cref="ListingKeys.Imports"/>), or is walking it.</summary>
    public bool IsListed(string listingKey) => walks.ContainsKey(listingKey);

    /// <summary>
    /// The graph's export listing in this cycle: walked on the first call, the same walk afterwards. Never throws for a
    /// failed page (<see cref="GraphListing.Failure"/> says what failed); a walk the token stopped is incomplete, without a failure.
    /// </summary>
    public Task<GraphListing> ListAsync(string graphId, RateLimiter limiter, CancellationToken cancellationToken) =>
        Read(TaskKind.Export, graphId, async () =>
        {
            var walk = await Start(graphId, (token, ct) => source.ListExportTasksPageAsync(graphId, token, ct), limiter, cancellationToken);
            return GraphListing.From(graphId, walk.Entries, walk.Complete, walk.Failure, logger);
        });

    /// <summary>
    /// The graph's import tasks in this cycle: the entries of the account's import listing that name the graph (an
    /// entry that names no graph belongs to none), from the one walk of that listing. Pages and failure are the walk's.
    /// </summary>
    public Task<GraphListing> ListImportsAsync(string graphId, RateLimiter limiter, CancellationToken cancellationToken) =>
        Read(TaskKind.Import, graphId, async () =>
        {
            var walk = await Start(ListingKeys.Imports, (token, ct) => source.ListImportTasksPageAsync(token, ct), limiter, cancellationToken);
            var entries = walk.Entries.Where(entry => entry is not null && string.Equals(entry.GraphId, graphId, StringComparison.Ordinal));
            return GraphListing.From(graphId, entries, walk.Complete, walk.Failure, logger);
        });

    // A graph's listing is read from its walk once a cycle, so its entries are checked, and their doubts logged, once.
    private Task<GraphListing> Read(TaskKind kind, string graphId, Func<Task<GraphListing>> read) =>
        listings.GetOrAdd((kind, graphId), _ => new Lazy<Task<GraphListing>>(read)).Value;

    private Task<Walk> Start(string key, Func<string?, CancellationToken, Task<ListedPage>> page, RateLimiter limiter, CancellationToken cancellationToken) =>
        walks.GetOrAdd(key, k => new Lazy<Task<Walk>>(() => WalkAsync(k, page, limiter, cancellationToken))).Value;

    private async Task<Walk> WalkAsync(string key, Func<string?, CancellationToken, Task<ListedPage>> read, RateLimiter limiter, CancellationToken cancellationToken)
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
                    return new Walk(entries, Complete: false, Failure: null);
                }

                pages++;
                ListedPage? page;
                try
                {
                    page = await read(token, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    outcomes.Enqueue(StepOutcome.ListedPage | StepOutcome.Failed);
                    return Failed(key, entries, pages, exception);
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
                    return Failed(key, entries, pages, new InvalidDataException($"{Describe(key)} returned the nextToken it was given; the rest of the listing cannot be read."));
                }

                token = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Walk(entries, Complete: false, Failure: null);
        }

        await RememberAsync(key, pages, cancellationToken);
        return new Walk(entries, Complete: true, Failure: null);
    }

    private static string Describe(string key) => key == ListingKeys.Imports ? "ListImportTasks" : $"ListExportTasks for graph {key}";

    private Walk Failed(string key, List<ListedTask?> entries, int pages, Exception exception)
    {
        if (key == ListingKeys.Imports)
        {
            logger.LogWarning(exception, "Listing the import tasks failed at page {Page}; they are listed again next cycle", pages);
        }
        else
        {
            logger.LogWarning(exception, "Listing the export tasks of graph {GraphId} failed at page {Page}; it is listed again next cycle", key, pages);
        }

        return new Walk(entries, Complete: false, exception);
    }

    // Written only when the count changes, so a cycle over graphs whose listings keep their length writes nothing.
    private async Task RememberAsync(string listingKey, int pages, CancellationToken cancellationToken)
    {
        if (remembered is null || options.DryRun || RememberedPages(listingKey) == pages)
        {
            return;
        }

        try
        {
            await registry.SetListingPagesAsync(listingKey, pages, timeProvider.GetUtcNow() + options.Retention, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Remembering that the listing {Listing} takes {Pages} pages failed; the next cycle counts again", listingKey, pages);
        }
    }

    // One walk of a listing: the raw entries of the pages read, and how it ended.
    private sealed record Walk(List<ListedTask?> Entries, bool Complete, Exception? Failure);
}
