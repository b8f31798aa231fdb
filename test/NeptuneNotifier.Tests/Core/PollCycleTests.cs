using Microsoft.Extensions.Logging;
using NeptuneNotifier.Tests.Clients;

namespace NeptuneNotifier.Tests.Core;

public sealed partial class PollCycleTests
{
    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly InMemoryTaskStateStore store = new();
    private readonly FakeExportTaskSource source = new();
    private readonly RecordingChannel channel = new();

    // The fake clock stands still unless a test moves it, so a cycle reads at most Burst tasks: tests that read more
    // than the default burst in one cycle, and are not about the rate, give every read a permit of the burst.
    private const int Unhindered = 100;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_DeadlineFires_StopsStartingCallsAndReturnsWhatItFinished()
    {
        var ids = await TrackOrderedAsync(10);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        source.OnCall = async (_, _) =>
        {
            await Task.Yield();
            if (source.Calls.Count == 4)
            {
                await deadline.CancelAsync();
            }
        };

        var summary = await Cycle(new PollCycleOptions { MaxConcurrency = 1 }).RunAsync(deadline.Token);

        summary.CutShort.ShouldBeTrue();
        summary.Checked.ShouldBe(4);
        summary.Published.ShouldBe(4);
        summary.Skipped.ShouldBe(6);
        source.Calls.ShouldBe(ids.Take(4));
        store.ResumeFrom.ShouldBe(ids[4]);
    }

    // Per-task reads (POLL_STRATEGY=get) show the order; a listing would confirm the tasks already read.
    [Fact]
    public async Task RunAsync_AfterCutShortCycle_UnfinishedTasksGoFirstThenResumePointIsCleared()
    {
        var ids = await TrackOrderedAsync(10);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            source.OnCall = async (_, _) =>
            {
                await Task.Yield();
                if (source.Calls.Count == 4)
                {
                    await deadline.CancelAsync();
                }
            };
            await Cycle(new PollCycleOptions { MaxConcurrency = 1 }).RunAsync(deadline.Token);
        }

        source.OnCall = null;
        var callsBefore = source.Calls.Count;

        var summary = await Cycle(new PollCycleOptions { MaxConcurrency = 1, Burst = Unhindered, Strategy = PollStrategy.Get }).RunAsync(Token);

