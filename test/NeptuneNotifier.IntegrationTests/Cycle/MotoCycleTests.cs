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

namespace NeptuneNotifier.IntegrationTests.Cycle;

/// <summary>
/// The poll cycle with moto behind both of its AWS ports: the DynamoDB store on moto's DynamoDB (table from
/// template.yaml) and the SNS channel on moto's SNS, read back by an SQS subscriber; our Neptune Analytics client
/// against the emulator.
/// </summary>
public sealed class MotoCycleTests(MotoFixture moto) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> clients = [];
    private NeptuneEmulator? emulator;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        emulator = await NeptuneEmulator.StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 100 }, time, Token);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_TwoCyclesAtOnceOnEveryTick_SubscriberGetsEachTransitionOnceInOrder()
    {
        var endpoint = await moto.EndpointAsync(Token);
        var admin = Track(new MotoQueryClient(endpoint));
        var (topic, queue) = await admin.CreateTopicWithQueueAsync($"cycle-{Guid.NewGuid():N}", fifo: false, rawDelivery: true, filterPolicy: null, Token);
        var dynamoDb = Track(DynaliteClients.Create(endpoint, new RequestCounter()));
        var store = new DynamoDbTaskStateStore(dynamoDb, await DynaliteClients.CreateStateTableAsync(dynamoDb, Token));
        var neptune = Track(new NeptuneGraphClient(
            new BasicAWSCredentials("AKIDMOTOCYCLE", "moto-cycle-secret"),
            new NeptuneGraphClientConfig { ServiceURL = emulator!.Endpoint.ToString(), AuthenticationRegion = MotoQueryClient.Region }));
        var sns = Track(new SnsClient(
            new BasicAWSCredentials(MotoQueryClient.AccessKeyId, MotoQueryClient.SecretAccessKey),
            new SnsClientConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = MotoQueryClient.Region }));
        var succeeding = await StartExportAsync(neptune);
        var failing = await StartExportAsync(neptune);
        emulator.Control.ScriptFailure(failing, 80, "Export failed: access denied writing to s3://exports/part-0001.parquet");
        await store.TrackAsync([new TaskToTrack(succeeding), new TaskToTrack(failing)], time.GetUtcNow(), Token);

        // Overlapping invocations: only the conditional claim in moto's table keeps a transition from going out twice.
        foreach (var advance in new[] { 0, 10, 40, 30, 30, 600, 600 })
        {
            time.Advance(TimeSpan.FromSeconds(advance));
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

    private PollCycle Cycle(DynamoDbTaskStateStore store, SnsClient sns, NeptuneGraphClient neptune, string topicArn) => new(
        store,
        new NeptuneExportTaskSource(neptune),
        new SnsNotificationChannel(sns, new SnsPublishEnvelope(topicArn, new NotificationRenderer(new NotificationOptions(MotoQueryClient.Region)))),
        new PollCycleOptions { MaxConcurrency = 4, RequestsPerSecond = 100, Burst = 100 },
        time,
        NullLogger<PollCycle>.Instance);

    private T Track<T>(T client)
        where T : IDisposable
    {
        clients.Add(client);
        return client;
    }

    private static async Task<string> StartExportAsync(NeptuneGraphClient neptune) =>
        (await neptune.StartExportTaskAsync(
            new StartExportTaskRequest
            {
                GraphIdentifier = "g-social0001",
                RoleArn = "arn:aws:iam::123456789012:role/NeptuneExportRole",
                Format = ExportFormat.Parquet,
                Destination = "s3://exports/social/",
                KmsKeyIdentifier = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
            Token)).Task.TaskId;

    private sealed record MachineEvent(string TaskId, long Version, string? PreviousStatus, string Status, string? StatusReason)
    {
        public static MachineEvent Parse(string body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new(
                root.GetProperty("taskId").GetString()!,
                root.GetProperty("version").GetInt64(),
                root.GetProperty("previousStatus").GetString(),
                root.GetProperty("status").GetString()!,
                root.GetProperty("statusReason").GetString());
        }
    }
}
