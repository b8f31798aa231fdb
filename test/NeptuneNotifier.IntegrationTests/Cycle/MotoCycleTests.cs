namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>
/// The poll cycle with moto behind both of its AWS ports: the DynamoDB store on moto's DynamoDB (table from
/// template.yaml) and the SNS channel on moto's SNS, read back by an SQS subscriber; our Neptune Analytics client
/// against the emulator.
/// </summary>
public sealed class MotoCycleTests(MotoFixture moto) : IAsyncLifetime
{
    private LocalCloud cloud = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        cloud = new LocalCloud(await moto.EndpointAsync(Token)) { Credentials = MotoQueryClient.Credentials };
        await cloud.StartEmulatorAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 }, Token);
    }

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Fact]
    public async Task RunAsync_TwoCyclesAtOnceOnEveryTick_SubscriberGetsEachTransitionOnceInOrder()
    {
        var admin = cloud.OwnClient(new MotoQueryClient(cloud.DynamoDbEndpoint));
        var (topic, queue) = await admin.CreateTopicWithQueueAsync($"cycle-{Guid.NewGuid():N}", fifo: false, rawDelivery: true, filterPolicy: null, Token);
        var store = await cloud.CreateStoreAsync(Token);
        var neptune = cloud.NeptuneClient();
        var sns = cloud.SnsClient(endpoint: cloud.DynamoDbEndpoint);
        var succeeding = await cloud.StartExportAsync("g-social0001", Token);
        var failing = await cloud.StartExportAsync("g-social0001", Token);
        cloud.Emulator.Control.ScriptFailure(failing, 80, "Export failed: access denied writing to s3://exports/part-0001.parquet");
        await store.TrackAsync([new TaskToTrack(succeeding), new TaskToTrack(failing)], cloud.Time.GetUtcNow(), Token);

        // Overlapping invocations: only the conditional claim in moto's table keeps a transition from going out twice.
        foreach (var advance in new[] { 0, 10, 40, 30, 30, 600, 600 })
        {
            cloud.Time.Advance(TimeSpan.FromSeconds(advance));
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Cycle(store, sns, neptune, topic).RunAsync(Token), Token)));
        }

        var events = (await admin.ReceiveAllAsync(queue, Token)).Select(m => MachineEvent.Parse(m.Body)).ToList();
        events.Where(e => e.TaskId == succeeding).OrderBy(e => e.Version).Select(e => (e.Version, e.PreviousStatus, e.Status))
            .ShouldBe([(1, null, "INITIALIZING"), (2, "INITIALIZING", "EXPORTING"), (3, "EXPORTING", "SUCCEEDED")]);
        events.Where(e => e.TaskId == failing).OrderBy(e => e.Version).Select(e => (e.Version, e.PreviousStatus, e.Status))
            .ShouldBe([(1, null, "INITIALIZING"), (2, "INITIALIZING", "EXPORTING"), (3, "EXPORTING", "FAILED")]);
        events.Single(e => e.Status == "FAILED").StatusReason.ShouldBe("Export failed: access denied writing to s3://exports/part-0001.parquet");
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    private PollCycle Cycle(DynamoDbTaskStateStore store, SnsClient sns, NeptuneGraphClient neptune, string topicArn) => cloud.Cycle(
        store,
        new NeptuneExportTaskSource(neptune),
        LocalCloud.SnsChannel(sns, topicArn),
        new PollCycleOptions { MaxConcurrency = 4, RequestsPerSecond = 100, Burst = 100 });
}
