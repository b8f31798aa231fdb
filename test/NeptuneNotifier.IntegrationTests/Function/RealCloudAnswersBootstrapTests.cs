namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// The published Native AOT <c>bootstrap</c>, tried as a new user would, against what the real cloud may answer and
/// local stand-ins did not: sparse task answers (AWS's SDKs never enforce an output's <c>required</c> members), a
/// listing with a malformed entry, and a publish that SNS refuses.
/// </summary>
public sealed class RealCloudAnswersBootstrapTests(DynaliteFixture dynalite)
    : BootstrapTest(new LocalCloud(dynalite) { Credentials = new BasicAWSCredentials("AKIDBOOTSTRAPTEST", "bootstrap-tests-secret") })
{
    private const string GraphId = "g-abcde12345";
    private const string Reason = "The role arn:aws:iam::123456789012:role/export cannot write to s3://emulated-bucket/exports/.";

    [Fact]
    public async Task Bootstrap_TerminalAnswerWithOnlyIdGraphStatusAndReason_IsNotifiedOnceWithItsReason()
    {
        await StartEmulatorAsync(new ScenarioExportTask(GraphId, TaskId: "t-0a1b2c3d4e", FailAtProgress: 10, FailureReason: Reason, Sparse: true));
        await StartFunctionAsync();
        await InvokeAsync("""{"track":["t-0a1b2c3d4e"]}""");
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(1));

        var first = await PollAsync();
        var second = await PollAsync();

        (first.GetProperty("published").GetInt32(), first.GetProperty("failed").GetInt32()).ShouldBe((1, 0), first.ToString());
        (second.GetProperty("published").GetInt32(), second.GetProperty("checked").GetInt32()).ShouldBe((0, 0), second.ToString());
        var message = Cloud.Sns.Published.ShouldHaveSingleItem();
        message.Attributes["status"].ShouldBe("FAILED");
        message.Attributes["graphId"].ShouldBe(GraphId);
        message.Member("email").ShouldContain(Reason);
        message.Event.StatusReason.ShouldBe(Reason);
    }

    [Fact]
    public async Task Bootstrap_GraphListingWithSparseAndMalformedEntries_StillFollowsTheGraphsOtherExports()
    {
        await StartEmulatorAsync(
            new ScenarioExportTask(GraphId, TaskId: "t-aaaaaaaaa1", Sparse: true),
            new ScenarioExportTask(GraphId, TaskId: "t-bbbbbbbbb2"));
        Cloud.Emulator.Control.AddMalformedExportEntry(GraphId);
        Cloud.Emulator.Control.AddMalformedExportEntry(GraphId, """{"taskId":42,"status":["EXPORTING"]}""");
        await StartFunctionAsync(new Dictionary<string, string?> { ["GRAPH_IDS"] = GraphId });

        var first = await PollAsync();
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(1));
        var second = await PollAsync();

        (first.GetProperty("discovered").GetInt32(), first.GetProperty("published").GetInt32(), first.GetProperty("failed").GetInt32())
            .ShouldBe((2, 2, 0), first.ToString());
        (second.GetProperty("published").GetInt32(), second.GetProperty("failed").GetInt32()).ShouldBe((2, 0), second.ToString());
        Cloud.Sns.Published.Where(p => p.Attributes["status"] == "SUCCEEDED").Select(p => p.Attributes["taskId"]).Order(StringComparer.Ordinal)
            .ShouldBe(["t-aaaaaaaaa1", "t-bbbbbbbbb2"]);
        Function.Output.ShouldContain("was read in part");
    }

    [Fact]
    public async Task Bootstrap_PublishRefusedBySns_IsPublishedByTheVeryNextCycleOnceAndNotAgain()
    {
        await StartEmulatorAsync(new ScenarioExportTask(GraphId, TaskId: "t-0a1b2c3d4e"));
        var refusing = true;
        Cloud.Sns.Refuse = _ => Volatile.Read(ref refusing) ? FakeSns.Error(500, "Receiver", "InternalError", "Internal error") : null;
        await StartFunctionAsync();
        await InvokeAsync("""{"track":["t-0a1b2c3d4e"]}""");

        var refused = await PollAsync();
        var refusedAttempts = Cloud.Sns.Requests.Count;
        Volatile.Write(ref refusing, false);
        // Seconds later, well inside the two-minute publish lease the refused publish held.
        var next = await PollAsync();
        var after = await PollAsync();

        (refused.GetProperty("published").GetInt32(), refused.GetProperty("failed").GetInt32()).ShouldBe((0, 1), refused.ToString());
        refusedAttempts.ShouldBeGreaterThanOrEqualTo(1);
        (next.GetProperty("republished").GetInt32(), next.GetProperty("skipped").GetInt32(), next.GetProperty("failed").GetInt32())
            .ShouldBe((1, 0, 0), next.ToString());
        (after.GetProperty("published").GetInt32(), after.GetProperty("republished").GetInt32()).ShouldBe((0, 0), after.ToString());
        Cloud.Sns.Requests.Count.ShouldBe(refusedAttempts + 1);
        var delivered = Cloud.Sns.Published[^1];
        delivered.Attributes["taskId"].ShouldBe("t-0a1b2c3d4e");
        delivered.Form["MessageStructure"].ShouldBe("json");
    }

    private async Task StartEmulatorAsync(params ScenarioExportTask[] exports) =>
        await Cloud.StartEmulatorAsync(new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph(GraphId, "analytics-graph")], exports)), Token);
}
