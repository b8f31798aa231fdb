namespace NeptuneNotifier.Tests.Emulator;

public sealed class AnswerQuirksTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void AnswerSparsely_ExportTask_IsSparseUntilTurnedOff()
    {
        // Arrange
        var (control, quirks, state) = NewControl();
        var taskId = state.Start(EmulatorStateTests.Request()).Task.TaskId;

        // Act
        control.AnswerSparsely(taskId);
        var sparse = quirks.IsSparse(taskId);
        control.AnswerSparsely(taskId, sparse: false);

        // Assert
        sparse.ShouldBeTrue();
        quirks.IsSparse(taskId).ShouldBeFalse();
    }

    [Fact]
    public void AnswerSparsely_UnknownTask_ThrowsKeyNotFound()
    {
        // Arrange
        var (control, _, _) = NewControl();

        // Act / Assert
        Should.Throw<KeyNotFoundException>(() => control.AnswerSparsely("t-0000000000")).Message.ShouldContain("t-0000000000");
    }

    [Fact]
    public void AnswerSparsely_ImportTask_IsRefused()
    {
        // Arrange
        var (control, _, state) = NewControl();
        var taskId = state.Start(EmulatorStateTests.ImportRequest()).Task.TaskId;

        // Act / Assert
        Should.Throw<ArgumentException>(() => control.AnswerSparsely(taskId)).Message.ShouldContain("export tasks");
    }

    [Fact]
    public void AddMalformedExportEntry_Default_IsAnEntryWithoutTaskIdOnTheFirstPageOnly()
    {
        // Arrange
        var (control, quirks, _) = NewControl();

        // Act
        control.AddMalformedExportEntry("g-orders0001");

        // Assert
        var entry = quirks.MalformedEntriesFor("g-orders0001", firstPage: true).ShouldHaveSingleItem();
        using var document = JsonDocument.Parse(entry);
        document.RootElement.TryGetProperty("taskId", out _).ShouldBeFalse();
        document.RootElement.GetProperty("graphId").GetString().ShouldBe("g-orders0001");
        quirks.MalformedEntriesFor("g-orders0001", firstPage: false).ShouldBeEmpty();
        quirks.MalformedEntriesFor("g-social0001", firstPage: true).ShouldBeEmpty();
        quirks.MalformedEntriesFor(graphId: null, firstPage: true).ShouldBe([entry]);
    }

    [Fact]
    public void AddMalformedExportEntry_GivenJson_IsKeptVerbatimAndClearable()
    {
        // Arrange
        var (control, quirks, _) = NewControl();

        // Act
        control.AddMalformedExportEntry("g-orders0001", """{"taskId":42}""");
        control.AddMalformedExportEntry("g-orders0001", "\"just a string\"");
        var added = quirks.MalformedEntriesFor("g-orders0001", firstPage: true);
        control.ClearMalformedExportEntries("g-orders0001");

        // Assert
        added.ShouldBe(["""{"taskId":42}""", "\"just a string\""]);
        quirks.MalformedEntriesFor("g-orders0001", firstPage: true).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("g-missing001", "{}", typeof(KeyNotFoundException))]
    [InlineData("g-orders0001", "{not json", typeof(ArgumentException))]
    public void AddMalformedExportEntry_UnknownGraphOrNotJson_IsRefused(string graphId, string entry, Type expected)
    {
        // Arrange
        var (control, _, _) = NewControl();

        // Act
        var exception = Should.Throw<Exception>(() => control.AddMalformedExportEntry(graphId, entry));

        // Assert
        exception.ShouldBeOfType(expected);
    }

    [Fact]
    public void ApplyAnswerQuirks_ScenarioWithSparseTaskAndMalformedEntries_AppliesBoth()
    {
        // Arrange
        using var entries = JsonDocument.Parse("""[{"status":"FAILED"}]""");
        var scenario = new EmulatorScenario(
            [new ScenarioGraph("g-orders0001", "orders", MalformedExportEntries: [.. entries.RootElement.EnumerateArray()])],
            [new ScenarioExportTask("g-orders0001", TaskId: "t-sparse0001", Sparse: true)]);
        var (control, quirks, _) = NewControl(new EmulatorOptions(Scenario: scenario));

        // Act
        control.ApplyAnswerQuirks(scenario);

        // Assert
        quirks.IsSparse("t-sparse0001").ShouldBeTrue();
        quirks.MalformedEntriesFor("g-orders0001", firstPage: true).ShouldBe(["""{"status":"FAILED"}"""]);
    }

    [Fact]
    public async Task LoadAsync_ReadmeScenarioWithQuirks_StartsASparseFailingTaskAndAMalformedEntry()
    {
        // Arrange: the example from the emulator's README.
        using var file = await ScenarioFile.WriteAsync("""
            {
              "graphs": [ { "id": "g-orders0001", "name": "orders-graph", "malformedExportEntries": [ { "status": "FAILED" } ] } ],
              "exportTasks": [ { "graphId": "g-orders0001", "taskId": "t-sparse0001", "sparse": true, "failAtProgress": 0, "failureReason": "Access denied" } ]
            }
            """);

        // Act
        var scenario = await file.LoadAsync();
        var (control, quirks, _) = NewControl(new EmulatorOptions(Scenario: scenario));
        control.ApplyAnswerQuirks(scenario);
        time.Advance(TimeSpan.FromSeconds(31));

        // Assert
        quirks.IsSparse("t-sparse0001").ShouldBeTrue();
        quirks.MalformedEntriesFor("g-orders0001", firstPage: true).ShouldBe(["""{ "status": "FAILED" }"""]);
        var task = control.GetTask("t-sparse0001").ShouldNotBeNull();
        (task.Status, task.StatusReason).ShouldBe(("FAILED", "Access denied"));
    }

    [Fact]
    public void ScenarioExportTask_SparseWithoutTaskId_IsInvalid()
    {
        // Arrange
        var scenario = new EmulatorScenario([new ScenarioGraph("g-orders0001", "orders")], [new ScenarioExportTask("g-orders0001", Sparse: true)]);

        // Act / Assert
        Should.Throw<ArgumentException>(scenario.Validate).Message.ShouldContain("needs a fixed taskId");
    }

    private (EmulatorControl Control, AnswerQuirks Quirks, EmulatorState State) NewControl(EmulatorOptions? options = null)
    {
        var emulator = ControlledEmulator.Start(time, options, applyScenarioQuirks: false);
        return (emulator.Control, emulator.Quirks, emulator.State);
    }
}
