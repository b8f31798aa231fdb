namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>The poll cycle over the real DynamoDB store (on dynalite) with fake Neptune and SNS ports: crashes, races, request counts.</summary>
public sealed class DynamoDbPollCycleTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private readonly LocalCloud cloud = new(dynalite) { Time = new FakeTimeProvider(TestData.Start) };
    private readonly FakeExportTaskSource source = new();
    private readonly RecordingChannel channel = new();
    private readonly RequestCounter counter = new();
    private string table = string.Empty;
    private DynamoDbTaskStateStore store = null!;

    private FakeTimeProvider Time => cloud.Time;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        table = await cloud.CreateStateTableAsync(Token);
        store = cloud.Store(table, counter);
    }

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Fact]
    public async Task RunAsync_CrashAfterClaimBeforePublish_NotificationIsPublishedNextCycle()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Failed);
        channel.FailNext = 1;

        var crashed = await Cycle(store).RunAsync(Token);
        var outbox = (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending;
        Time.Advance(TimeSpan.FromMinutes(3));
        var next = await Cycle(store).RunAsync(Token);

        crashed.Failed.ShouldBe(1);
        outbox.ShouldNotBeNull().Snapshot.Status.ShouldBe(NeptuneTaskStatus.Failed);
        next.Republished.ShouldBe(1);
        var published = channel.Published.ShouldHaveSingleItem();
        published.Identity.Status.Value.ShouldBe("FAILED");
        published.DeduplicationKey.ShouldBe(channel.Attempts[0].DeduplicationKey);
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Pending.ShouldBeNull();
        task.IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_CrashAfterPublishBeforeConfirm_PublishedAtMostOnceMoreWithSameDeduplicationId()
    {
        var faulty = new FaultyTaskStateStore(store) { FailNextCompletes = 1 };
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);

        await Cycle(faulty).RunAsync(Token);
        Time.Advance(TimeSpan.FromMinutes(3));
        var second = await Cycle(faulty).RunAsync(Token);
        Time.Advance(TimeSpan.FromMinutes(3));
        var third = await Cycle(faulty).RunAsync(Token);

        second.Republished.ShouldBe(1);
        (third.Republished, third.Published).ShouldBe((0, 0));
        channel.Published.Count.ShouldBe(2);
        channel.Published.Select(m => m.DeduplicationKey).Distinct().ShouldHaveSingleItem().ShouldBe($"{taskId}:1:EXPORTING");
    }

    [Fact]
    public async Task RunAsync_TwoCyclesStartedTogetherOverFiftyTasks_PublishEachTransitionOnce()
    {
        var ids = TestData.NewTaskIds(50);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Exporting);
        }

        await store.TrackAsync([.. ids.Select(id => new TaskToTrack(id, TestData.GraphId))], Time.GetUtcNow(), Token);
        var other = cloud.Store(table);

        var first = await RaceAsync(ids, other);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Succeeded);
        }

        var second = await RaceAsync(ids, other);

        (first.Sum(s => s.Published), second.Sum(s => s.Published)).ShouldBe((50, 50));
        channel.Published.Select(m => (m.Identity.TaskId, m.Identity.Status.Value)).Distinct().Count().ShouldBe(100);
        channel.Published.Count.ShouldBe(100);
    }

    // Per-task reads, and list-then-get once the graph's page count is remembered (the first listing writes it, once).
    [Theory]
    [InlineData(PollStrategy.Get)]
    [InlineData(PollStrategy.Auto)]
    public async Task RunAsync_NoChange_MakesNoWriteRequestsAndFewReads(PollStrategy strategy)
    {
        const int tasks = 300;
        var ids = TestData.NewTaskIds(tasks);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Exporting);
        }

        await store.TrackAsync([.. ids.Select(id => new TaskToTrack(id, TestData.GraphId))], Time.GetUtcNow(), Token);
        (await Cycle(store, strategy).RunAsync(Token)).Published.ShouldBe(ids.Count);
        (await Cycle(store, strategy).RunAsync(Token)).Changed.ShouldBe(0);
        counter.Reset();

        var summary = await Cycle(store, strategy).RunAsync(Token);

        (summary.Checked, summary.Confirmed).ShouldBe(strategy == PollStrategy.Get ? (ids.Count, 0) : (0, ids.Count));
        summary.Changed.ShouldBe(0);
        counter.Writes.ShouldBe(0, counter.ToString());
        counter.Reads.ShouldBeLessThanOrEqualTo((ids.Count / 100) + 1, counter.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine($"No-change cycle over {ids.Count} tasks: {counter} ({counter.Reads} reads, {counter.Writes} writes)");
    }

    private async Task<PollCycleSummary[]> RaceAsync(IReadOnlyList<string> ids, ITaskStateStore other)
    {
        var readers = ids.ToDictionary(id => id, _ => new CountdownEvent(2));
        source.OnCall = async (taskId, token) =>
        {
            readers[taskId].Signal();
            while (!readers[taskId].IsSet)
            {
                await Task.Delay(1, token);
            }
        };
        try
        {
            return await Task.WhenAll(Cycle(store).RunAsync(Token), Cycle(other).RunAsync(Token));
        }
        finally
        {
            source.OnCall = null;
            foreach (var countdown in readers.Values)
            {
                countdown.Dispose();
            }
        }
    }

    private PollCycle Cycle(ITaskStateStore state, PollStrategy strategy = PollStrategy.Auto) =>
        cloud.Cycle(state, source, channel, new PollCycleOptions { MaxConcurrency = 8, Strategy = strategy }, limiter: cloud.OwnClient(LocalCloud.Unlimited()));

    private async Task<string> TrackAsync(NeptuneTaskStatus status)
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, status);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], Time.GetUtcNow(), Token);
        return taskId;
    }
}
