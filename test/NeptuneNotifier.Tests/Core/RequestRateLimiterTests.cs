namespace NeptuneNotifier.Tests.Core;

public sealed class RequestRateLimiterTests
{
    private readonly FakeTimeProvider time = new(TestData.Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void AttemptAcquire_Options_GrantsTheBurstThenHoldsBack()
    {
        using var limiter = Limiter(burst: 4, requestsPerSecond: 0.1);

        var granted = Enumerable.Range(0, 5).Select(_ => limiter.AttemptAcquire().IsAcquired).ToList();

        granted.ShouldBe([true, true, true, true, false]);
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(3, 1)]
    [InlineData(100, 5)]
    [InlineData(0.1, 3)]
    [InlineData(0.3, 1)]
    public async Task AcquireAsync_AfterTheBurst_GrantsExactlyOnePermitPerPeriod(double requestsPerSecond, int burst)
    {
        using var limiter = Limiter(burst, requestsPerSecond);
        var period = TimeSpan.FromSeconds(1 / requestsPerSecond);
        for (var i = 0; i < burst; i++)
        {
            limiter.AcquireAsync(1, Token).IsCompletedSuccessfully.ShouldBeTrue($"permit {i} of the burst");
        }

        for (var k = 1; k <= 30; k++)
        {
            var waiting = limiter.AcquireAsync(1, Token).AsTask();
            time.Advance(period - TimeSpan.FromTicks(1));
            waiting.IsCompleted.ShouldBeFalse($"permit {k} one tick before its period");
            time.Advance(TimeSpan.FromTicks(1));
            waiting.IsCompletedSuccessfully.ShouldBeTrue($"permit {k} at its period");
            (await waiting).IsAcquired.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task AcquireAsync_TenthOfARequestPerSecond_WaitsTenSeconds()
    {
        using var limiter = Limiter(burst: 1, requestsPerSecond: 0.1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        var waiting = limiter.AcquireAsync(1, Token).AsTask();
        time.Advance(TimeSpan.FromSeconds(9.999));
        var before = waiting.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        before.ShouldBeFalse();
        waiting.IsCompletedSuccessfully.ShouldBeTrue();
        (await waiting).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public void AcquireAsync_PartPeriodsAccrue_NextPermitComesOnePeriodAfterTheLastWasDue()
    {
        using var limiter = Limiter(burst: 2, requestsPerSecond: 1);
        limiter.AttemptAcquire(2).IsAcquired.ShouldBeTrue();

        time.Advance(TimeSpan.FromSeconds(1.5));
        var oneAccrued = limiter.AttemptAcquire().IsAcquired;
        var waiting = limiter.AcquireAsync(1, Token).AsTask();
        time.Advance(TimeSpan.FromSeconds(0.5));

        oneAccrued.ShouldBeTrue();
        waiting.IsCompletedSuccessfully.ShouldBeTrue("the half period already accrued counts toward the next permit");
    }

    [Fact]
    public void GetStatistics_LongIdle_RefillsToTheBurstAndNoFurther()
    {
        using var limiter = Limiter(burst: 3, requestsPerSecond: 2);
        limiter.AttemptAcquire(3).IsAcquired.ShouldBeTrue();

        time.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = limiter.GetStatistics()!.CurrentAvailablePermits;
        time.Advance(TimeSpan.FromHours(1));
        var afterAnHour = limiter.GetStatistics()!.CurrentAvailablePermits;
        var granted = Enumerable.Range(0, 4).Select(_ => limiter.AttemptAcquire().IsAcquired).ToList();

        afterOneSecond.ShouldBe(2);
        afterAnHour.ShouldBe(3);
        granted.ShouldBe([true, true, true, false]);
        limiter.IdleDuration.ShouldBeNull("the bucket is not full");
    }

    [Fact]
    public async Task AcquireAsync_QueuedWaiters_AreServedInArrivalOrderAsTimeAdvances()
    {
        using var limiter = Limiter(burst: 1, requestsPerSecond: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        var waiters = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(1, Token).AsTask()).ToList();
        List<int> served = [];

        for (var second = 1; second <= 3; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            served.Add(waiters.Count(w => w.IsCompletedSuccessfully));
            limiter.AttemptAcquire().IsAcquired.ShouldBeFalse("a newcomer never jumps the queue");
        }

        served.ShouldBe([1, 2, 3]);
        (await Task.WhenAll(waiters)).ShouldAllBe(lease => lease.IsAcquired);
        limiter.GetStatistics()!.CurrentQueuedCount.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_WaiterCancelled_ThrowsAndTheNextWaiterTakesItsTurn()
    {
        using var limiter = Limiter(burst: 1, requestsPerSecond: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var first = limiter.AcquireAsync(1, cancel.Token).AsTask();
        var second = limiter.AcquireAsync(1, Token).AsTask();

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(first);
        var queuedAfterCancel = limiter.GetStatistics()!.CurrentQueuedCount;
        time.Advance(TimeSpan.FromSeconds(1));

        queuedAfterCancel.ShouldBe(1);
        second.IsCompletedSuccessfully.ShouldBeTrue();
        (await second).IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_AlreadyCancelledWithNoPermit_IsCancelledAndQueuesNothing()
    {
        using var limiter = Limiter(burst: 1, requestsPerSecond: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(limiter.AcquireAsync(1, cancelled.Token).AsTask());

        limiter.GetStatistics()!.CurrentQueuedCount.ShouldBe(0);
    }

    [Fact]
    public async Task Dispose_QueuedWaiter_GetsARefusedLeaseAndLaterCallsThrow()
    {
        var limiter = Limiter(burst: 1, requestsPerSecond: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();
        var waiting = limiter.AcquireAsync(1, Token).AsTask();

        limiter.Dispose();
        var lease = await waiting;
        time.Advance(TimeSpan.FromSeconds(1));

        lease.IsAcquired.ShouldBeFalse();
        Should.Throw<ObjectDisposedException>(() => limiter.AttemptAcquire());
        Should.Throw<ObjectDisposedException>(() => limiter.AcquireAsync(1, Token));
        limiter.Dispose();
    }

    [Fact]
    public void AcquireAsync_MorePermitsThanTheBurst_IsRefusedOutright()
    {
        using var limiter = Limiter(burst: 2, requestsPerSecond: 1);

        Should.Throw<ArgumentOutOfRangeException>(() => limiter.AcquireAsync(3, Token));
        Should.Throw<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire(3));
    }

    [Fact]
    public void IdleDuration_FullBucket_CountsFromWhenItFilled()
    {
        using var limiter = Limiter(burst: 2, requestsPerSecond: 1);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        time.Advance(TimeSpan.FromSeconds(0.5));
        var refilling = limiter.IdleDuration;
        time.Advance(TimeSpan.FromSeconds(3));

        refilling.ShouldBeNull();
        limiter.IdleDuration.ShouldBe(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task AcquireAsync_ClockMovesWhileTheTimerIsArmed_GrantsThePermitWhenItIsDue()
    {
        // Another thread advances the clock between the limiter reading it and arming its timer (a fake clock in a
        // test, a long pause in production): the timer, armed relative to the moved clock, would fire a period late.
        var racing = new ClockMovingOnArm(time, TimeSpan.FromSeconds(10));
        using var limiter = new RequestRateLimiter(new PollCycleOptions { Burst = 1, RequestsPerSecond = 0.1 }, racing);
        limiter.AttemptAcquire().IsAcquired.ShouldBeTrue();

        var waiting = limiter.AcquireAsync(1, Token).AsTask();

        racing.Moved.ShouldBeTrue();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(5), Token)).IsAcquired.ShouldBeTrue();
    }

    private RequestRateLimiter Limiter(int burst, double requestsPerSecond) =>
        new(new PollCycleOptions { Burst = burst, RequestsPerSecond = requestsPerSecond }, time);

    // A clock that moves by `by` the first time a timer is armed with a finite due time, just before arming it.
    private sealed class ClockMovingOnArm(FakeTimeProvider inner, TimeSpan by) : TimeProvider
    {
        public bool Moved { get; private set; }

        private void MoveOnce()
        {
            if (!Moved)
            {
                Moved = true;
                inner.Advance(by);
            }
        }

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new MovingTimer(this, inner.CreateTimer(callback, state, dueTime, period));

        private sealed class MovingTimer(ClockMovingOnArm clock, ITimer timer) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock.MoveOnce();
                }

                return timer.Change(dueTime, period);
            }

            public void Dispose() => timer.Dispose();

            public ValueTask DisposeAsync() => timer.DisposeAsync();
        }
    }
}
