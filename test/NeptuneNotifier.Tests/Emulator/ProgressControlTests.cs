namespace NeptuneNotifier.Tests.Emulator;

// Scenario control for the alerts: a task whose progress stops while it keeps running, and one that runs long.
public sealed class ProgressControlTests
{
    private readonly FakeTimeProvider time = ControlledEmulator.Clock();

    [Fact]
    public void StopProgress_RunningExport_StaysExportingAtTheSameProgressUntilResumed()
    {
        // Arrange: the default graph's export initializes, then exports for several minutes.
        var emulator = ControlledEmulator.Start(time);
        var taskId = emulator.StartExport();
        time.Advance(TimeSpan.FromMinutes(2));
        var before = emulator.Control.GetTask(taskId)!;

        // Act
        emulator.Control.StopProgress(taskId);
        time.Advance(TimeSpan.FromDays(3));
        var held = emulator.Control.GetTask(taskId)!;
        emulator.Control.ResumeProgress(taskId);
        time.Advance(TimeSpan.FromMinutes(1));
        var resumed = emulator.Control.GetTask(taskId)!;

        // Assert
        before.Status.ShouldBe("EXPORTING");
        (held.Status, held.ProgressPercentage, held.NumVerticesWritten).ShouldBe(("EXPORTING", before.ProgressPercentage, before.NumVerticesWritten));
        held.TimeElapsedSeconds.ShouldBeGreaterThan(before.TimeElapsedSeconds + 3 * 86_400 - 1);
        resumed.ProgressPercentage.ShouldBeGreaterThan(held.ProgressPercentage);
    }

    [Fact]
    public void Scenario_StallAtProgress_GrowsToItAndStaysThere()
    {
        var scenario = EmulatorScenario.Default with { ExportTasks = [new ScenarioExportTask("g-social0001", TaskId: "t-stalled001", StallAtProgress: 30)] };
        var emulator = ControlledEmulator.Start(time, new EmulatorOptions(Scenario: scenario));

        time.Advance(TimeSpan.FromDays(1));

        var task = emulator.Control.GetTask("t-stalled001")!;
        (task.Status, task.ProgressPercentage).ShouldBe(("EXPORTING", 30));
    }

    [Fact]
    public void SlowDown_RunningExport_TakesThatManyTimesAsLongButKeepsProgressing()
    {
        var normal = ControlledEmulator.Start(time);
        var slow = ControlledEmulator.Start(time);
        var fast = normal.StartExport();
        var slowed = slow.StartExport();
        slow.Control.SlowDown(slowed, 10);
        var finishedAfter = TimeSpan.Zero;
        while (normal.Control.GetTask(fast)!.Status != "SUCCEEDED")
        {
            time.Advance(TimeSpan.FromMinutes(1));
            finishedAfter += TimeSpan.FromMinutes(1);
        }

        var halfway = slow.Control.GetTask(slowed)!;
        time.Advance(finishedAfter * 5);
        var later = slow.Control.GetTask(slowed)!;

        (halfway.Status, later.Status).ShouldBe(("EXPORTING", "EXPORTING"));
        later.ProgressPercentage.ShouldBeGreaterThan(halfway.ProgressPercentage);
        Should.Throw<ArgumentOutOfRangeException>(() => slow.Control.SlowDown(slowed, 0.5));
    }

    [Fact]
    public void StopProgress_FinishedTask_IsRefused()
    {
        var emulator = ControlledEmulator.Start(time);
        var taskId = emulator.StartExport();
        time.Advance(TimeSpan.FromDays(1));

        Should.Throw<InvalidOperationException>(() => emulator.Control.StopProgress(taskId)).Message.ShouldContain("already SUCCEEDED");
    }
}
