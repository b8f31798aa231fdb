using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>Export task operations through the official JS client, against an in-process emulator on a fake clock.</summary>
public sealed class ExportTaskConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task ListGraphs_DefaultScenario_ReturnsSeededGraphsWithArns()
    {
        // Arrange
        await StartAsync();

        // Act
        var result = await RunOneAsync(Call("ListGraphs"));

        // Assert
        result.Ok.ShouldBeTrue(result.ToString());
        result.Status.ShouldBe(200);
        var graphs = result.Output["graphs"]!.AsArray();
        graphs.Select(graph => graph!["id"]!.GetValue<string>()).ShouldBe(["g-orders0001", "g-social0001"]);
        graphs[0]!["arn"]!.GetValue<string>().ShouldBe("arn:aws:neptune-graph:us-east-1:123456789012:graph/g-orders0001");
        graphs[0]!["status"]!.GetValue<string>().ShouldBe("AVAILABLE");
    }

    [Fact]
    public async Task StartExportTask_ValidInput_Answers201WithInitializingTask()
    {
        // Arrange
        await StartAsync();

        // Act
        var result = await RunOneAsync(StartExport(format: "CSV"));

        // Assert
        result.Ok.ShouldBeTrue(result.ToString());
        result.Status.ShouldBe(201);
        result.Get("taskId").ShouldMatch("^t-[a-z0-9]{10}$");
        result.Get("status").ShouldBe("INITIALIZING");
        result.Get("graphId").ShouldBe("g-orders0001");
        result.Get("format").ShouldBe("CSV");
        result.Get("roleArn").ShouldBe(TestAccount.RoleArn);
        result.Get("kmsKeyIdentifier").ShouldBe(TestAccount.KmsKeyArn);
        result.Get("destination").ShouldBe("s3://exports-bucket/orders/");
    }

    [Fact]
    public async Task GetExportTask_ClockAdvancedThroughLifecycle_ReportsEachPhaseAndGrowingCounters()
    {
        // Arrange: orders graph has 6M elements, so EXPORTING lasts 60 s + 60 s after 30 s of INITIALIZING.
        await StartAsync();
        var taskId = await StartExportAsync();

        // Act: half the steps move the fake clock from C#, the other half through the control endpoint.
        var initializing = await RunOneAsync(GetExport(taskId));
        Time.Advance(TimeSpan.FromSeconds(60));
        var results = await RunAsync([GetExport(taskId), AdvanceClock(30), GetExport(taskId), AdvanceClock(60), GetExport(taskId)]);
        var (quarter, half, done) = (results[0], results[2], results[4]);

        // Assert
        initializing.Get("status").ShouldBe("INITIALIZING");
        initializing.Output["exportTaskDetails"].ShouldBeNull();

        ShouldReport(quarter, "EXPORTING", progress: 25, elapsedSeconds: 60, vertices: 300_000, edges: 1_200_000);
        quarter.Output["exportTaskDetails"]!["startTime"]!.GetValue<long>().ShouldBe(Epoch.ToUnixTimeMilliseconds());

        half.Get("status").ShouldBe("EXPORTING");
        half.Output["exportTaskDetails"]!["progressPercentage"]!.GetValue<int>().ShouldBe(50);

        ShouldReport(done, "SUCCEEDED", progress: 100, elapsedSeconds: 150, vertices: 1_200_000, edges: 4_800_000);
    }

    [Fact]
    public async Task GetExportTask_FailureScriptedAtProgress_FailsThereWithReason()
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();
        Emulator.Control.ScriptFailure(taskId, 40, "S3 access denied for s3://exports-bucket/orders/");

        // Act
        var results = await RunAsync(
        [
            AdvanceClock(30 + 47), GetExport(taskId),
            AdvanceClock(10), GetExport(taskId),
            Call("ListExportTasks", new { graphIdentifier = "g-orders0001" }),
        ]);

        // Assert
        results[1].Get("status").ShouldBe("EXPORTING");
        results[1].Output["exportTaskDetails"]!["progressPercentage"]!.GetValue<int>().ShouldBe(39);
        results[3].Get("status").ShouldBe("FAILED");
        results[3].Get("statusReason").ShouldBe("S3 access denied for s3://exports-bucket/orders/");
        results[3].Output["exportTaskDetails"]!["progressPercentage"]!.GetValue<int>().ShouldBe(40);
        results[4].Output["tasks"]![0]!["statusReason"]!.GetValue<string>().ShouldBe("S3 access denied for s3://exports-bucket/orders/");
    }

    [Theory]
    [InlineData(0, "INITIALIZING")]
    [InlineData(45, "EXPORTING")]
    public async Task CancelExportTask_RunningTask_AnswersCancellingThenBecomesCancelled(double secondsBefore, string statusBefore)
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();
        Time.Advance(TimeSpan.FromSeconds(secondsBefore));

        // Act
        var results = await RunAsync(
        [
            GetExport(taskId),
            Call("CancelExportTask", new { taskIdentifier = taskId }),
            Call("CancelExportTask", new { taskIdentifier = taskId }),
            AdvanceClock(15),
            GetExport(taskId),
        ]);

        // Assert
        results[0].Get("status").ShouldBe(statusBefore);
        results[1].Status.ShouldBe(200);
        results[1].Get("status").ShouldBe("CANCELLING");
        results[2].Get("status").ShouldBe("CANCELLING", "a second cancel while cancelling is accepted");
        results[4].Get("status").ShouldBe("CANCELLED");
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("FAILED")]
    [InlineData("CANCELLED")]
    [InlineData("DELETED")]
    public async Task CancelExportTask_TerminalTask_RaisesConflictException(string terminal)
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();
        Emulator.Control.SetNextStatus(taskId, terminal, terminal == "FAILED" ? "Out of memory" : null);

        // Act
        var results = await RunAsync([GetExport(taskId), Call("CancelExportTask", new { taskIdentifier = taskId })]);

        // Assert
        results[0].Get("status").ShouldBe(terminal);
        results[1].Name.ShouldBe("ConflictException", results[1].ToString());
        results[1].Typed.ShouldBeTrue();
        results[1].Status.ShouldBe(409);
        results[1].Reason.ShouldBe("CONCURRENT_MODIFICATION");
        results[1].Message!.ShouldContain(terminal);
    }

    [Fact]
    public async Task SetNextStatus_ThroughControlEndpoint_NextGetShowsItWithReason()
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();

        // Act
        var results = await RunAsync(
        [
            Control("PUT", $"/_emulator/tasks/{taskId}/status", new { status = "FAILED", reason = "Graph was deleted" }),
            GetExport(taskId),
        ]);

        // Assert
        results[0].Status.ShouldBe(200, results[0].ToString());
        results[1].Get("status").ShouldBe("FAILED");
        results[1].Get("statusReason").ShouldBe("Graph was deleted");
    }

    [Fact]
    public async Task GetExportTask_TaskDeletedThroughControl_RaisesResourceNotFoundException()
    {
        // Arrange
        await StartAsync();
        var taskId = await StartExportAsync();

        // Act
        var results = await RunAsync([Control("DELETE", $"/_emulator/tasks/{taskId}"), GetExport(taskId)]);

        // Assert
        results[0].Status.ShouldBe(204);
        results[1].Name.ShouldBe("ResourceNotFoundException");
        results[1].Typed.ShouldBeTrue();
        results[1].Status.ShouldBe(404);
        results[1].Message!.ShouldContain(taskId);
    }

    [Fact]
    public async Task StartExportTask_GraphAlreadyExporting_RaisesConflictException()
    {
        // Arrange
        await StartAsync();

        // Act
        var results = await RunAsync([StartExport(), StartExport(), StartExport("g-social0001")]);

        // Assert
        results[0].Status.ShouldBe(201);
        results[1].Name.ShouldBe("ConflictException");
        results[1].Status.ShouldBe(409);
        results[1].Reason.ShouldBe("CONCURRENT_MODIFICATION");
        results[2].Status.ShouldBe(201, "another graph is free");
    }

    [Fact]
    public async Task StartExportTask_SpeedFactor_FinishesInScaledTime()
    {
        // Arrange
        await StartAsync(new EmulatorOptions(Speed: 60));
        var taskId = await StartExportAsync();

        // Act: 150 nominal seconds take 2.5 real seconds at speed 60.
        Time.Advance(TimeSpan.FromSeconds(2.5));
        var result = await RunOneAsync(GetExport(taskId));

        // Assert
        result.Get("status").ShouldBe("SUCCEEDED");
        result.Output["exportTaskDetails"]!["timeElapsedSeconds"]!.GetValue<long>().ShouldBe(150);
    }

    private static void ShouldReport(DriverResult read, string status, int progress, long elapsedSeconds, long vertices, long edges)
    {
        read.Get("status").ShouldBe(status);
        var details = read.Output["exportTaskDetails"]!;
        details["progressPercentage"]!.GetValue<int>().ShouldBe(progress);
        details["timeElapsedSeconds"]!.GetValue<long>().ShouldBe(elapsedSeconds);
        details["numVerticesWritten"]!.GetValue<long>().ShouldBe(vertices);
        details["numEdgesWritten"]!.GetValue<long>().ShouldBe(edges);
    }
}
