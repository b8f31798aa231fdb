namespace NeptuneNotifier.Benchmarks.Strategies;

/// <summary>
/// Neptune Analytics' export task API as the strategies benchmark needs it, in memory: graphs each with a number of
/// finished past exports and a share of the tracked tasks; GetExportTask answers a task, ListExportTasks pages a graph's
/// exports 100 at a time (the service's maximum <c>maxResults</c>), newest first. Every call waits the service latency
/// on the virtual clock and is counted by operation.
/// </summary>
internal sealed class ModelledNeptune : IExportTaskSource
{
    public const int PageSize = 100;

    private readonly Dictionary<string, TaskSnapshot> tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> byGraph = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly TimeSpan latency;
    private readonly VirtualClock clock;
    private int gets;
    private int lists;

    public ModelledNeptune(int taskCount, int graphCount, int pastExportsPerGraph, TimeProvider time, TimeSpan latency, VirtualClock clock)
    {
        this.time = time;
        this.latency = latency;
        this.clock = clock;
        for (var g = 0; g < graphCount; g++)
        {
            var graphId = Id("g-", g);
            byGraph[graphId] = [];
            for (var p = 0; p < pastExportsPerGraph; p++)
            {
                Add(Id("t-p", (g * pastExportsPerGraph) + p), graphId, NeptuneTaskStatus.Succeeded);
            }
        }

        // Tracked task i belongs to graph i mod G, so every graph has N / G of them.
        var graphIds = byGraph.Keys.ToList();
        TrackedIds = [.. Enumerable.Range(0, taskCount).Select(i => Add(Id("t-a", i), graphIds[i % graphCount], NeptuneTaskStatus.Exporting))];
    }

    /// <summary>The tasks the notifier tracks, all EXPORTING at first.</summary>
    public IReadOnlyList<TaskToTrack> TrackedIds { get; }

    public int GetCalls => gets;

    public int ListCalls => lists;

    public void ResetCounts() => (gets, lists) = (0, 0);

    /// <summary>Moves a task to <paramref name="status"/>: GetExportTask and the next listing show it.</summary>
    public void Move(string taskId, NeptuneTaskStatus status) => tasks[taskId] = tasks[taskId] with { Status = status };

    public async Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        EnsureOnClock();
        gets++;
        await Task.Delay(latency, time, cancellationToken);
        return tasks.TryGetValue(taskId, out var task) ? task : throw new TaskNotFoundException(taskId);
    }

    public async Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        EnsureOnClock();
        lists++;
        await Task.Delay(latency, time, cancellationToken);
        var ids = byGraph[graphId];
        var start = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
        var page = ids.Skip(start).Take(PageSize).Select(id => new ListedTask(id, tasks[id].Status, graphId)).ToList();
        var next = start + PageSize < ids.Count ? (start + PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return new ListedPage(page, next);
    }

    // The model holds exports only: no import exists, and the account's import listing is one empty page (still a call).
    public async Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        EnsureOnClock();
        gets++;
        await Task.Delay(latency, time, cancellationToken);
        throw new TaskNotFoundException(taskId);
    }

    public async Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken)
    {
        EnsureOnClock();
        lists++;
        await Task.Delay(latency, time, cancellationToken);
        return new ListedPage([], null);
    }

    private TaskToTrack Add(string taskId, string graphId, NeptuneTaskStatus status)
    {
        tasks[taskId] = new TaskSnapshot { TaskId = taskId, GraphId = graphId, Status = status, Format = "PARQUET", Destination = "s3://bench-bucket/exports/" };
        // Newest first, as the service lists: the tracked tasks started after the past exports.
        byGraph[graphId].Insert(0, taskId);
        return new TaskToTrack(taskId, graphId);
    }

    // A call off the clock's thread would let the clock move while it runs: the figures would be wrong, so stop.
    private void EnsureOnClock()
    {
        if (!clock.IsCurrent)
        {
            throw new InvalidOperationException($"A Neptune call ran off the virtual clock's scheduler ({TaskScheduler.Current}, thread {Environment.CurrentManagedThreadId}); the timing would be meaningless. {Environment.StackTrace}");
        }
    }

    private static string Id(string prefix, int number) =>
        prefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(12 - prefix.Length, '0');
}
