using System.Threading.RateLimiting;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// The client-side limit on calls to Neptune Analytics: a token bucket of <see cref="PollCycleOptions.Burst"/>
/// permits that refills one permit every 1/<see cref="PollCycleOptions.RequestsPerSecond"/> seconds on the injected
/// clock. Waiters are served in arrival order.
/// </summary>
/// <remarks>
/// Not <see cref="TokenBucketRateLimiter"/>: it refills on real time even when replenished by hand (its
/// <c>TryReplenish</c> adds what the stopwatch says has elapsed), so it cannot run on a fake clock. The bucket is kept
/// as one instant in whole ticks, the time at which it is full again, so a permit falls due exactly one period after
/// the one before it at any rate: no rounding accumulates.
/// </remarks>
internal sealed class RequestRateLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);

    private readonly TimeProvider timeProvider;
    private readonly long origin;
    private readonly int burst;
    private readonly TimeSpan period;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> queue = [];

    // Since the limiter was created: the bucket holds Burst permits again at this instant, one fewer per period before.
    private TimeSpan fullAt;
    private int queuedPermits;
    private long granted;
    private long refused;
    private bool disposed;

    public RequestRateLimiter(PollCycleOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Burst, 1, nameof(options));
        if (!(options.RequestsPerSecond > 0) || double.IsInfinity(options.RequestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestsPerSecond, "RequestsPerSecond must be a positive, finite rate.");
        }

        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        burst = options.Burst;
        period = TimeSpan.FromSeconds(1 / options.RequestsPerSecond);
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RequestsPerSecond, "RequestsPerSecond is too high to refill at one permit per tick.");
        }

        origin = timeProvider.GetTimestamp();
        timer = timeProvider.CreateTimer(static state => ((RequestRateLimiter)state!).ServeDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc/>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = Now();
                return queue.Count == 0 && now >= fullAt ? now - fullAt : null;
            }
        }
    }

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Available(Now()),
                CurrentQueuedCount = queuedPermits,
                TotalSuccessfulLeases = granted,
                TotalFailedLeases = refused,
            };
        }
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ThrowIfMore(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (queue.Count == 0 && TryTake(permitCount, Now()))
            {
                return Granted;
            }

            refused++;
            return Refused;
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ThrowIfMore(permitCount);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (queue.Count == 0 && TryTake(permitCount, Now()))
            {
                return ValueTask.FromResult(Granted);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<RateLimitLease>(cancellationToken);
            }

            var waiter = new Waiter(permitCount, cancellationToken);
            var node = queue.AddLast(waiter);
            queuedPermits += permitCount;
            waiter.Registration = cancellationToken.UnsafeRegister(static state => ((RequestRateLimiter)state!).ServeDue(), this);
            if (node == queue.First)
            {
                Schedule(Now());
            }

            return new ValueTask<RateLimitLease>(waiter.Completion.Task);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer.Dispose();
            // As TokenBucketRateLimiter does: a waiter still queued gets a refused lease, not an exception.
            foreach (var waiter in queue)
            {
                waiter.Registration.Unregister();
                waiter.Completion.TrySetResult(Refused);
            }

            queue.Clear();
            queuedPermits = 0;
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        return ValueTask.CompletedTask;
    }

    private TimeSpan Now() => timeProvider.GetElapsedTime(origin);

    // In whole ticks: TimeSpan's own multiplication goes through a double.
    private TimeSpan Periods(int count) => TimeSpan.FromTicks(period.Ticks * count);

    // Whole permits in the bucket at now: Burst once it is full, one fewer for every period (or part) before that.
    private int Available(TimeSpan now)
    {
        var missing = fullAt - now;
        return missing <= TimeSpan.Zero ? burst : burst - (int)Math.Min(burst, (missing.Ticks + period.Ticks - 1) / period.Ticks);
    }

    // When the bucket holds permitCount permits again (a permit count of 0 waits for one permit and takes none).
    private TimeSpan DueAt(int permitCount) => fullAt - Periods(burst - Math.Max(permitCount, 1));

    private bool TryTake(int permitCount, TimeSpan now)
    {
        if (now < DueAt(permitCount))
        {
            return false;
        }

        fullAt = (fullAt > now ? fullAt : now) + Periods(permitCount);
        granted++;
        return true;
    }

    // Runs on the timer and on a waiter's cancellation: drops cancelled waiters, grants what is due in order, waits for the rest.
    private void ServeDue()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            var now = Now();
            for (var node = queue.First; node is not null;)
            {
                var next = node.Next;
                var waiter = node.Value;
                if (waiter.Cancellation.IsCancellationRequested)
                {
                    Remove(node);
                    waiter.Completion.TrySetCanceled(waiter.Cancellation);
                }
                else if (node == queue.First && TryTake(waiter.Permits, now))
                {
                    Remove(node);
                    waiter.Completion.TrySetResult(Granted);
                }

                node = next;
            }

            Schedule(now);
        }
    }

    private void Remove(LinkedListNode<Waiter> node)
    {
        queue.Remove(node);
        queuedPermits -= node.Value.Permits;
        // Unregister, not Dispose: Dispose would wait for a cancellation callback that is itself waiting for this lock.
        node.Value.Registration.Unregister();
    }

    private void Schedule(TimeSpan now)
    {
        if (queue.First is { } head)
        {
            var due = DueAt(head.Value.Permits);
            var wait = due - now;
            timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);

            // The timer counts from the clock as it is when armed: if the clock moved since `now` was read (another
            // thread advancing a fake clock, a long pause), it would fire that much late. Fire at once if already due.
            if (wait > TimeSpan.Zero && Now() >= due)
            {
                timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void ThrowIfMore(int permitCount) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, burst, nameof(permitCount));

    private sealed class Waiter(int permits, CancellationToken cancellation)
    {
        public int Permits { get; } = permits;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool isAcquired) : RateLimitLease
    {
        public override bool IsAcquired { get; } = isAcquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