        summary.CutShort.ShouldBeFalse();
        source.Calls.Skip(callsBefore).ShouldBe([.. ids.Skip(4), .. ids.Take(4)]);
        store.ResumeFrom.ShouldBeNull();
        var writes = store.Writes;
        await Cycle(new PollCycleOptions { Burst = Unhindered, Strategy = PollStrategy.Get }).RunAsync(Token);
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ReturnsNormallyAndKeepsEveryTaskForNextTime()
    {
        var ids = await TrackOrderedAsync(3);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var active = await store.LoadActiveAsync(Token);

        var summary = await Cycle(store: new PreloadedStore(store, active)).RunAsync(cancelled.Token);

        summary.CutShort.ShouldBeTrue();
        summary.Checked.ShouldBe(0);
        summary.Skipped.ShouldBe(3);
        store.ResumeFrom.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileListingGraph_ReturnsNormallyAndResumesAtFirstTask()
    {
        var ids = await TrackOrderedAsync(2);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        source.SetGraph(TestData.GraphId, TestData.NewTaskId());
        source.OnList = async (_, token) =>
        {
            await deadline.CancelAsync();
            token.ThrowIfCancellationRequested();
        };

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId] }).RunAsync(deadline.Token);

        summary.CutShort.ShouldBeTrue();
        (summary.Checked, summary.Discovered, summary.Failed).ShouldBe((0, 0, 0));
        store.ResumeFrom.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileLoading_ReturnsNormallyHavingDoneNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await deadline.CancelAsync();
        var writes = store.Writes;

        var summary = await Cycle(store: new CancelledLoadStore(store)).RunAsync(deadline.Token);

        summary.ShouldBe(new PollCycleSummary(0, 0, 0, 0, 0, 0, 0, true, TimeSpan.Zero));
        source.Calls.ShouldBeEmpty();
        store.Writes.ShouldBe(writes);
    }

    // One item the store cannot read stops no other task's notification: it is logged and counted as a failure.
    [Fact]
    public async Task RunAsync_StoreHasAnUnreadableItem_NotifiesTheOthersAndCountsItAsAFailure()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Succeeded);
        const string Problem = "State table 'tasks', task t-broken0000: attribute 'version' is not a number.";
        var active = (await store.LoadActiveAsync(Token)) with { Unreadable = [Problem] };
        var log = new ListLogger();

        var summary = await new PollCycle(new PreloadedStore(store, active), source, TestData.Sns(channel), new PollCycleOptions(), time, log.CreateLogger<PollCycle>()).RunAsync(Token);

        (summary.Failed, summary.Published).ShouldBe((1, 1));
        channel.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(taskId);
        log.Entries.ShouldContain((LogLevel.Error, $"{Problem} The task is left alone until its item is repaired or the task is untracked.", (Exception?)null));
    }

    // The benchmarks drive a whole cycle on one thread with a virtual clock: no part of it may slip to the thread pool.
    [Theory]
    [InlineData(PollStrategy.Get)]
    [InlineData(PollStrategy.List)]
    public async Task RunAsync_InsideATaskScheduler_CallsTheSourceOnlyFromIt(PollStrategy strategy)
    {
        await TrackOrderedAsync(6);
        var pair = new ConcurrentExclusiveSchedulerPair();
        List<TaskScheduler> schedulers = [];
        source.OnCall = (_, _) => Record(schedulers);
        source.OnList = (_, _) => Record(schedulers);
        var cycle = Cycle(new PollCycleOptions { MaxConcurrency = 3, Burst = Unhindered, Strategy = strategy });

        var summary = await Task.Factory.StartNew(() => cycle.RunAsync(Token), Token, TaskCreationOptions.None, pair.ExclusiveScheduler).Unwrap();

        summary.Failed.ShouldBe(0);
        schedulers.Count.ShouldBeGreaterThan(0);
        schedulers.ShouldAllBe(scheduler => scheduler == pair.ExclusiveScheduler);
    }

    private static async Task Record(List<TaskScheduler> schedulers)
    {
        lock (schedulers)
        {
            schedulers.Add(TaskScheduler.Current);
        }

        await Task.Yield();
    }

    [Theory]
    [InlineData(0, "MaxConcurrency")]
    [InlineData(65, "MaxConcurrency")]
    public void Constructor_InvalidConcurrency_ThrowsNamingTheOption(int concurrency, string name)
    {
        var exception = Should.Throw<ArgumentException>(() => Cycle(new PollCycleOptions { MaxConcurrency = concurrency }));

        exception.Message.ShouldContain(name);
    }

    [Fact]
    public void Validate_EveryBadValue_NamesEachOption()
    {
        var options = new PollCycleOptions
        {
            GraphIds = ["g-BAD"],
            RequestsPerSecond = 0,
            Burst = 0,
            PublishLease = TimeSpan.Zero,
            Retention = TimeSpan.Zero,
        };

        var errors = options.Validate();

        string.Join("\n", errors).ShouldSatisfyAllConditions(
            text => text.ShouldContain("GraphIds: 'g-BAD'"),
            text => text.ShouldContain("RequestsPerSecond"),
            text => text.ShouldContain("Burst"),
            text => text.ShouldContain("PublishLease"),
            text => text.ShouldContain("Retention"));
        new PollCycleOptions().Validate().ShouldBeEmpty();
    }

    private PollCycle Cycle(PollCycleOptions? options = null, ITaskStateStore? store = null) =>
        new(store ?? this.store, source, TestData.Sns(channel), options ?? new PollCycleOptions(), time, NullLogger<PollCycle>.Instance);

    private async Task<string> TrackAsync(NeptuneTaskStatus status)
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, status);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        return taskId;
    }

    private async Task<IReadOnlyList<string>> TrackOrderedAsync(int count)
    {
        var ids = TestData.OrderedTaskIds(count);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Exporting);
        }

        await store.TrackAsync([.. ids.Select(id => new TaskToTrack(id, TestData.GraphId))], time.GetUtcNow(), Token);
        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Observes the token on load, as a real store's request would.</summary>
    private sealed class CancelledLoadStore(InMemoryTaskStateStore inner) : DelegatingTaskStateStore(inner)
    {
        public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => Task.FromCanceled<ActiveTasks>(cancellationToken);
    }

    /// <summary>Answers the load with a set read before the token was cancelled, as a store call already in flight would.</summary>
    private sealed class PreloadedStore(InMemoryTaskStateStore inner, ActiveTasks active) : DelegatingTaskStateStore(inner)
    {
        public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => Task.FromResult(active);
    }
}
