using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Emulator;
using NeptuneNotifier.IntegrationTests.Function;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.IntegrationTests.State;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// Credentials never reach the logs: a full cycle with failures on every service, logged at the most verbose level,
/// in process and through the published AOT bootstrap (stdout and stderr), searched for the secret key and the
/// session token. The bootstrap also refuses CloudTrail events from another account or region and tracks nothing.
/// </summary>
public sealed class CredentialLeakTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string AccessKeyId = "AKIDLEAKCHECK0000001";
    private const string SecretAccessKey = "leak-check/SECRET+key=do-not-log-7Qz";
    private const string SessionToken = "leak-check//SESSION+token=do-not-log/IQoJb3JpZ2luX2Vj";
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:neptune-notifier";
    private const string TaskId = "t-leakcheck1";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private int snsCalls;
    private NeptuneEmulator? emulator;
    private CaptureServer? sns;
    private BootstrapProcess? bootstrap;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        emulator = await NeptuneEmulator.StartAsync(
            new EmulatorOptions(
                Scenario: new EmulatorScenario([new ScenarioGraph("g-leakcheck1", "leak-graph")], [new ScenarioExportTask("g-leakcheck1", TaskId: TaskId)]),
                Credentials: new EmulatorCredentials(AccessKeyId, SecretAccessKey, SessionToken)),
            time,
            Token);
        // The first two publishes fail (authorization, then 500) so error paths and exception logging run too.
        sns = new CaptureServer(_ => Interlocked.Increment(ref snsCalls) switch
        {
            1 => CannedResponse.Xml(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
            2 => CannedResponse.Xml(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>Internal</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
            _ => CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (bootstrap is not null)
        {
            await bootstrap.DisposeAsync();
        }

        if (sns is not null)
        {
            await sns.DisposeAsync();
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_CyclesWithFailuresOnEveryServiceAtTraceLevel_LogNoSecretOrSessionToken()
    {
        // Arrange
        var credentials = new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);
        using var neptune = new NeptuneGraphClient(credentials, new NeptuneGraphClientConfig { ServiceURL = emulator!.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        using var snsClient = new SnsClient(credentials, new SnsClientConfig { ServiceURL = sns!.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        using var setup = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        var table = await DynaliteClients.CreateStateTableAsync(setup, Token);
        using var dynamo = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = dynalite.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var store = new DynamoDbTaskStateStore(dynamo, table);
        await store.TrackAsync([new TaskToTrack(TaskId, "g-leakcheck1")], time.GetUtcNow(), Token);
        emulator.Control.InjectErrors("GetExportTask", "InternalServerException", 1, "Simulated internal error");
        var logger = new RecordingLogger<PollCycle>();
        PollCycle Cycle() => new(store, new NeptuneExportTaskSource(neptune), new SnsNotificationChannel(snsClient, new SnsPublishEnvelope(TopicArn, new NotificationRenderer(new NotificationOptions("us-east-1")))), new PollCycleOptions(), time, logger);

        // Act: read fails (500); publish denied (403); publish fails (500); then the republish goes out.
        for (var i = 0; i < 4; i++)
        {
            await Cycle().RunAsync(Token);
            time.Advance(TimeSpan.FromMinutes(3));
        }

        // Assert
        logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Exception is not null).ShouldBeGreaterThanOrEqualTo(3, logger.Text);
        sns.Requests.Count.ShouldBe(3);
        sns.Requests.ShouldAllBe(r => r.Header("x-amz-security-token") == SessionToken, "the requests must really be signed with the session credentials");
        ShouldNotLeak(logger.Text);
    }

    [Fact]
    public async Task Bootstrap_TraceLoggingFailuresAndForeignEvents_LeaksNothingAndTracksNothingForeign()
    {
        // Arrange
        using var dynamoDb = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        var table = await DynaliteClients.CreateStateTableAsync(dynamoDb, Token);
        await using var runtime = new FakeLambdaRuntime();
        StartBootstrap(await BootstrapBuild.PathAsync(aot: true, Token), runtime, table);
        const string Foreign = "t-foreign001";
        var otherAccount = CloudTrail(Foreign, account: "999999999999", region: "us-east-1");
        var otherRegion = CloudTrail(Foreign, account: "123456789012", region: "eu-west-1");

        // Act
        var accountOutcome = await runtime.InvokeAsync(otherAccount, Token);
        var regionOutcome = await runtime.InvokeAsync(otherRegion, Token);
        var track = await runtime.InvokeAsync($$"""{"track":["{{TaskId}}"]}""", Token);
        var outcomes = new List<RuntimeOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await runtime.InvokeAsync("""{"poll":true}""", Token));
            time.Advance(TimeSpan.FromMinutes(3));
        }

        await Task.Delay(500, Token);

        // Assert
        accountOutcome.Kind.ShouldBe(RuntimeOutcomeKind.Error, accountOutcome.ToString());
        accountOutcome.Body.ShouldContain("999999999999");
        regionOutcome.Kind.ShouldBe(RuntimeOutcomeKind.Error, regionOutcome.ToString());
        regionOutcome.Body.ShouldContain("eu-west-1");
        var foreignItem = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { [StateTableSchema.TaskId] = new AttributeValue { S = Foreign } } }, Token);
        (foreignItem.Item ?? []).ShouldBeEmpty("a task named by a foreign event was tracked");
        track.Kind.ShouldBe(RuntimeOutcomeKind.Response, track.ToString());
        outcomes.ShouldAllBe(o => o.Kind == RuntimeOutcomeKind.Response);
        sns!.Requests.Count.ShouldBeGreaterThanOrEqualTo(1, bootstrap!.Output);
        bootstrap!.Output.ShouldContain("\"LogLevel\"", Case.Insensitive, "no log lines were captured");
        ShouldNotLeak(bootstrap!.Output);
    }

    private static void ShouldNotLeak(string logs)
    {
        foreach (var secret in new[] { SecretAccessKey, SessionToken })
        {
            foreach (var form in new[] { secret, Uri.EscapeDataString(secret), secret.Replace("/", "\\/", StringComparison.Ordinal), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) })
            {
                logs.Contains(form, StringComparison.Ordinal).ShouldBeFalse($"a credential appears in the logs ({(secret == SessionToken ? "session token" : "secret key")})");
            }

            // A fragment is as bad: the longest distinctive part of each.
            logs.Contains(secret[^16..], StringComparison.Ordinal).ShouldBeFalse("a fragment of a credential appears in the logs");
        }
    }

    private static string CloudTrail(string taskId, string account, string region) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "0",
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = "aws.neptune-graph",
        ["account"] = account,
        ["region"] = region,
        ["detail"] = new Dictionary<string, object>
        {
            ["eventSource"] = "neptune-graph.amazonaws.com",
            ["eventName"] = "StartExportTask",
            ["awsRegion"] = region,
            ["recipientAccountId"] = account,
            ["responseElements"] = new Dictionary<string, string> { ["taskId"] = taskId, ["graphId"] = "g-leakcheck1" },
        },
    });

    private void StartBootstrap(string path, FakeLambdaRuntime runtime, string table) =>
        bootstrap = BootstrapProcess.Start(path, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "neptune-notifier",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = SessionToken,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = emulator!.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SNS"] = sns!.Endpoint.ToString(),
            ["TABLE_NAME"] = table,
            ["TOPIC_ARN"] = TopicArn,
            ["LOG_LEVEL"] = "Trace",
        });
}
