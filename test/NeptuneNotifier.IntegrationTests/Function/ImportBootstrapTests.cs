namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// Import tasks through the published Native AOT <c>bootstrap</c>, tried as a new user would: an import task ID given
/// to <c>{"track":[...]}</c>, and the CloudTrail records of the calls that start imports.
/// </summary>
public sealed class ImportBootstrapTests(DynaliteFixture dynalite)
    : BootstrapTest(new LocalCloud(dynalite) { Credentials = new BasicAWSCredentials("AKIDBOOTSTRAPTEST", "bootstrap-tests-secret") })
{
    private const string GraphId = "g-abcde12345";
    private const string Reason = "Import failed: malformed CSV header in s3://emulated-bucket/imports/vertices.csv (column ~label is missing).";

    public override async ValueTask InitializeAsync() =>
        await Cloud.StartEmulatorAsync(new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph(GraphId, "analytics-graph", VertexCount: 200_000, EdgeCount: 800_000)])), Token);

    [Fact]
    public async Task Bootstrap_ImportTaskIdTracked_ItsFailureIsNotifiedOnceAsAnImportWithTheReasonAndTheErrorCount()
    {
        var taskId = await StartImportAsync();
        Cloud.Emulator.Control.ScriptFailure(taskId, 20, Reason);
        await StartFunctionAsync();

        var track = await InvokeAsync($$"""{"track":["{{taskId}}"]}""");
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(2));
        var first = await PollAsync();
        var second = await PollAsync();

        track.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe([taskId]);
        (first.GetProperty("published").GetInt32(), first.GetProperty("failed").GetInt32()).ShouldBe((1, 0), first.ToString());
        (second.GetProperty("published").GetInt32(), second.GetProperty("checked").GetInt32()).ShouldBe((0, 0), second.ToString());
        var message = Cloud.Sns.Published.ShouldHaveSingleItem();
        (message.Attributes["status"], message.Attributes["taskId"], message.Attributes["graphId"]).ShouldBe(("FAILED", taskId, GraphId));
        message.Form["Subject"].ShouldBe($"FAILED: Neptune Analytics import {taskId} on {GraphId}");
        var email = message.Member("email");
        email.ShouldStartWith($"Neptune Analytics import task {taskId} is now FAILED");
        email.ShouldContain("Reason: " + Reason);
        email.ShouldContain("Errors: 1");
        using var machine = JsonDocument.Parse(message.Member("sqs"));
        var root = machine.RootElement;
        (root.GetProperty("taskKind").GetString(), root.GetProperty("errorCount").GetInt32(), root.GetProperty("statusReason").GetString()).ShouldBe(("import", 1, Reason));

        // Only GetImportTask reports statements: the notification carries a GetImportTask answer.
        root.GetProperty("statementCount").ValueKind.ShouldBe(JsonValueKind.Number);
        root.GetProperty("source").GetString().ShouldBe("s3://emulated-bucket/imports/");
    }

    [Fact]
    public async Task Bootstrap_CloudTrailStartImportTaskRecord_EnrolsTheImportAsAnImport()
    {
        var taskId = await StartImportAsync();
        await StartFunctionAsync();
        var sample = JsonNode.Parse(SampleEvent("cloudtrail-start-import-task.json"))!.AsObject();
        sample["detail"]!["responseElements"]!["taskId"] = taskId;

        var enrolled = await InvokeAsync(sample.ToJsonString());
        var poll = await PollAsync();

        enrolled.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe([taskId]);
        (poll.GetProperty("checked").GetInt32(), poll.GetProperty("published").GetInt32()).ShouldBe((1, 1), poll.ToString());
        var message = Cloud.Sns.Published.ShouldHaveSingleItem();
        message.Attributes["taskId"].ShouldBe(taskId);
        message.Form["Subject"].ShouldContain($"Neptune Analytics import {taskId}");
        message.Member("email").ShouldContain("Statements:");
    }

    [Fact]
    public async Task Bootstrap_CloudTrailImportRecords_StartWithoutResponseFoundThroughTheImportListingAndCreateGraphTracked()
    {
        var taskId = await StartImportAsync();
        await StartFunctionAsync();
        var sample = JsonNode.Parse(SampleEvent("cloudtrail-start-import-task.json"))!.AsObject();
        sample["detail"]!.AsObject().Remove("responseElements");
        sample["detail"]!["eventTime"] = Cloud.Emulator.Control.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var found = await InvokeAsync(sample.ToJsonString());
        var createGraph = await InvokeAsync(SampleEvent("cloudtrail-create-graph-using-import-task.json"));

        (found.GetProperty("graphId").GetString(), found.GetProperty("kind").GetString()).ShouldBe((GraphId, "import"));
        found.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe([taskId]);
        createGraph.GetProperty("tracked").EnumerateArray().Select(e => e.GetString()).ShouldBe(["t-1a2b3c4d5e"]);
    }

    private Task<string> StartImportAsync() => Cloud.StartImportAsync(GraphId, Token);
}
