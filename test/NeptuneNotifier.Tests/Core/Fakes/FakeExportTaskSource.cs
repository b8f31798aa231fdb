using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace NeptuneNotifier.Tests.Core.Fakes;

/// <summary>Export tasks held in memory. Records every call, the order of calls and the peak number in flight.</summary>
public sealed class FakeExportTaskSource : IExportTaskSource
{
    private readonly ConcurrentDictionary<string, TaskSnapshot> tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Exception> failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>> graphs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> calls = new();
    private int inFlight;
    private int maxInFlight;

    /// <summary>Runs inside every call before it answers (to hold calls, cancel a cycle, or synchronise racers).</summary>
    public Func<string, CancellationToken, Task>? OnCall { get; set; }

    /// <summary>Runs before a graph's listing answers.</summary>
    public Func<string, CancellationToken, Task>? OnList { get; set; }

    public IReadOnlyList<string> Calls => [.. calls];

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

    public void Remove(string taskId)
    {
        tasks.TryRemove(taskId, out _);
        failures.TryRemove(taskId, out _);
    }

    public void SetGraph(string graphId, params string[] taskIds) => graphs[graphId] = [.. taskIds];

    public async Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        calls.Enqueue(taskId);
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

            if (failures.TryGetValue(taskId, out var failure))
            {
                throw failure;
            }

            return tasks.TryGetValue(taskId, out var snapshot) ? snapshot : throw new TaskNotFoundException(taskId);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    /// <summary>Lists a graph's tasks with the status each has now, as ListExportTasks reports it.</summary>
    public async IAsyncEnumerable<ListedTask> ListExportTasksAsync(string graphId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await (OnList?.Invoke(graphId, cancellationToken) ?? Task.CompletedTask);
        await Task.Yield();
        foreach (var taskId in graphs.GetValueOrDefault(graphId) ?? [])
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ListedTask(taskId, tasks.TryGetValue(taskId, out var snapshot) ? snapshot.Status : null);
        }
    }

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
