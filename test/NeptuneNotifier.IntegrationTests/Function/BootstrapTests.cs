namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c>, started as a process against a fake Lambda Runtime API, with dynalite,
/// the emulator and a capturing SNS endpoint reached through the standard <c>AWS_ENDPOINT_URL_*</c> variables.
/// </summary>
public sealed class BootstrapTests(DynaliteFixture dynalite)
    : BootstrapTest(new LocalCloud(dynalite) { Credentials = new SessionAWSCredentials("AKIDBOOTSTRAPTEST", "bootstrap-tests-secret", "bootstrap-tests-session-token") })
{
    public override async ValueTask InitializeAsync() =>
        await Cloud.StartEmulatorAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario(
                [new ScenarioGraph("g-abcde12345", "analytics-graph", VertexCount: 1_000_000, EdgeCount: 3_000_000), new ScenarioGraph("g-0123456789", "second-graph")],
                [new ScenarioExportTask("g-abcde12345", TaskId: "t-0a1b2c3d4e"), new ScenarioExportTask("g-0123456789", TaskId: "t-9z8y7x6w5v")])),
            Token);

    [Fact]
    public async Task Bootstrap_EverySampleEvent_IsHandledEndToEnd()
    {
        await StartFunctionAsync();

        var track = await InvokeSampleAsync("track.json");
        track.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-0a1b2c3d4e", "t-9z8y7x6w5v"]);

        var firstPoll = await InvokeSampleAsync("schedule.json");
        firstPoll.GetProperty("checked").GetInt32().ShouldBe(2);
        firstPoll.GetProperty("published").GetInt32().ShouldBe(2);
        var published = Cloud.Sns.Published;
        published.Count.ShouldBe(2);
        published.ShouldAllBe(p => p.Form["Action"] == "Publish" && p.Form["TopicArn"] == TestAccount.TopicArn && p.Form["MessageStructure"] == "json");
        published.Select(p => p.Attributes["taskId"]).Order(StringComparer.Ordinal).ShouldBe(["t-0a1b2c3d4e", "t-9z8y7x6w5v"]);

        var untrack = await InvokeSampleAsync("untrack.json");
        untrack.GetProperty("untracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-9z8y7x6w5v"]);

        var cloudTrail = await InvokeSampleAsync("cloudtrail-start-export-task.json");
        cloudTrail.GetProperty("alreadyTracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-0a1b2c3d4e"]);

        // "responseElements": null: the export is found through its graph, whose only export is running and no longer tracked.
        var noResponse = await InvokeSampleAsync("cloudtrail-start-export-task-no-response.json");
        noResponse.GetProperty("graphId").GetString().ShouldBe("g-0123456789");
        noResponse.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-9z8y7x6w5v"]);

        var bad = await Function.InvokeAsync("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\"}", Token);
        bad.Kind.ShouldBe(RuntimeOutcomeKind.Error, bad.ToString());
        bad.ErrorType.ShouldBe("InvalidEventException");
        bad.Body.ShouldContain("Object Created");

        Cloud.Time.Advance(TimeSpan.FromHours(1));
        var secondPoll = await InvokeSampleAsync("scheduled-rule.json");
        secondPoll.GetProperty("checked").GetInt32().ShouldBe(2);
        secondPoll.GetProperty("published").GetInt32().ShouldBe(2);
        Cloud.Sns.Requests.Count.ShouldBe(4);
        Cloud.Sns.Published.ToList()[^2..].Select(p => (p.Attributes["taskId"], p.Attributes["status"])).Order()
            .ShouldBe([("t-0a1b2c3d4e", "SUCCEEDED"), ("t-9z8y7x6w5v", "SUCCEEDED")]);

        var output = await Function.LogsSoFarAsync(Token);
        output.ShouldContain("\"CloudWatchMetrics\"");
        output.ShouldContain("\"Namespace\":\"NeptuneNotifier\"");
        output.ShouldNotContain("AKIDBOOTSTRAPTEST");
        output.ShouldNotContain("bootstrap-tests-secret");
    }

    // FunctionUnderTest sets TOPIC_ARN and never EVENT_BUS_NAME: without TOPIC_ARN the function has neither channel.
    [Theory]
    [InlineData("TOPIC_ARN", null, "Neither TOPIC_ARN nor EVENT_BUS_NAME is set")]
    [InlineData("LOG_LEVEL", "Verbose", "LOG_LEVEL 'Verbose' must be one of Trace, Debug, Information, Warning, Error, Critical, None")]
    [InlineData("AWS_REGION", "", "AWS_REGION is not set")]
    public async Task Bootstrap_BadSetting_ReportsInitErrorNamingItAndExitsOne(string variable, string? value, string expected)
    {
        await StartFunctionAsync(new Dictionary<string, string?> { [variable] = value }, table: "some-table");

        var outcome = await Function.NextOutcomeAsync(Token);

        outcome.Kind.ShouldBe(RuntimeOutcomeKind.InitError, Function.Output);
        outcome.ErrorType.ShouldBe("Runtime.InvalidConfiguration");
        JsonDocument.Parse(outcome.Body).RootElement.GetProperty("errorMessage").GetString().ShouldNotBeNull().ShouldContain(expected);
        using var exit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        exit.CancelAfter(TimeSpan.FromSeconds(30));
        await Function.Process.Process.WaitForExitAsync(exit.Token);
        Function.Process.Process.ExitCode.ShouldBe(1);
    }

    private Task<JsonElement> InvokeSampleAsync(string name) => InvokeAsync(SampleEvent(name));
}
