using System.Collections.Concurrent;

namespace NeptuneNotifier.Cli.Commands;

/// <summary>One read of a task in a cycle: its snapshot, or null when the service has no such task; and when it answered.</summary>
internal sealed record ObservedRead(TaskSnapshot? Snapshot, DateTimeOffset At);

/// <summary>
/// Keeps the latest snapshot of every task read, for the progress view (the store keeps only notified ones), and each
/// task's last read since <see cref="StartCycle"/>, for a dry run's preview.
/// </summary>
internal sealed class ObservingSource(IExportTaskSource inner, TimeProvider timeProvider) : IExportTaskSource
{
    private readonly ConcurrentDictionary<string, ObservedRead> cycleReads = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, TaskSnapshot> Latest { get; } = new(StringComparer.Ordinal);

    /// <summary>Each task's last answer since <see cref="StartCycle"/>, by task id; a read that failed otherwise is left out.</summary>
    public IReadOnlyDictionary<string, ObservedRead> CycleReads => cycleReads;

    private int cycleListingPages;

    /// <summary>Listing pages asked for since <see cref="StartCycle"/>, answered or not.</summary>
    public int CycleListingPages => Volatile.Read(ref cycleListingPages);

    public void StartCycle()
    {
        cycleReads.Clear();
        Volatile.Write(ref cycleListingPages, 0);
    }

    public Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ReadAsync(inner.GetExportTaskAsync, taskId, cancellationToken);

    public Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ReadAsync(inner.GetImportTaskAsync, taskId, cancellationToken);

    public Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref cycleListingPages);
        return inner.ListExportTasksPageAsync(graphId, nextToken, cancellationToken);
    }

    public Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref cycleListingPages);
        return inner.ListImportTasksPageAsync(nextToken, cancellationToken);
    }

    // Either kind's read: the snapshot it answers is the task's latest. A task of unknown kind is asked for as an
    // export, then as an import: the last answer is the one the cycle went by.
    private async Task<TaskSnapshot> ReadAsync(Func<string, CancellationToken, Task<TaskSnapshot>> read, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await read(taskId, cancellationToken);
            Latest[taskId] = snapshot;
            cycleReads[taskId] = new(snapshot, timeProvider.GetUtcNow());
            return snapshot;
        }
        catch (TaskNotFoundException)
        {
            cycleReads[taskId] = new(null, timeProvider.GetUtcNow());
            throw;
        }
        catch (Exception)
        {
            cycleReads.TryRemove(taskId, out _);
            throw;
        }
    }
}
