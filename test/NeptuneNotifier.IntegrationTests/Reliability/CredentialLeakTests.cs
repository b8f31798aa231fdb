using System.Text;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using NeptuneNotifier.IntegrationTests.Function;
using NeptuneNotifier.Tests.Reliability;

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
    private const string TaskId = "t-leakcheck1";

    private readonly LocalCloud cloud = new(dynalite) { Credentials = new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken) };
    private int snsCalls;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await cloud.StartEmulatorAsync(
            new EmulatorOptions(
                Scenario: new EmulatorScenario([new ScenarioGraph("g-leakcheck1", "leak-graph")], [new ScenarioExportTask("g-leakcheck1", TaskId: TaskId)]),
                Credentials: new EmulatorCredentials(AccessKeyId, SecretAccessKey, SessionToken)),
            Token);
        // The first two publishes fail (authorization, then 500) so error paths and exception logging run too.
        cloud.Sns.Refuse = _ => Interlocked.Increment(ref snsCalls) switch
        {
            1 => FakeSns.Error(403, "Sender", "AuthorizationError", "User is not authorized"),
            2 => FakeSns.Error(500, "Receiver", "InternalError", "Internal"),
            _ => null,
        };
    }

    public ValueTask DisposeAsync() => cloud.DisposeAsync();

    [Fact]
    public async Task RunAsync_CyclesWithFailuresOnEveryServiceAtTraceLevel_LogNoSecretOrSessionToken()
    {
        // Arrange
        var neptune = cloud.NeptuneClient(maxErrorRetry: 0);
        var snsClient = cloud.SnsClient(maxErrorRetry: 0);
        var table = await cloud.CreateStateTableAsync(Token);
        var store = new DynamoDbTaskStateStore(cloud.DynamoDbClient(maxErrorRetry: 0), table);
        await store.TrackAsync([new TaskToTrack(TaskId, "g-leakcheck1")], cloud.Time.GetUtcNow(), Token);
        cloud.Emulator.Control.InjectErrors("GetExportTask", "InternalServerException", 1, "Simulated internal error");
        var logger = new RecordingLogger<PollCycle>();
        PollCycle Cycle() => cloud.Cycle(store, new NeptuneExportTaskSource(neptune), LocalCloud.SnsChannel(snsClient), logger: logger);

        // Act: read fails (500); publish denied (403); publish fails (500); then the republish goes out.
        for (var i = 0; i < 4; i++)
        {
            await Cycle().RunAsync(Token);
            cloud.Time.Advance(TimeSpan.FromMinutes(3));
        }

        // Assert
        logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Exception is not null).ShouldBeGreaterThanOrEqualTo(3, logger.Text);
        cloud.Sns.Requests.Count.ShouldBe(3);
        cloud.Sns.Requests.ShouldAllBe(r => r.Header("x-amz-security-token") == SessionToken, "the requests must really be signed with the session credentials");
        ShouldNotLeak(logger.Text);
    }

    [Fact]
    public async Task Bootstrap_TraceLoggingFailuresAndForeignEvents_LeaksNothingAndTracksNothingForeign()
    {
        // Arrange
        var table = await cloud.CreateStateTableAsync(Token);
        var function = await FunctionUnderTest.StartAsync(cloud, table, new Dictionary<string, string?> { ["LOG_LEVEL"] = "Trace" }, Token);
        // The bad-input corpus's CloudTrail StartExportTask events from another account and from another region.
        var foreignEvents = new[] { "cloudtrail-other-account", "cloudtrail-other-region" }.Select(name => BadInputCorpus.Load("event", name)).ToList();

        // Act
        List<RuntimeOutcome> foreignOutcomes = [];
        foreach (var foreign in foreignEvents)
        {
            foreignOutcomes.Add(await function.InvokeAsync(foreign.Text("text")!, Token));
        }

        var track = await function.InvokeAsync($$"""{"track":["{{TaskId}}"]}""", Token);
        var outcomes = new List<RuntimeOutcome>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(await function.InvokeAsync("""{"poll":true}""", Token));
            cloud.Time.Advance(TimeSpan.FromMinutes(3));
        }

        var logs = await function.LogsSoFarAsync(Token);

        // Assert
        foreach (var (foreign, outcome) in foreignEvents.Zip(foreignOutcomes))
        {
            outcome.Kind.ShouldBe(RuntimeOutcomeKind.Error, $"{foreign}: {outcome}");
            var message = JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorMessage").GetString().ShouldNotBeNull();
            foreign.Strings("contains").ShouldAllBe(expected => message.Contains(expected, StringComparison.Ordinal), $"{foreign}: {message}");
        }

        foreach (var named in foreignEvents.Select(e => JsonNode.Parse(e.Text("text")!)!["detail"]!["responseElements"]!["taskId"]!.GetValue<string>()).Distinct())
        {
            var item = await cloud.DynamoDbClient().GetItemAsync(new GetItemRequest { TableName = table, Key = new() { [StateTableSchema.TaskId] = new AttributeValue { S = named } } }, Token);
            (item.Item ?? []).ShouldBeEmpty($"{named}, named by a foreign event, was tracked");
        }

        track.Kind.ShouldBe(RuntimeOutcomeKind.Response, track.ToString());
        outcomes.ShouldAllBe(o => o.Kind == RuntimeOutcomeKind.Response);
        cloud.Sns.Requests.Count.ShouldBeGreaterThanOrEqualTo(1, logs);
        logs.ShouldContain("\"LogLevel\"", Case.Insensitive, "no log lines were captured");
        ShouldNotLeak(logs);
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
}
