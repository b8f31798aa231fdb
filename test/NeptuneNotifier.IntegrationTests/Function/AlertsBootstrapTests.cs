namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// Overdue and stalled alerts from the published Native AOT <c>bootstrap</c>, tried as a user would: the variables
/// set, tasks tracked, cycles invoked, the SNS publishes read back. The emulator's clock starts at the real time, as
/// the service's does: the function runs on the real clock, from which it measures how long progress stood still.
/// </summary>
public sealed class AlertsBootstrapTests(DynaliteFixture dynalite) : BootstrapTest(new LocalCloud(dynalite)
{
    Credentials = new BasicAWSCredentials("AKIDALERTSTEST", "alerts-tests-secret"),
    Time = new FakeTimeProvider(TimeProvider.System.GetUtcNow()),
})
{
    private const string GraphId = "g-alerts0001";

    [Fact]
    public async Task Bootstrap_ExportPastOverdueAfterMinutes_AlertsOnceAndNotOnTheNextCycle()
    {
        // An export that keeps progressing, a thousand times slower than planned: it runs long, it does not stall.
        await StartAsync(new ScenarioExportTask(GraphId, TaskId: "t-overdue001", Slowdown: 1000), ("OVERDUE_AFTER_MINUTES", "60"));
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromMinutes(10));
        await InvokeAsync("""{"track":["t-overdue001"]}""");

        var seen = await PollAsync();
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(1));
        var overdue = await PollAsync();
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromMinutes(5));
        var next = await PollAsync();

        (seen.GetProperty("published").GetInt32(), seen.GetProperty("alerts").GetInt32()).ShouldBe((1, 0), seen.ToString());
        (overdue.GetProperty("published").GetInt32(), overdue.GetProperty("alerts").GetInt32(), overdue.GetProperty("changed").GetInt32()).ShouldBe((1, 1, 0), overdue.ToString());
        (next.GetProperty("published").GetInt32(), next.GetProperty("alerts").GetInt32(), next.GetProperty("failed").GetInt32()).ShouldBe((0, 0, 0), next.ToString());
        Cloud.Sns.Published.Count.ShouldBe(2);
        var alert = Cloud.Sns.Published[^1];
        alert.Attributes["kind"].ShouldBe("overdue");
        alert.Attributes["status"].ShouldBe("EXPORTING");
        Cloud.Sns.Published[0].Attributes["kind"].ShouldBe("transition");
        alert.Form["Subject"].ShouldStartWith("OVERDUE, running 1h 10m");
        alert.Member("email").ShouldContain("t-overdue001 is overdue: it has been running for 1h 10m");
        using var machine = JsonDocument.Parse(alert.Member("sqs"));
        (machine.RootElement.GetProperty("kind").GetString(), machine.RootElement.GetProperty("status").GetString()).ShouldBe(("overdue", "EXPORTING"));
        machine.RootElement.GetProperty("runningForSeconds").GetInt64().ShouldBeInRange(4200, 4260);
    }

    [Fact]
    public async Task Bootstrap_ProgressStaysPutForStalledAfterMinutes_AlertsOnceOverFiveCyclesAQuarterMinuteApart()
    {
        await StartAsync(new ScenarioExportTask(GraphId, TaskId: "t-stalled001", StallAtProgress: 30), ("STALLED_AFTER_MINUTES", "1"));
        // Exporting, and stopped at 30 % long before the first cycle.
        Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromHours(1));
        await InvokeAsync("""{"track":["t-stalled001"]}""");

        // The stall is timed on the function's clock, the real one: each cycle starts a quarter-minute after the last ended.
        List<JsonElement> cycles = [];
        for (var cycle = 0; cycle < 5; cycle++)
        {
            if (cycle > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), Token);
                Cloud.Emulator.Control.AdvanceTime(TimeSpan.FromSeconds(15));
            }

            cycles.Add(await PollAsync());
        }

        cycles.Select(c => c.GetProperty("alerts").GetInt32()).ShouldBe([0, 0, 0, 0, 1], string.Join("\n", cycles));
        cycles.Sum(c => c.GetProperty("failed").GetInt32()).ShouldBe(0);
        Cloud.Sns.Published.Select(p => p.Attributes["kind"]).ShouldBe(["transition", "stalled"]);
        var alert = Cloud.Sns.Published[^1];
        alert.Attributes["status"].ShouldBe("EXPORTING");
        alert.Form["Subject"].ShouldStartWith("NO PROGRESS since ");
        alert.Member("email").ShouldContain("t-stalled001 has made no progress since ");
        alert.Member("email").ShouldContain("progress is at 30%");
    }

    private async Task StartAsync(ScenarioExportTask export, (string Name, string Value) setting)
    {
        await Cloud.StartEmulatorAsync(new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph(GraphId, "alerts-graph")], [export])), Token);
        await StartFunctionAsync(new Dictionary<string, string?> { [setting.Name] = setting.Value });
    }
}
