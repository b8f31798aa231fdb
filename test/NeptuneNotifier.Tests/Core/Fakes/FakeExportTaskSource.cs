using System.Collections.Concurrent;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>
/// Export and import tasks held in memory (a snapshot's <see cref="TaskSnapshot.Kind"/> says which read answers it:
/// GetExportTask knows only exports, GetImportTask only imports, as the service does). Records every call, the order of calls and the peak number in flight. A graph's
/// listing pages like the service (<see cref="PageSize"/> entries a page, a next token until the last) and can lag,
/// leave tasks out, carry extra entries or fail at a page. A graph lists the tasks given to <see cref="SetGraph"/>, or,
/// until then, every task whose snapshot names it, as the service lists all of a graph's exports.
/// </summary>
public sealed class FakeExportTaskSource : IExportTaskSource
{
    private readonly ConcurrentDictionary<string, TaskSnapshot> tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Exception> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> graphs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentQueue<string> importCalls = new();
    private readonly ConcurrentQueue<string?> importListCalls = new();
    private readonly ConcurrentDictionary<string, Exception> importFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string GraphId, string? NextToken)> listCalls = new();
    private readonly ConcurrentDictionary<string, NeptuneTaskStatus?> listedStatuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> omitted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<ListedTask>> extraEntries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string GraphId, int Page), Exception> listingFailures = new();
    private int inFlight;
    private int maxInFlight;

    /// <summary>Runs inside every call before it answers (to hold calls, cancel a cycle, or synchronise racers).</summary>
    public Func<string, CancellationToken, Task>? OnCall { get; set; }

    /// <summary>Runs before each page of a graph's listing answers.</summary>
    public Func<string, CancellationToken, Task>? OnList { get; set; }

    /// <summary>Entries per listing page; the service's most is 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Every GetExportTask call, by task id.</summary>
    public IReadOnlyList<string> Calls => [.. calls];

    /// <summary>Every ListExportTasks call (one per page), by graph id and the token it was given.</summary>
    public IReadOnlyList<(string GraphId, string? NextToken)> ListCalls => [.. listCalls];

    /// <summary>Every GetImportTask call, by task id.</summary>
    public IReadOnlyList<string> ImportCalls => [.. importCalls];

    /// <summary>Every ListImportTasks call (one per page), by the token it was given.</summary>
    public IReadOnlyList<string?> ImportListCalls => [.. importListCalls];

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public void Set(TaskSnapshot snapshot) => SetAnswer(snapshot.TaskId, snapshot);

    /// <summary>Answers <paramref name="taskId"/> with <paramref name="snapshot"/>, even when it describes another task.</summary>
    public void SetAnswer(string taskId, TaskSnapshot snapshot)
    {
        tasks[taskId] = snapshot;
        failures.TryRemove(taskId, out _);
    }

    public void SetStatus(string taskId, NeptuneTaskStatus status, string? reason = null) =>
        Set(tasks.TryGetValue(taskId, out var existing)
            ? existing with { Status = status, StatusReason = reason }
            : TestData.Snapshot(taskId, status) with { StatusReason = reason });

    public void Fail(string taskId, Exception exception) => failures[taskId] = exception;

    /// <summary>GetImportTask of <paramref name="taskId"/> fails with <paramref name="exception"/>.</summary>
    public void FailImport(string taskId, Exception exception) => importFailures[taskId] = exception;

    public void Remove(string taskId)
    {
        tasks.TryRemove(taskId, out _);
        failures.TryRemove(taskId, out _);
    }

    /// <summary>The graph lists exactly these tasks, in this order (ids that are not task ids included).</summary>
    public void SetGraph(string graphId, params string[] taskIds) => graphs[graphId] = [.. taskIds];

    /// <summary>The listing shows <paramref name="taskId"/> with <paramref name="status"/> (a lagging listing) until <see cref="ClearListedStatus"/>.</summary>
    public void SetListedStatus(string taskId, NeptuneTaskStatus? status) => listedStatuses[taskId] = status;

    public void ClearListedStatus(string taskId) => listedStatuses.TryRemove(taskId, out _);

    /// <summary>The listing leaves <paramref name="taskId"/> out; GetExportTask still answers.</summary>
    public void OmitFromListing(string taskId) => omitted[taskId] = true;

    /// <summary>Adds <paramref name="entry"/> to the end of the graph's listing, whatever it says.</summary>
    public void AddListingEntry(string graphId, ListedTask entry) => extraEntries.AddOrUpdate(graphId, _ => [entry], (_, list) => [.. list, entry]);

    /// <summary>The graph's listing fails with <paramref name="exception"/> at page <paramref name="page"/> (0 for the first).</summary>
    public void FailListing(string graphId, Exception exception, int page = 0) => listingFailures[(graphId, page)] = exception;

    public void RestoreListing(string graphId)
    {
        foreach (var key in listingFailures.Keys.Where(k => k.GraphId == graphId))
        {
            listingFailures.TryRemove(key, out _);
        }
    }

    public Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        calls.Enqueue(taskId);
        return ReadAsync(taskId, TaskKind.Export, failures, cancellationToken);
    }

    public Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        importCalls.Enqueue(taskId);
        return ReadAsync(taskId, TaskKind.Import, importFailures, cancellationToken);
    }

    /// <summary>One page of every graph's import tasks, as ListImportTasks reports it; failures set with <see cref="FailListing"/> under <see cref="ListingKeys.Imports"/>.</summary>
    public Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken)
    {
        importListCalls.Enqueue(nextToken);
        return PageAsync(ListingKeys.Imports, nextToken, () => tasks
            .Where(task => task.Value.Kind == TaskKind.Import && !omitted.ContainsKey(task.Key))
            .OrderBy(task => task.Key, StringComparer.Ordinal)
            .Select(task => new ListedTask(
                task.Key,
                listedStatuses.TryGetValue(task.Key, out var listed) ? listed : task.Value.Status,
                task.Value.GraphId.Length > 0 ? task.Value.GraphId : null)), cancellationToken);
    }

    private async Task<TaskSnapshot> ReadAsync(string taskId, TaskKind kind, ConcurrentDictionary<string, Exception> failing, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref inFlight);
        InterlockedMax(ref maxInFlight, now);
        try
        {
            if (OnCall is { } onCall)
            {
                await onCall(taskId, cancellationToken);
            }
            else
            {
                await Task.Yield();
            }

            if (failing.TryGetValue(taskId, out var failure))
            {
                throw failure;
            }

            return tasks.TryGetValue(taskId, out var snapshot) && snapshot.Kind == kind ? snapshot : throw new TaskNotFoundException(taskId);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>One page of a graph's tasks with the status each has now (or the listed status set), as ListExportTasks reports it.</summary>
    public async Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        listCalls.Enqueue((graphId, nextToken));
        await (OnList?.Invoke(graphId, cancellationToken) ?? Task.CompletedTask);
        return await PageAsync(graphId, nextToken, () => (graphs.GetValueOrDefault(graphId) ?? OfGraph(graphId))
            .Where(id => !omitted.ContainsKey(id))
            .Select(id => new ListedTask(
                id,
                listedStatuses.TryGetValue(id, out var listed) ? listed : tasks.TryGetValue(id, out var snapshot) ? snapshot.Status : null,
                graphId)), cancellationToken);
    }

    // One page of a listing (a graph id, or ListingKeys.Imports): its failure if one is set, else its slice of the
    // listed rows and the entries added to them, with a next token while rows remain.
    private async Task<ListedPage> PageAsync(string key, string? nextToken, Func<IEnumerable<ListedTask>> rows, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var page = nextToken is null ? 0 : int.Parse(nextToken[(nextToken.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (listingFailures.TryGetValue((key, page), out var failure))
        {
            throw failure;
        }

        List<ListedTask> entries = [.. rows(), .. extraEntries.GetValueOrDefault(key) ?? []];
        var last = (page + 1) * PageSize >= entries.Count;
        return new ListedPage([.. entries.Skip(page * PageSize).Take(PageSize)], last ? null : $"{key}:{page + 1}");
    }

    private List<string> OfGraph(string graphId) =>
        [.. tasks.Where(task => task.Value.GraphId == graphId && task.Value.Kind == TaskKind.Export).Select(task => task.Key).Order(StringComparer.Ordinal)];

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
