using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Emulator;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.IntegrationTests.State;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c>, tried as a new user would, against what the real cloud may answer and
/// local stand-ins did not: sparse task answers (AWS's SDKs never enforce an output's <c>required</c> members), a
/// listing with a malformed entry, and a publish that SNS refuses.
/// </summary>
public sealed class RealCloudAnswersBootstrapTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:neptune-notifier";
    private const string GraphId = "g-abcde12345";
    private const string Reason = "The role arn:aws:iam::123456789012:role/export cannot write to s3://emulated-bucket/exports/.";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeLambdaRuntime runtime = new();
    private readonly CaptureServer sns = FakeSns.Start();

    private NeptuneEmulator? emulator;
    private BootstrapProcess? bootstrap;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (bootstrap is not null)
        {
            await bootstrap.DisposeAsync();
        }

        await runtime.DisposeAsync();
        await sns.DisposeAsync();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

    }

    [Fact]
    public async Task Bootstrap_TerminalAnswerWithOnlyIdGraphStatusAndReason_IsNotifiedOnceWithItsReason()
    {
        await StartEmulatorAsync(new ScenarioExportTask(GraphId, TaskId: "t-0a1b2c3d4e", FailAtProgress: 10, FailureReason: Reason, Sparse: true));
        await StartBootstrapAsync(graphIds: null);
        await InvokeAsync("""{"track":["t-0a1b2c3d4e"]}""");
        emulator!.Control.AdvanceTime(TimeSpan.FromHours(1));

        var first = await InvokeAsync("""{"poll":true}""");
        var second = await InvokeAsync("""{"poll":true}""");

        (first.GetProperty("published").GetInt32(), first.GetProperty("failed").GetInt32()).ShouldBe((1, 0), first.ToString());
        (second.GetProperty("published").GetInt32(), second.GetProperty("checked").GetInt32()).ShouldBe((0, 0), second.ToString());
        var message = FakeSns.Published(sns).ShouldHaveSingleItem();
        message.Attributes["status"].ShouldBe("FAILED");
        message.Attributes["graphId"].ShouldBe(GraphId);
        Member(message, "email").ShouldContain(Reason);
        using var machine = JsonDocument.Parse(Member(message, "sqs"));
        machine.RootElement.GetProperty("statusReason").GetString().ShouldBe(Reason);
    }

    [Fact]
    public async Task Bootstrap_GraphListingWithSparseAndMalformedEntries_StillFollowsTheGraphsOtherExports()
    {
        await StartEmulatorAsync(
            new ScenarioExportTask(GraphId, TaskId: "t-aaaaaaaaa1", Sparse: true),
            new ScenarioExportTask(GraphId, TaskId: "t-bbbbbbbbb2"));
        emulator!.Control.AddMalformedExportEntry(GraphId);
        emulator.Control.AddMalformedExportEntry(GraphId, """{"taskId":42,"status":["EXPORTING"]}""");
        await StartBootstrapAsync(graphIds: GraphId);

        var first = await InvokeAsync("""{"poll":true}""");
        emulator.Control.AdvanceTime(TimeSpan.FromHours(1));
        var second = await InvokeAsync("""{"poll":true}""");

        (first.GetProperty("discovered").GetInt32(), first.GetProperty("published").GetInt32(), first.GetProperty("failed").GetInt32())
            .ShouldBe((2, 2, 0), first.ToString());
        (second.GetProperty("published").GetInt32(), second.GetProperty("failed").GetInt32()).ShouldBe((2, 0), second.ToString());
        FakeSns.Published(sns).Where(p => p.Attributes["status"] == "SUCCEEDED").Select(p => p.Attributes["taskId"]).Order(StringComparer.Ordinal)
            .ShouldBe(["t-aaaaaaaaa1", "t-bbbbbbbbb2"]);
        bootstrap!.Output.ShouldContain("was read in part");
    }

    [Fact]
    public async Task Bootstrap_PublishRefusedBySns_IsPublishedByTheVeryNextCycleOnceAndNotAgain()
    {
        await StartEmulatorAsync(new ScenarioExportTask(GraphId, TaskId: "t-0a1b2c3d4e"));
        var refusing = true;
        sns.Responder = request => Volatile.Read(ref refusing)
            ? CannedResponse.Xml(500, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Receiver</Type><Code>InternalError</Code><Message>Internal error</Message></Error><RequestId>r-refused</RequestId></ErrorResponse>")
            : CannedResponse.Xml(200, $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult><ResponseMetadata><RequestId>r-ok</RequestId></ResponseMetadata></PublishResponse>");
        await StartBootstrapAsync(graphIds: null);
        await InvokeAsync("""{"track":["t-0a1b2c3d4e"]}""");

        var refused = await InvokeAsync("""{"poll":true}""");
        var refusedAttempts = sns.Requests.Count;
        Volatile.Write(ref refusing, false);
        // Seconds later, well inside the two-minute publish lease the refused publish held.
        var next = await InvokeAsync("""{"poll":true}""");
        var after = await InvokeAsync("""{"poll":true}""");

        (refused.GetProperty("published").GetInt32(), refused.GetProperty("failed").GetInt32()).ShouldBe((0, 1), refused.ToString());
        refusedAttempts.ShouldBeGreaterThanOrEqualTo(1);
        (next.GetProperty("republished").GetInt32(), next.GetProperty("skipped").GetInt32(), next.GetProperty("failed").GetInt32())
            .ShouldBe((1, 0, 0), next.ToString());
        (after.GetProperty("published").GetInt32(), after.GetProperty("republished").GetInt32()).ShouldBe((0, 0), after.ToString());
        sns.Requests.Count.ShouldBe(refusedAttempts + 1);
        var delivered = FakeSns.Published(sns)[^1];
        delivered.Attributes["taskId"].ShouldBe("t-0a1b2c3d4e");
        delivered.Form["MessageStructure"].ShouldBe("json");
    }

    private static string Member(PublishedMessage message, string protocol)
    {
        using var structure = JsonDocument.Parse(message.Form["Message"]);
        return structure.RootElement.GetProperty(protocol).GetString().ShouldNotBeNull();
    }

    private async Task StartEmulatorAsync(params ScenarioExportTask[] exports)
    {
        emulator = await NeptuneEmulator.StartAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph(GraphId, "analytics-graph")], exports)),
            time,
            Token);
    }

    private async Task StartBootstrapAsync(string? graphIds)
    {
        using var dynamoDb = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        var table = await DynaliteClients.CreateStateTableAsync(dynamoDb, Token);
        Dictionary<string, string> environment = new()
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "neptune-notifier",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIDBOOTSTRAPTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "bootstrap-tests-secret",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = emulator!.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString(),
            ["TABLE_NAME"] = table,
            ["TOPIC_ARN"] = TopicArn,
        };
        if (graphIds is not null)
        {
            environment["GRAPH_IDS"] = graphIds;
        }

        bootstrap = BootstrapProcess.Start(await BootstrapBuild.PathAsync(aot: true, Token), environment);
    }

    private async Task<JsonElement> InvokeAsync(string payload)
    {
        var outcome = await runtime.InvokeAsync(payload, Token);
        outcome.Kind.ShouldBe(RuntimeOutcomeKind.Response, $"{payload}: {outcome}\n{bootstrap!.Output}");
        return JsonDocument.Parse(outcome.Body).RootElement.Clone();
    }
}
