namespace NeptuneNotifier.Tests.Emulator;

public sealed class TaskTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly PhaseDurations Export = new(
        Initializing: TimeSpan.FromSeconds(30),
        Analyzing: TimeSpan.Zero,
        Working: TimeSpan.FromSeconds(120),
        Cancelling: TimeSpan.FromSeconds(15),
        Speed: 1);

    private static readonly PhaseDurations Import = Export with { Initializing = TimeSpan.FromSeconds(20), Analyzing = TimeSpan.FromSeconds(40) };

    [Theory]
    [InlineData(0, "INITIALIZING", 0)]
    [InlineData(29.9, "INITIALIZING", 0)]
    [InlineData(30, "EXPORTING", 0)]
    [InlineData(60, "EXPORTING", 25)]
    [InlineData(149, "EXPORTING", 99)]
    [InlineData(150, "SUCCEEDED", 100)]
    [InlineData(10_000, "SUCCEEDED", 100)]
    public void Advance_ExportAtElapsedSeconds_ReachesPhaseAndProgress(double seconds, string status, int progress)
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        var now = Start.AddSeconds(seconds);

        // Act
        timeline.Advance(now);

        // Assert
        timeline.Phase.ShouldBe(status);
        ((int)Math.Floor(timeline.ProgressAt(now))).ShouldBe(progress);
    }

    [Theory]
    [InlineData(10, "INITIALIZING")]
    [InlineData(20, "ANALYZING_DATA")]
    [InlineData(60, "IMPORTING")]
    [InlineData(180, "SUCCEEDED")]
    public void Advance_ImportAtElapsedSeconds_GoesThroughAnalyzingAndImporting(double seconds, string status)
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Import, Start, Import);

        // Act
        timeline.Advance(Start.AddSeconds(seconds));

        // Assert
        timeline.Phase.ShouldBe(status);
    }

    [Fact]
    public void Advance_ReadLateAfterManyPhases_CatchesUpInOneCallAndFreezesElapsedAtFinish()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        var late = Start.AddHours(5);

        // Act
        timeline.Advance(late);

        // Assert
        timeline.Phase.ShouldBe("SUCCEEDED");
        timeline.FinishedAt.ShouldBe(Start.AddSeconds(150));
        timeline.ElapsedSecondsAt(late).ShouldBe(150);
    }

    [Fact]
    public void ScriptFailure_AtFortyPercent_FailsExactlyThereWithReason()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        timeline.ScriptFailure(40, "S3 bucket not found", Start);

        // Act
        var before = Start.AddSeconds(30 + 47);
        timeline.Advance(before);
        var phaseBefore = timeline.Phase;
        var at = Start.AddSeconds(30 + 48);
        timeline.Advance(at);

        // Assert
        phaseBefore.ShouldBe("EXPORTING");
        timeline.Phase.ShouldBe("FAILED");
        timeline.StatusReason.ShouldBe("S3 bucket not found");
        timeline.ProgressAt(at).ShouldBe(40);
        timeline.FinishedAt.ShouldBe(Start.AddSeconds(78));
    }

    [Fact]
    public void ScriptFailure_BelowCurrentProgress_FailsAtOnce()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        var now = Start.AddSeconds(90);

        // Act
        timeline.ScriptFailure(10, "late failure", now);
        timeline.Advance(now);

        // Assert
        timeline.Phase.ShouldBe("FAILED");
        timeline.ProgressAt(now).ShouldBe(50);
    }

    [Fact]
    public void ScriptFailure_TerminalTask_Throws()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);

        // Act
        var act = () => timeline.ScriptFailure(50, "too late", Start.AddHours(1));

        // Assert
        Should.Throw<InvalidOperationException>(act).Message.ShouldContain("SUCCEEDED");
    }

    [Fact]
    public void Cancel_WhileExporting_FreezesProgressThenCancelsAfterCancellingPhase()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        var cancelAt = Start.AddSeconds(90);

        // Act
        var accepted = timeline.Cancel(cancelAt);
        var cancelling = timeline.Phase;
        timeline.Advance(cancelAt.AddSeconds(14));
        var stillCancelling = timeline.Phase;
        timeline.Advance(cancelAt.AddSeconds(15));

        // Assert
        accepted.ShouldBeTrue();
        cancelling.ShouldBe("CANCELLING");
        stillCancelling.ShouldBe("CANCELLING");
        timeline.Phase.ShouldBe("CANCELLED");
        timeline.ProgressAt(cancelAt.AddSeconds(15)).ShouldBe(50);
    }

    [Fact]
    public void Cancel_TerminalTask_ReturnsFalseAndKeepsStatus()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);

        // Act
        var accepted = timeline.Cancel(Start.AddSeconds(200));

        // Assert
        accepted.ShouldBeFalse();
        timeline.Phase.ShouldBe("SUCCEEDED");
    }

    [Fact]
    public void Force_RunningStatus_ResumesLifecycleFromThatPhase()
    {
        // Arrange
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);

        // Act: skip INITIALIZING at t=5 s; the export then takes its full 120 s from there.
        timeline.Force("EXPORTING", Start.AddSeconds(5), reason: null);
        timeline.Advance(Start.AddSeconds(124));
        var beforeEnd = timeline.Phase;
        timeline.Advance(Start.AddSeconds(125));

        // Assert
        beforeEnd.ShouldBe("EXPORTING");
        timeline.Phase.ShouldBe("SUCCEEDED");
    }

    [Fact]
    public void Force_Failed_SticksWithReasonAndDefaultReasonWhenNoneGiven()
    {
        // Arrange
        var withReason = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);
        var withoutReason = new TaskTimeline(EmulatedTaskKind.Export, Start, Export);

        // Act
        withReason.Force("FAILED", Start.AddSeconds(40), "Role cannot write to bucket");
        withoutReason.Force("FAILED", Start.AddSeconds(40), reason: null);
        withReason.Advance(Start.AddHours(1));

        // Assert
        withReason.Phase.ShouldBe("FAILED");
        withReason.StatusReason.ShouldBe("Role cannot write to bucket");
        withoutReason.StatusReason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void ElapsedSecondsAt_SpeedSixty_ReportsEmulatedSeconds()
    {
        // Arrange
        var fast = Export with
        {
            Initializing = Export.Initializing / 60,
            Working = Export.Working / 60,
            Cancelling = Export.Cancelling / 60,
            Speed = 60,
        };
        var timeline = new TaskTimeline(EmulatedTaskKind.Export, Start, fast);
        var now = Start.AddSeconds(1.5);

        // Act
        timeline.Advance(now);

        // Assert
        timeline.Phase.ShouldBe("EXPORTING");
        timeline.ElapsedSecondsAt(now).ShouldBe(90);
        ((int)timeline.ProgressAt(now)).ShouldBe(50);
    }
}
