namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>
/// List-then-get end to end: our Neptune Analytics client against the emulator, whose graph has a long past and whose
/// listing lags behind GetExportTask and leaves a task out; the DynamoDB store on dynalite; our SNS client against the
/// fake topic. The listing only spares reads: every transition is still notified once, with the counts of its read.
/// </summary>
public sealed class ListThenGetCycleTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string GraphId = "g-orders0001";
    private const int PastExports = 50;

    private readonly LocalCloud cloud = new(dynalite);
    private DynamoDbTaskStateStore? store;

    private FakeTimeProvider Time => cloud.Time;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var scenario = new EmulatorScenario([new ScenarioGraph(GraphId, "orders-graph", PastExports: PastExports)], []);
        await cloud.StartEmulatorAsync(new EmulatorOptions(Scenario: scenario) { MaxActiveTasksPerGraph = 100 }, Token);
        store = await cloud.CreateStoreAsync(Token);
    }

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Fact]
    public async Task RunAsync_LongPastLaggingListingAndATaskLeftOut_NotifiesEveryTransitionOnceWithItsCounts()
    {
        var control = cloud.Emulator.Control;
        List<string> tasks = [];
        for (var i = 0; i < 6; i++)
        {
            tasks.Add(await cloud.StartExportAsync(GraphId, Token));
        }

        var (lagging, hidden, failing, cancelled) = (tasks[0], tasks[1], tasks[2], tasks[3]);
        control.SetListingLag(lagging, TimeSpan.FromSeconds(20));
        control.OmitFromListing(hidden);
        control.ScriptFailure(failing, 50, "Export failed: access denied writing to s3://exports/part-0003.parquet");
        await store!.TrackAsync([.. tasks.Select(id => new TaskToTrack(id, GraphId))], Time.GetUtcNow(), Token);
        var cycle = Cycle();

        List<PollCycleSummary> summaries = [];
        for (var tick = 0; tick < 40 && (tick < 2 || (await store.LoadActiveAsync(Token)).Tasks.Count > 0); tick++)
        {
            if (tick == 6)
            {
                await cloud.NeptuneClient().CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = cancelled }, Token);
            }

            summaries.Add(await cycle.RunAsync(Token));
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty("every task reached a terminal status and was notified");
        foreach (var taskId in tasks)
        {
            var expected = taskId == failing ? "FAILED" : taskId == cancelled ? "CANCELLED" : "SUCCEEDED";
            var sequence = Published().Where(p => p.Event.TaskId == taskId).ToList();
            sequence.Select(p => p.Event.Version).ShouldBe(Enumerable.Range(1, sequence.Count).Select(v => (long)v), $"{taskId}: each transition once, in order");
            sequence.Select(p => p.Event.Status).ShouldBe(
                taskId == cancelled ? ["INITIALIZING", "EXPORTING", "CANCELLING", "CANCELLED"] : ["INITIALIZING", "EXPORTING", expected],
                $"{taskId}: every status it went through");

            // The counts are the read's: the listing carries none.
            var final = control.GetTask(taskId).ShouldNotBeNull();
            using var machine = JsonDocument.Parse(sequence[^1].Member("sqs"));
            (Count(machine, "numVerticesWritten"), Count(machine, "numEdgesWritten")).ShouldBe((final.NumVerticesWritten, final.NumEdgesWritten), taskId);
        }

        Published().Select(p => p.Event.TaskId).Distinct().ShouldBe(tasks, ignoreOrder: true, "the graph's past exports are not followed without GRAPH_IDS");
        summaries.Sum(s => s.Failed).ShouldBe(0);
        summaries[0].ListingPages.ShouldBe(0, "first sightings need reads: nothing for a listing to confirm");
        summaries.Skip(1).ShouldAllBe(s => s.ListingPages <= 1, "56 exports fit one page of 100");
        summaries.Sum(s => s.Confirmed).ShouldBeGreaterThan(summaries.Sum(s => s.Checked), "most answers came from the listing");
        summaries.Skip(1).Where(s => s.ListingPages == 1).ShouldAllBe(s => s.Checked >= 1, "the task left out of the listing is read every cycle");
    }

    [Fact]
    public async Task RunAsync_FollowedGraphWithLongPast_OneListingPerCycleRecordsHistoryAndConfirmsStatus()
    {
        var running = new[] { await cloud.StartExportAsync(GraphId, Token), await cloud.StartExportAsync(GraphId, Token) };
        var cycle = Cycle(graphIds: [GraphId]);

        var first = await cycle.RunAsync(Token);
        Time.Advance(TimeSpan.FromSeconds(10));
        var second = await cycle.RunAsync(Token);

        // Per cycle, one page of the graph's exports and one of the account's imports (GRAPH_IDS follows both).
        (first.ListingPages, first.Recorded, first.Discovered, first.Published).ShouldBe((2, PastExports, 2, 2));
        (second.ListingPages, second.Confirmed, second.Checked, second.Published).ShouldBe((2, 2, 0, 0));
        Published().Select(p => p.Event.TaskId).ShouldBe(running, ignoreOrder: true);
    }

    private static long? Count(JsonDocument machine, string name) =>
        machine.RootElement.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : null;

    private PollCycle Cycle(IReadOnlyList<string>? graphIds = null) => cloud.Cycle(
        store!,
        new NeptuneExportTaskSource(cloud.NeptuneClient()),
        LocalCloud.SnsChannel(cloud.SnsClient()),
        new PollCycleOptions { MaxConcurrency = 4, RequestsPerSecond = 100, Burst = 100, GraphIds = graphIds ?? [] });

    private IReadOnlyList<PublishedMessage> Published() => cloud.Sns.Published;
}
