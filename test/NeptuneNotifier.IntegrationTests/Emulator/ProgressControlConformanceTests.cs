using static NeptuneNotifier.IntegrationTests.Emulator.EmulatorDriver;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>A stalled and a slowed export, set up over the control routes, as the official JS client reads them.</summary>
public sealed class ProgressControlConformanceTests : EmulatorConformance
{
    [Fact]
    public async Task ProgressStopAndSlowdown_OverControlRoutes_OfficialClientSeesTheTaskRunningWithoutProgressThenAgain()
    {
        // Arrange: INITIALIZING for 30 s, then EXPORTING.
        await StartAsync(new EmulatorOptions { MaxActiveTasksPerGraph = 2 });
        var taskId = await StartExportAsync();

        // Act
        var results = await RunAsync(
        [
            AdvanceClock(40),
            Control("PUT", $"/_emulator/tasks/{taskId}/progress-stop", new { }),
            GetExport(taskId),
            AdvanceClock(86_400),
            GetExport(taskId),
            Control("DELETE", $"/_emulator/tasks/{taskId}/progress-stop"),
            Control("PUT", $"/_emulator/tasks/{taskId}/slowdown", new { factor = 5 }),
            AdvanceClock(60),
            GetExport(taskId),
            Control("PUT", $"/_emulator/tasks/{taskId}/progress-stop", new { atProgress = 101 }),
            Control("PUT", $"/_emulator/tasks/{taskId}/slowdown", new { factor = 0.5 }),
            Control("PUT", "/_emulator/tasks/t-0000000000/progress-stop", new { }),
        ]);

        // Assert
        results.Take(9).ShouldAllBe(result => result.Ok, string.Join("\n", results.Take(9)));
        var stopped = Progress(results[2]);
        (results[4].Get("status"), Progress(results[4])).ShouldBe(("EXPORTING", stopped));
        results[5].Status.ShouldBe(204);
        Progress(results[8]).ShouldBeGreaterThan(stopped);
        results[8].Get("status").ShouldBe("EXPORTING");
        results[9].Status.ShouldBe(400, results[9].ToString());
        results[10].Status.ShouldBe(400, results[10].ToString());
        results[11].Status.ShouldBe(404, results[11].ToString());
    }

    private static int Progress(DriverResult read) => read.Output["exportTaskDetails"]!["progressPercentage"]!.GetValue<int>();
}
