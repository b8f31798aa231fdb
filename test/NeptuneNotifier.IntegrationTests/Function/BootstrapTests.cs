using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Emulator;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.IntegrationTests.State;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c>, started as a process against a fake Lambda Runtime API, with dynalite,
/// the emulator and a capturing SNS endpoint reached through the standard <c>AWS_ENDPOINT_URL_*</c> variables.
/// </summary>
public sealed class BootstrapTests(DynaliteFixture dynalite) : IAsyncLifetime
{
    private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:neptune-notifier";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeLambdaRuntime runtime = new();
    private readonly CaptureServer sns = FakeSns.Start();

    private NeptuneEmulator? emulator;
    private BootstrapProcess? bootstrap;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        emulator = await NeptuneEmulator.StartAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario(
                [new ScenarioGraph("g-abcde12345", "analytics-graph", VertexCount: 1_000_000, EdgeCount: 3_000_000), new ScenarioGraph("g-0123456789", "second-graph")],
                [new ScenarioExportTask("g-abcde12345", TaskId: "t-0a1b2c3d4e"), new ScenarioExportTask("g-0123456789", TaskId: "t-9z8y7x6w5v")])),
            time,
            Token);
    }

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
    public async Task Bootstrap_EverySampleEvent_IsHandledEndToEnd()
    {
        using var dynamoDb = DynaliteClients.Create(dynalite.Endpoint, new RequestCounter());
        var table = await DynaliteClients.CreateStateTableAsync(dynamoDb, Token);
        Start(await BootstrapBuild.PathAsync(aot: true, Token), table, TopicArn);

        var track = await InvokeSampleAsync("track.json");
        track.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-0a1b2c3d4e", "t-9z8y7x6w5v"]);

        var firstPoll = await InvokeSampleAsync("schedule.json");
        firstPoll.GetProperty("checked").GetInt32().ShouldBe(2);
        firstPoll.GetProperty("published").GetInt32().ShouldBe(2);
        var published = FakeSns.Published(sns);
        published.Count.ShouldBe(2);
        published.ShouldAllBe(p => p.Form["Action"] == "Publish" && p.Form["TopicArn"] == TopicArn && p.Form["MessageStructure"] == "json");
        published.Select(p => p.Attributes["taskId"]).Order(StringComparer.Ordinal).ShouldBe(["t-0a1b2c3d4e", "t-9z8y7x6w5v"]);

        var untrack = await InvokeSampleAsync("untrack.json");
        untrack.GetProperty("untracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-9z8y7x6w5v"]);

        var cloudTrail = await InvokeSampleAsync("cloudtrail-start-export-task.json");
        cloudTrail.GetProperty("alreadyTracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-0a1b2c3d4e"]);

        // "responseElements": null: the export is found through its graph, whose only export is running and no longer tracked.
        var noResponse = await InvokeSampleAsync("cloudtrail-start-export-task-no-response.json");
        noResponse.GetProperty("graphId").GetString().ShouldBe("g-0123456789");
        noResponse.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-9z8y7x6w5v"]);

        var bad = await runtime.InvokeAsync("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\"}", Token);
        bad.Kind.ShouldBe(RuntimeOutcomeKind.Error, bad.ToString());
        bad.ErrorType.ShouldBe("InvalidEventException");
        bad.Body.ShouldContain("Object Created");

        time.Advance(TimeSpan.FromHours(1));
        var secondPoll = await InvokeSampleAsync("scheduled-rule.json");
        secondPoll.GetProperty("checked").GetInt32().ShouldBe(2);
        secondPoll.GetProperty("published").GetInt32().ShouldBe(2);
        sns.Requests.Count.ShouldBe(4);
        FakeSns.Published(sns)[^2..].Select(p => (p.Attributes["taskId"], p.Attributes["status"])).Order()
            .ShouldBe([("t-0a1b2c3d4e", "SUCCEEDED"), ("t-9z8y7x6w5v", "SUCCEEDED")]);

        await bootstrap!.WaitForOutputAsync("\"CloudWatchMetrics\"", Token);
        bootstrap.Output.ShouldContain("\"Namespace\":\"NeptuneNotifier\"");
        bootstrap.Output.ShouldNotContain("AKIDBOOTSTRAPTEST");
        bootstrap.Output.ShouldNotContain("bootstrap-tests-secret");
    }

    [Fact]
    public async Task Bootstrap_MissingTopicArn_ReportsInitErrorNamingIt()
    {
        Start(await BootstrapBuild.PathAsync(aot: true, Token), "some-table", topicArn: null);

        var outcome = await runtime.NextOutcomeAsync(Token);

        outcome.Kind.ShouldBe(RuntimeOutcomeKind.InitError);
        outcome.ErrorType.ShouldBe("Runtime.InvalidConfiguration");
        outcome.Body.ShouldContain("TOPIC_ARN is not set");
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        exit.CancelAfter(TimeSpan.FromSeconds(30));
        await bootstrap!.Process.WaitForExitAsync(exit.Token);
        bootstrap.Process.ExitCode.ShouldBe(1);
    }

    [Theory]
    [InlineData("LOG_LEVEL", "Verbose", "LOG_LEVEL 'Verbose' must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("AWS_REGION", "", "AWS_REGION is not set")]
    public async Task Bootstrap_BadLogLevelOrNoRegion_ReportsInitErrorNamingIt(string variable, string value, string expected)
    {
        Start(await BootstrapBuild.PathAsync(aot: true, Token), "some-table", TopicArn, new() { [variable] = value });

        var outcome = await runtime.NextOutcomeAsync(Token);

        outcome.Kind.ShouldBe(RuntimeOutcomeKind.InitError, bootstrap!.Output);
        outcome.ErrorType.ShouldBe("Runtime.InvalidConfiguration");
        JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorMessage").GetString().ShouldNotBeNull().ShouldContain(expected);
    }

    private async Task<JsonElement> InvokeSampleAsync(string name)
    {
        var outcome = await runtime.InvokeAsync(await File.ReadAllTextAsync(Path.Combine(NodeTooling.RepositoryRoot, "events", name), Token), Token);
        outcome.Kind.ShouldBe(RuntimeOutcomeKind.Response, $"{name}: {outcome}\n{bootstrap!.Output}");
        return JsonDocument.Parse(outcome.Body).RootElement.Clone();
    }

    private void Start(string path, string table, string? topicArn, Dictionary<string, string>? extra = null)
    {
        Dictionary<string, string> environment = new()
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "neptune-notifier",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIDBOOTSTRAPTEST",
            ["AWS_SECRET_ACCESS_KEY"] = "bootstrap-tests-secret",
            ["AWS_SESSION_TOKEN"] = "bootstrap-tests-session-token",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = emulator!.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString(),
            ["TABLE_NAME"] = table,
        };
        if (topicArn is not null)
        {
            environment["TOPIC_ARN"] = topicArn;
        }

        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }

        bootstrap = BootstrapProcess.Start(path, environment);
    }
}
