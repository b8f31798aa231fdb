using Microsoft.Extensions.Time.Testing;

namespace NeptuneNotifier.Benchmarks.Strategies;

/// <summary>
/// Runs asynchronous work on one thread against a <see cref="FakeTimeProvider"/>, and moves the clock only when every
/// piece of the work is waiting on it. The poll cycle's code never leaves its task scheduler (no
/// <c>ConfigureAwait(false)</c>, no <c>Task.Run</c>; <c>Parallel.ForEachAsync</c> starts its workers on the current
/// scheduler), so when this scheduler's queue is empty, everything left is a timer: the rate limiter's next permit or a
/// call's service latency. The clock then moves one <c>step</c>; with a step that divides the rate limiter's period and
/// the latency, no wait ends between two steps, so the elapsed virtual time is the time the cycle would take at that
/// rate and latency with infinitely fast CPUs.
/// </summary>
internal sealed class VirtualClock(FakeTimeProvider time, TimeSpan step) : TaskScheduler
{
    private readonly Lock gate = new();
    private readonly Queue<Task> queue = new();
    private Thread? driver;

    /// <summary>True when the caller runs on this clock's scheduler: the work did not escape to the thread pool.</summary>
    public bool IsCurrent => Current == this && Thread.CurrentThread == driver;

    /// <summary>Runs <paramref name="work"/> to completion and returns its result and the virtual time it took.</summary>
    /// <exception cref="TimeoutException">More than <paramref name="limit"/> of virtual time passed.</exception>
    public (T Result, TimeSpan Elapsed) Run<T>(Func<Task<T>> work, TimeSpan limit)
    {
        driver = Thread.CurrentThread;
        var started = time.GetUtcNow();
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, this).Unwrap();
        while (true)
        {
            while (TryDequeue(out var next))
            {
                TryExecuteTask(next);
            }

            if (task.IsCompleted)
            {
                return (task.GetAwaiter().GetResult(), time.GetUtcNow() - started);
            }

            if (time.GetUtcNow() - started > limit)
            {
                throw new TimeoutException($"The work took more than {limit} of virtual time.");
            }

            time.Advance(step);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (gate)
        {
            queue.Enqueue(task);
        }
    }

    // Only the driving thread runs work: a continuation completed by a timer (inside Advance) runs on it, in order.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == driver && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (gate)
        {
            return [.. queue];
        }
    }

    private bool TryDequeue(out Task next)
    {
        lock (gate)
        {
            return queue.TryDequeue(out next!);
        }
    }
}
