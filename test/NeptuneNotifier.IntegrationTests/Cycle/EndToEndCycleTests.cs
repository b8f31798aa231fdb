using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Emulator;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.IntegrationTests.State;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>
/// The poll cycle with every real adapter: our Neptune Analytics client against the emulator, the DynamoDB store on
/// dynalite (table from template.yaml), and our SNS client against a capturing SNS endpoint.
/// </summary>
public sealed class EndToEndCycleTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:neptune-notifier";
    private const string GraphId = "g-social0001";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly CaptureServer sns = FakeSns.Start();

    private readonly List<IDisposable> clients = [];
    private NeptuneEmulator? emulator;
    private DynamoDbTaskStateStore? store;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        emulator = await NeptuneEmulator.StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 }, time, Token);
        var dynamoDb = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        clients.Add(dynamoDb);
        store = new DynamoDbTaskStateStore(dynamoDb, await DynaliteClients.CreateStateTableAsync(dynamoDb, Token));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await sns.DisposeAsync();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_ExportLifecycle_PublishesEachTransitionOnceInOrder()
    {
        var (cycle, neptune) = Cycle();
        var taskId = await StartExportAsync(neptune);
        await store!.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);

        List<PollCycleSummary> summaries = [];
        foreach (var advance in new[] { 0, 10, 40, 30, 30, 600, 600 })
        {
            time.Advance(TimeSpan.FromSeconds(advance));
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
        using var message = JsonDocument.Parse(last.Form["Message"]);
        message.RootElement.GetProperty("email").GetString()!.ShouldContain("EXPORTING");
        using var machine = JsonDocument.Parse(message.RootElement.GetProperty("sqs").GetString()!);
        machine.RootElement.GetProperty("previousStatus").GetString().ShouldBe("EXPORTING");
        (await store.GetAsync(taskId, Token))!.ExpiresAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_FailedAndCancelledExports_CarryReasonAndEndTracking()
    {
        var (cycle, neptune) = Cycle();
        var failing = await StartExportAsync(neptune);
        var cancelled = await StartExportAsync(neptune);
        emulator!.Control.ScriptFailure(failing, 20, "Export failed: access denied writing to s3://exports/part-0001.parquet");
        await store!.TrackAsync([new TaskToTrack(failing), new TaskToTrack(cancelled)], time.GetUtcNow(), Token);
        await cycle.RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(40));
        await neptune.CancelExportTaskAsync(new CancelExportTaskRequest { TaskIdentifier = cancelled }, Token);
        time.Advance(TimeSpan.FromSeconds(5));
        await cycle.RunAsync(Token);

        for (var i = 0; i < 6; i++)
        {
            time.Advance(TimeSpan.FromSeconds(60));
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
        var (cycle, neptune) = Cycle(maxErrorRetry: 0);
        List<string> tasks = [];
        for (var i = 0; i < 12; i++)
        {
            tasks.Add(await StartExportAsync(neptune));
        }

        await store!.TrackAsync([.. tasks.Select(id => new TaskToTrack(id))], time.GetUtcNow(), Token);
        time.Advance(TimeSpan.FromHours(1));
        emulator!.Control.SetFaults("GetExportTask", new FaultRule(ThrottleRate: 1.0 / 3));

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
        var (cycle, neptune) = Cycle(graphIds: [GraphId]);
        var finishedBefore = await StartExportAsync(neptune);
        var failedBefore = await StartExportAsync(neptune);
        emulator!.Control.ScriptFailure(failedBefore, 20, "Export failed: the role cannot write to s3://exports/.");
        time.Advance(TimeSpan.FromHours(2));
        var running = await StartExportAsync(neptune);

        var first = await cycle.RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(5));
        var quick = await StartExportAsync(neptune);
        emulator.Control.ScriptFailure(quick, 5, "Export failed: the KMS key is disabled.");
        time.Advance(TimeSpan.FromMinutes(4));
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

    private (PollCycle Cycle, NeptuneGraphClient Neptune) Cycle(int maxErrorRetry = 2, IReadOnlyList<string>? graphIds = null)
    {
        var credentials = new BasicAWSCredentials("AKIDENDTOEND", "end-to-end-secret");
        var neptune = new NeptuneGraphClient(credentials, new NeptuneGraphClientConfig { ServiceURL = emulator!.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = maxErrorRetry });
        var snsClient = new SnsClient(credentials, new SnsClientConfig { ServiceURL = sns.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        clients.Add(neptune);
        clients.Add(snsClient);
        var cycle = new PollCycle(
            store!,
            new NeptuneExportTaskSource(neptune),
            new SnsNotificationChannel(snsClient, new SnsPublishEnvelope(TopicArn, new NotificationRenderer(new NotificationOptions("us-east-1")))),
            new PollCycleOptions { MaxConcurrency = 4, RequestsPerSecond = 100, Burst = 100, GraphIds = graphIds ?? [] },
            time,
            NullLogger<PollCycle>.Instance);
        return (cycle, neptune);
    }

    private static async Task<string> StartExportAsync(NeptuneGraphClient neptune) =>
        (await neptune.StartExportTaskAsync(
            new StartExportTaskRequest
            {
                GraphIdentifier = GraphId,
                RoleArn = "arn:aws:iam::123456789012:role/NeptuneExportRole",
                Format = ExportFormat.Parquet,
                Destination = "s3://exports/social/",
                KmsKeyIdentifier = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
            Token)).Task.TaskId;

    private List<PublishedMessage> Published() => FakeSns.Published(sns);
}
