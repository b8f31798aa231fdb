namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>
/// The poll cycle with every real adapter: our Neptune Analytics client against the emulator, the DynamoDB store on
/// dynalite (table from template.yaml), and our SNS client against a capturing SNS endpoint.
/// </summary>
public sealed class EndToEndCycleTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string GraphId = "g-social0001";

    private readonly LocalCloud cloud = new(dynalite);
    private DynamoDbTaskStateStore? store;

    private FakeTimeProvider Time => cloud.Time;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await cloud.StartEmulatorAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 }, Token);
        store = await cloud.CreateStoreAsync(Token);
    }

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Fact]
    public async Task RunAsync_ExportLifecycle_PublishesEachTransitionOnceInOrder()
    {
        var cycle = Cycle();
        var taskId = await StartExportAsync();
        await store!.TrackAsync([new TaskToTrack(taskId)], Time.GetUtcNow(), Token);

        List<PollCycleSummary> summaries = [];
        foreach (var advance in new[] { 0, 10, 40, 30, 30, 600, 600 })
        {
            Time.Advance(TimeSpan.FromSeconds(advance));
            summaries.Add(await cycle.RunAsync(Token));
        }

        Published().Select(p => (p.Attributes["taskId"], p.Attributes["status"])).ShouldBe([
            (taskId, "INITIALIZING"), (taskId, "EXPORTING"), (taskId, "SUCCEEDED"),
        ]);
        summaries.Sum(s => s.Published).ShouldBe(3);
        summaries.Sum(s => s.Failed).ShouldBe(0);
        summaries[^1].Checked.ShouldBe(0, "a notified terminal task is no longer polled");
        var last = Published()[^1];
        last.Attributes["terminal"].ShouldBe("true");
        last.Form["MessageStructure"].ShouldBe("json");
        last.Member("email").ShouldContain("EXPORTING");
        last.Event.PreviousStatus.ShouldBe("EXPORTING");
        (await store.GetAsync(taskId, Token))!.ExpiresAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_FailedAndCancelledExports_CarryReasonAndEndTracking()
    {
        var cycle = Cycle();
        var failing = await StartExportAsync();
        var cancelled = await StartExportAsync();
        cloud.Emulator.Control.ScriptFailure(failing, 20, "Export failed: access denied writing to s3://exports/part-0001.parquet");
        await store!.TrackAsync([new TaskToTrack(failing), new TaskToTrack(cancelled)], Time.GetUtcNow(), Token);
        await cycle.RunAsync(Token);
        Time.Advance(TimeSpan.FromSeconds(40));
        await cloud.NeptuneClient().CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = cancelled }, Token);
        Time.Advance(TimeSpan.FromSeconds(5));
        await cycle.RunAsync(Token);

        for (var i = 0; i < 6; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(60));
            await cycle.RunAsync(Token);
        }

        Published().Where(p => p.Attributes["taskId"] == failing).Select(p => p.Attributes["status"]).ShouldBe(["INITIALIZING", "EXPORTING", "FAILED"]);
        Published().Where(p => p.Attributes["taskId"] == cancelled).Select(p => p.Attributes["status"]).ShouldBe(["INITIALIZING", "CANCELLING", "CANCELLED"]);
        Published().Single(p => p.Attributes["status"] == "FAILED").Form["Message"].ShouldContain("access denied writing to s3://exports/part-0001.parquet");
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_ThrottlingOnEveryThirdCall_StillNotifiesEveryTask()
    {
        var cycle = Cycle(maxErrorRetry: 0);
        List<string> tasks = [];
        for (var i = 0; i < 12; i++)
        {
            tasks.Add(await StartExportAsync());
        }

        await store!.TrackAsync([.. tasks.Select(id => new TaskToTrack(id))], Time.GetUtcNow(), Token);
        Time.Advance(TimeSpan.FromHours(1));
        cloud.Emulator.Control.SetFaults("GetExportTask", new FaultRule(ThrottleRate: 1.0 / 3));

        var failed = 0;
        for (var i = 0; i < 10 && Published().Count < tasks.Count; i++)
        {
            failed += (await cycle.RunAsync(Token)).Failed;
        }

        failed.ShouldBeGreaterThan(0, "the emulator should have throttled some calls");
        Published().Select(p => p.Attributes["taskId"]).Order(StringComparer.Ordinal).ShouldBe(tasks.Order(StringComparer.Ordinal));
        Published().ShouldAllBe(p => p.Attributes["status"] == "SUCCEEDED");
    }

    [Fact]
    public async Task RunAsync_GraphIdsFirstSync_RecordsFinishedExportsQuietlyAndNotifiesNewOnes()
    {
        var cycle = Cycle(graphIds: [GraphId]);
        var finishedBefore = await StartExportAsync();
        var failedBefore = await StartExportAsync();
        cloud.Emulator.Control.ScriptFailure(failedBefore, 20, "Export failed: the role cannot write to s3://exports/.");
        Time.Advance(TimeSpan.FromHours(2));
        var running = await StartExportAsync();

        var first = await cycle.RunAsync(Token);
        Time.Advance(TimeSpan.FromMinutes(5));
        var quick = await StartExportAsync();
        cloud.Emulator.Control.ScriptFailure(quick, 5, "Export failed: the KMS key is disabled.");
        Time.Advance(TimeSpan.FromMinutes(4));
        var second = await cycle.RunAsync(Token);

        (first.Recorded, first.Discovered, first.Failed).ShouldBe((2, 1, 0));
        (second.Recorded, second.Discovered, second.Failed).ShouldBe((0, 1, 0));
        Published().Select(p => p.Attributes["taskId"]).Distinct().ShouldBe([running, quick], ignoreOrder: true);
        Published().Single(p => p.Attributes["taskId"] == quick).Attributes["status"].ShouldBe("FAILED");
        foreach (var old in new[] { finishedBefore, failedBefore })
        {
            var recorded = (await store!.GetAsync(old, Token)).ShouldNotBeNull();
            recorded.Status.ShouldNotBeNull().IsTerminal.ShouldBeTrue();
            (recorded.IsActive, recorded.ExpiresAt is null).ShouldBe((false, false));
        }
    }

    private PollCycle Cycle(int maxErrorRetry = 2, IReadOnlyList<string>? graphIds = null) => cloud.Cycle(
        store!,
        new NeptuneExportTaskSource(cloud.NeptuneClient(maxErrorRetry)),
        LocalCloud.SnsChannel(cloud.SnsClient()),
        new PollCycleOptions { MaxConcurrency = 4, RequestsPerSecond = 100, Burst = 100, GraphIds = graphIds ?? [] });

    private Task<string> StartExportAsync() => cloud.StartExportAsync(GraphId, Token);

    private IReadOnlyList<PublishedMessage> Published() => cloud.Sns.Published;
}
