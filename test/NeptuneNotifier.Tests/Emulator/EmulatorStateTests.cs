using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.Tests.Emulator;

public sealed class EmulatorStateTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void StartExport_TwoStatesSameSeed_GenerateSameTaskIdsMatchingModelPattern()
    {
        // Arrange
        var first = NewState(new EmulatorOptions(Seed: 5) { MaxActiveTasksPerGraph = 10 });
        var second = NewState(new EmulatorOptions(Seed: 5) { MaxActiveTasksPerGraph = 10 });

        // Act
        var a = Enumerable.Range(0, 5).Select(_ => first.Start(Request()).Task.TaskId).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => second.Start(Request()).Task.TaskId).ToList();

        // Assert
        b.ShouldBe(a);
        a.ShouldAllBe(id => ModelPatterns.TaskId().IsMatch(id));
        a.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void StartExport_GraphNotAvailable_AnswersConflict()
    {
        // Arrange
        var state = NewState(new EmulatorOptions(Scenario: new EmulatorScenario([new ScenarioGraph("g-stopped001", "stopped", Status: "STOPPED")])));

        // Act
        var act = () => state.Start(Request("g-stopped001"));

        // Assert
        var error = Should.Throw<EmulatorException>(act);
        error.Kind.ShouldBe(EmulatorErrorKind.Conflict);
        ApiException.From(error).StatusCode.ShouldBe(409);
        error.Message.ShouldContain("STOPPED");
    }

    [Fact]
    public void StartExport_PreviousExportFinished_AllowsNextOne()
    {
        // Arrange
        var state = NewState(new EmulatorOptions());
        state.Start(Request());
        time.Advance(TimeSpan.FromHours(1));

        // Act
        var next = state.Start(Request());

        // Assert
        next.Status.ShouldBe("INITIALIZING");
    }

    [Fact]
    public void ListExports_MaxResultsTwo_PagesWithTokensUntilDone()
    {
        // Arrange
        var state = NewState(new EmulatorOptions { MaxActiveTasksPerGraph = 10 });
        var ids = Enumerable.Range(0, 5).Select(_ => state.Start(Request()).Task.TaskId).ToList();

        // Act
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = state.List(EmulatedTaskKind.Export, graphId: null, token, maxResults: 2);
            seen.AddRange(page.Items.Select(view => view.Task.TaskId));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        // Assert
        seen.ShouldBe(ids);
        pages.ShouldBe(3);
    }

    [Fact]
    public void ListExports_DeletedTaskBetweenPages_ContinuesAfterLastSeen()
    {
        // Arrange
        var state = NewState(new EmulatorOptions { MaxActiveTasksPerGraph = 10 });
        var ids = Enumerable.Range(0, 4).Select(_ => state.Start(Request()).Task.TaskId).ToList();
        var first = state.List(EmulatedTaskKind.Export, graphId: null, nextToken: null, maxResults: 2);

        // Act
        state.DeleteTask(ids[1]);
        state.DeleteTask(ids[2]);
        var second = state.List(EmulatedTaskKind.Export, graphId: null, first.NextToken, maxResults: 2);

        // Assert
        second.Items.Select(view => view.Task.TaskId).ShouldBe([ids[3]]);
        second.NextToken.ShouldBeNull();
    }

    [Fact]
    public void ForceStatus_ImportOnlyStatusOnExport_ThrowsListingAllowedOnes()
    {
        // Arrange
        var state = NewState(new EmulatorOptions());
        var taskId = state.Start(Request()).Task.TaskId;

        // Act
        var act = () => state.ForceStatus(taskId, "ANALYZING_DATA", reason: null);

        // Assert
        Should.Throw<ArgumentException>(act).Message.ShouldContain("EXPORTING");
    }

    [Fact]
    public void ForceStatus_UnknownTask_ThrowsKeyNotFound()
    {
        // Arrange
        var state = NewState(new EmulatorOptions());

        // Act
        var act = () => state.ForceStatus("t-0000000000", "FAILED", reason: null);

        // Assert
        Should.Throw<KeyNotFoundException>(act).Message.ShouldContain("t-0000000000");
    }

    [Fact]
    public void Describe_ScenarioExportTaskWithFailure_FailsAtScriptedProgress()
    {
        // Arrange
        var scenario = new EmulatorScenario(
            [new ScenarioGraph("g-tiny000001", "tiny", VertexCount: 0, EdgeCount: 0)],
            [new ScenarioExportTask("g-tiny000001", TaskId: "t-fixed00001", FailAtProgress: 50, FailureReason: "disk full")]);
        var state = NewState(new EmulatorOptions(Scenario: scenario));

        // Act: INITIALIZING 30 s, then half of the 60 s export.
        time.Advance(TimeSpan.FromSeconds(60));
        var task = state.Describe("t-fixed00001");

        // Assert
        task.ShouldNotBeNull();
        task.Status.ShouldBe("FAILED");
        task.StatusReason.ShouldBe("disk full");
        task.ProgressPercentage.ShouldBe(50);
    }

    [Fact]
    public void GetExport_ClockOffsetAdvanced_SeesLaterPhase()
    {
        // Arrange
        var clock = new EmulatorClock(time);
        var state = new EmulatorState(new EmulatorOptions(), clock);
        var taskId = state.Start(Request()).Task.TaskId;

        // Act
        clock.Advance(TimeSpan.FromSeconds(31));
        var view = state.Get(EmulatedTaskKind.Export, taskId);

        // Assert
        view.Status.ShouldBe("EXPORTING");
        view.Progress.ShouldNotBeNull().TimeElapsedSeconds.ShouldBe(31);
    }

    private EmulatorState NewState(EmulatorOptions options) => new(options, new EmulatorClock(time));

    internal static StartTaskRequest Request(string graphId = "g-orders0001") => StartTaskRequest.ForExport(
        graphId,
        TestAccount.RoleArn,
        "PARQUET",
        "s3://bucket/prefix/",
        TestAccount.KmsKeyArn,
        parquetType: null,
        exportFilter: null);

    /// <summary>The usual request for an import into the default graph.</summary>
    internal static StartTaskRequest ImportRequest() =>
        StartTaskRequest.ForImport("g-orders0001", "s3://in/", format: null, parquetType: null, TestAccount.RoleArn, importOptions: null);
}
