using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

// A graph with a long past: finished exports from before the scenario starts, listed like any other.
public sealed class PastExportsTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void Scenario_GraphWithFiftyPastExports_ListsThemFinishedMixedDistinctOldestFirstAndInThePast()
    {
        // Arrange
        var scenario = new EmulatorScenario([new ScenarioGraph("g-orders0001", "orders", PastExports: 50), new ScenarioGraph("g-social0001", "social")]);

        // Act
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));
        var listed = emulator.ListExports("g-orders0001");
        var views = listed.Select(entry => emulator.State.Get(EmulatedTaskKind.Export, entry.TaskId)).ToList();

        // Assert
        listed.Count.ShouldBe(50);
        listed.Select(entry => entry.TaskId).Distinct().Count().ShouldBe(50);
        listed.ShouldAllBe(entry => ModelPatterns.TaskId().IsMatch(entry.TaskId));
        listed.GroupBy(entry => entry.Status).ToDictionary(group => group.Key, group => group.Count())
            .ShouldBe(new Dictionary<string, int> { ["SUCCEEDED"] = 30, ["FAILED"] = 10, ["CANCELLED"] = 10 }, ignoreOrder: true);
        listed.Where(entry => entry.Status == "FAILED").ShouldAllBe(entry => entry.Reason == PastExports.FailureReason);
        var starts = views.Select(view => view.Progress.ShouldNotBeNull().StartTime).ToList();
        starts.ShouldBeInOrder(SortDirection.Ascending);
        starts[0].ShouldBe(TestData.Start - TimeSpan.FromHours(50));
        starts[^1].ShouldBe(TestData.Start - TimeSpan.FromHours(1));
        views.ShouldAllBe(view => view.Task.Timeline.FinishedAt < TestData.Start);
        emulator.ListExports("g-social0001").ShouldBeEmpty();
    }

    [Fact]
    public void Scenario_PastExports_StayFinishedAndLeaveRoomForANewExport()
    {
        // Arrange
        var scenario = new EmulatorScenario([new ScenarioGraph("g-orders0001", "orders", PastExports: 5)]);
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));
        var before = emulator.ListExports();

        // Act: the graph runs one task at a time, so a past export still running would refuse this.
        var started = emulator.StartExport();
        time.Advance(TimeSpan.FromDays(1));
        var after = emulator.ListExports();

        // Assert
        after.Take(5).ShouldBe(before);
        after[^1].ShouldBe((started, "SUCCEEDED", null));
        before.Select(entry => entry.Status).ShouldBe(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "FAILED", "CANCELLED"]);
    }

    [Fact]
    public void AddGraph_WithPastExportsOverControl_ListsThemBeforeItsNewTasks()
    {
        // Arrange
        var emulator = ControlledEmulator.Start(time);
        time.Advance(TimeSpan.FromMinutes(10));

        // Act
        emulator.Control.AddGraph(new ScenarioGraph("g-added00001", "added", PastExports: 3));
        var started = emulator.State.Start(EmulatorStateTests.Request("g-added00001")).Task.TaskId;
        var listed = emulator.ListExports("g-added00001");

        // Assert
        listed.Count.ShouldBe(4);
        listed[^1].ShouldBe((started, "INITIALIZING", null));
        emulator.State.Get(EmulatedTaskKind.Export, listed[^2].TaskId).Progress.ShouldNotBeNull().StartTime.ShouldBe(TestData.Start + TimeSpan.FromMinutes(10) - TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ScenarioGraph.MaxPastExports + 1)]
    public void Validate_PastExportsOutOfRange_IsRefused(int pastExports)
    {
        // Arrange
        var graph = new ScenarioGraph("g-orders0001", "orders", PastExports: pastExports);

        // Act / Assert
        Should.Throw<ArgumentException>(graph.Validate).Message.ShouldContain("pastExports");
    }

    [Fact]
    public async Task LoadAsync_ScenarioFileWithPastExports_GivesTheGraphItsPast()
    {
        // Arrange
        using var file = await ScenarioFile.WriteAsync("""{"graphs":[{"id":"g-orders0001","name":"orders","pastExports":7}]}""");

        // Act
        var scenario = await file.LoadAsync();
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));

        // Assert
        emulator.ListExports("g-orders0001").Count.ShouldBe(7);
    }
}
