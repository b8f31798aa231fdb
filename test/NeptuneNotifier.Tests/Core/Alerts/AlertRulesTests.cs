using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core.Alerts;

public sealed class AlertRulesTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(20);

    // Every time comes from a TimeProvider, as the cycle's does; the rules never read a clock themselves.
    private readonly FakeTimeProvider time = new(TestData.Start);

    private DateTimeOffset Now => time.GetUtcNow();

    [Fact]
    public void Evaluate_ElapsedExactlyAtOverdueThreshold_AlertsOverdueForThatLong()
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour));
        var task = Running(Read(elapsedSeconds: 3599));

        var before = rules.Evaluate(task, Read(elapsedSeconds: 3599, withoutStart: true), Now, refresh: false);
        var at = rules.Evaluate(task, Read(elapsedSeconds: 3600, withoutStart: true), Now, refresh: false);

        before.Alert.ShouldBeNull();
        at.Alert.ShouldBe(new TaskAlert.Overdue(Hour, Hour));
        at.Watch.ShouldNotBeNull().OverdueAlertedAt.ShouldBe(Now);
    }

    [Fact]
    public void Evaluate_OverdueAlreadyClaimed_DoesNotAlertAgainEvenAfterAStatusChange()
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour));
        var alerted = rules.Evaluate(Running(Read()), Read(elapsedSeconds: 7200), Now, refresh: false);
        var task = Running(Read()) with { Watch = alerted.Watch };
        var afterChange = task with { Watch = rules.AfterTransition(task, Read(elapsedSeconds: 7300), Now) };

        rules.Evaluate(task, Read(elapsedSeconds: 9000), Now, refresh: false).Alert.ShouldBeNull();
        rules.Evaluate(afterChange, Read(elapsedSeconds: 9000), Now, refresh: false).Alert.ShouldBeNull();
    }

    [Fact]
    public void Elapsed_ServiceCounterStoppedBehindItsStartTime_TakesTheLongerOfTheTwo()
    {
        var task = Running(Read());
        var read = Read(elapsedSeconds: 600, startTime: Now - TimeSpan.FromMinutes(90));

        AlertRules.Elapsed(task, read, Now).ShouldBe(TimeSpan.FromMinutes(90));
        AlertRules.Elapsed(task, read with { StartTime = null }, Now).ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Elapsed_ServiceReportsNeitherStartNorElapsed_CountsFromWhenTrackingBegan()
    {
        var task = Running(Read()) with { TrackedAt = Now };
        time.Advance(TimeSpan.FromMinutes(61));

        AlertRules.Elapsed(task, Read(elapsedSeconds: null, withoutStart: true), Now).ShouldBe(TimeSpan.FromMinutes(61));
        new AlertRules(new AlertOptions(OverdueAfter: Hour)).Evaluate(task, Read(elapsedSeconds: null, withoutStart: true), Now, refresh: false)
            .Alert.ShouldBe(new TaskAlert.Overdue(TimeSpan.FromMinutes(61), Hour));
    }

    [Fact]
    public void Evaluate_ProgressStillExactlyAtStallThreshold_AlertsStalledSinceTheFirstSighting()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var since = Now;
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, since) };

        time.Advance(Window - TimeSpan.FromTicks(1));
        var before = rules.Evaluate(task, Read(progress: 40), Now, refresh: false);
        time.Advance(TimeSpan.FromTicks(1));
        var at = rules.Evaluate(task, Read(progress: 40), Now, refresh: false);

        before.Alert.ShouldBeNull();
        at.Alert.ShouldBe(new TaskAlert.Stalled(since, Window));
        at.Watch.ShouldNotBeNull().StallAlertedAt.ShouldBe(Now);
    }

    [Fact]
    public void Evaluate_ProgressMovesBackwards_IsNoProgress_TheStallStillCountsFromTheHighestMark()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var since = Now;
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, since) };
        time.Advance(Window / 2);

        var backwards = rules.Evaluate(task, Read(progress: 35), Now, refresh: false);
        time.Advance(Window / 2);
        var later = rules.Evaluate(task with { Watch = backwards.Watch ?? task.Watch }, Read(progress: 40), Now, refresh: false);

        backwards.Alert.ShouldBeNull();
        (backwards.Watch ?? task.Watch).ShouldNotBeNull().ShouldSatisfyAllConditions(
            w => w.ProgressPercentage.ShouldBe(40),
            w => w.ProgressSince.ShouldBe(since));
        later.Alert.ShouldBe(new TaskAlert.Stalled(since, Window));
    }

    [Fact]
    public void Evaluate_RecordsWrittenRiseWhileThePercentageStands_IsProgress()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, Now) with { RecordsWritten = 100 } };
        time.Advance(Window);

        var decision = rules.Evaluate(task, Read(progress: 40) with { NumVerticesWritten = 60, NumEdgesWritten = 41 }, Now, refresh: false);

        decision.Alert.ShouldBeNull();
        decision.Watch.ShouldNotBeNull().ShouldSatisfyAllConditions(w => w.ProgressSince.ShouldBe(Now), w => w.RecordsWritten.ShouldBe(101));
    }

    [Fact]
    public void Evaluate_ImportStatementsRiseWhileThePercentageStands_IsProgress()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var import = Read(progress: 40) with { Kind = TaskKind.Import, Status = NeptuneTaskStatus.Importing, NumVerticesWritten = null, NumEdgesWritten = null, StatementCount = 500 };
        var task = Running(import) with { Watch = Watch(40, Now) with { RecordsWritten = 500 } };
        time.Advance(Window);

        var moved = rules.Evaluate(task, import with { StatementCount = 501 }, Now, refresh: false);
        var stood = rules.Evaluate(task, import, Now, refresh: false);

        (moved.Alert, moved.Watch?.RecordsWritten).ShouldBe((null, 501L));
        stood.Alert.ShouldBeOfType<TaskAlert.Stalled>();
    }

    // The model reports an import's dictionary entries beside its statements: either moving is progress.
    [Fact]
    public void Evaluate_ImportDictionaryEntriesRiseWhileStatementsAndPercentageStand_IsProgress()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var import = Read(progress: 40) with { Kind = TaskKind.Import, Status = NeptuneTaskStatus.Importing, NumVerticesWritten = null, NumEdgesWritten = null, StatementCount = 500, DictionaryEntryCount = 10_000 };
        var task = Running(import) with { Watch = Watch(40, Now) with { RecordsWritten = 10_500 } };
        time.Advance(Window);

        var moved = rules.Evaluate(task, import with { DictionaryEntryCount = 40_000 }, Now, refresh: false);

        (moved.Alert, moved.Watch?.RecordsWritten).ShouldBe((null, 40_500L));
    }

    // Winding down to a final status, which is notified: no progress to measure, and "cancel it" does not apply.
    [Theory]
    [InlineData("CANCELLING")]
    [InlineData("ROLLING_BACK")]
    public void Evaluate_TaskWindingDown_NeitherOverdueNorStalled(string status)
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour, StalledAfter: Window));
        var read = Read(progress: 40, elapsedSeconds: 7200) with { Status = new NeptuneTaskStatus(status) };
        var task = Running(read) with { Watch = Watch(40, Now) };
        time.Advance(Window * 2);

        rules.Evaluate(task, read, Now, refresh: false).ShouldBe(AlertDecision.Nothing);
        rules.NeedsDetailRead(task, Now).ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_ProgressMovesAgainAndStopsAgain_AlertsOncePerStall()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, Now) };
        time.Advance(Window);
        var first = rules.Evaluate(task, Read(progress: 40), Now, refresh: false);
        task = task with { Watch = first.Watch };
        time.Advance(Window);
        var stillStalled = rules.Evaluate(task, Read(progress: 40), Now, refresh: false);

        var moved = rules.Evaluate(task, Read(progress: 41), Now, refresh: false);
        task = task with { Watch = moved.Watch };
        var restarted = Now;
        time.Advance(Window);
        var second = rules.Evaluate(task, Read(progress: 41), Now, refresh: false);

        first.Alert.ShouldBeOfType<TaskAlert.Stalled>();
        stillStalled.Alert.ShouldBeNull();
        moved.Alert.ShouldBeNull();
        moved.Watch.ShouldNotBeNull().StallAlertedAt.ShouldBeNull();
        second.Alert.ShouldBe(new TaskAlert.Stalled(restarted, Window));
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("FAILED")]
    [InlineData("CANCELLING")]
    public void Evaluate_ReadThatChangedOrEndedTheStatusInTheCycleItWouldAlert_AlertsNothing(string status)
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour, StalledAfter: Window));
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, Now - Window) };

        var decision = rules.Evaluate(task, Read(progress: 40, elapsedSeconds: 7200) with { Status = new NeptuneTaskStatus(status) }, Now, refresh: true);

        decision.ShouldBe(AlertDecision.Nothing);
    }

    [Fact]
    public void AfterTransition_NewStatus_StartsTheMarksAfreshAndKeepsTheOverdueClaim()
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour, StalledAfter: Window));
        var overdueAt = Now - Hour;
        var task = Running(Read(progress: 90)) with { Watch = Watch(90, Now - Hour) with { OverdueAlertedAt = overdueAt, StallAlertedAt = Now - Window } };

        var watch = rules.AfterTransition(task, Read(progress: 5), Now).ShouldNotBeNull();

        watch.ShouldBe(new AlertWatch(5, Records, Now, Now, overdueAt, StallAlertedAt: null));
        new AlertRules(AlertOptions.Off).AfterTransition(task, Read(progress: 5), Now).ShouldBeNull();
    }

    [Fact]
    public void Evaluate_FirstLookWithoutWatch_StartsTheStallClockNow()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));

        var decision = rules.Evaluate(Running(Read(progress: 40)), Read(progress: 40), Now, refresh: false);

        decision.Alert.ShouldBeNull();
        decision.Watch.ShouldBe(new AlertWatch(40, Records, Now, Now, null, null));
    }

    [Fact]
    public void Evaluate_NothingMovedAndNoRefresh_WritesNothing()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, Now) };
        time.Advance(Window / 2);

        rules.Evaluate(task, Read(progress: 40), Now, refresh: false).ShouldBe(AlertDecision.Nothing);
        rules.Evaluate(task, Read(progress: 40), Now, refresh: true).Watch.ShouldNotBeNull().CheckedAt.ShouldBe(Now);
    }

    [Fact]
    public void NeedsDetailRead_QuarterOfTheStallWindow_IsTheLongestGapBetweenDetailedReads()
    {
        var rules = new AlertRules(new AlertOptions(StalledAfter: Window));
        var task = Running(Read(progress: 40)) with { Watch = Watch(40, Now) };

        time.Advance(Window / 4 - TimeSpan.FromTicks(1));
        var before = rules.NeedsDetailRead(task, Now);
        time.Advance(TimeSpan.FromTicks(1));
        var at = rules.NeedsDetailRead(task, Now);

        before.ShouldBeFalse();
        at.ShouldBeTrue();
        rules.NeedsDetailRead(task with { Watch = null }, Now).ShouldBeTrue("a task never looked at is read");
        new AlertRules(AlertOptions.Off).NeedsDetailRead(task, Now).ShouldBeFalse();
        rules.NeedsDetailRead(task with { Snapshot = Read() with { Status = NeptuneTaskStatus.Succeeded } }, Now).ShouldBeFalse("a terminal task is not read");
    }

    [Fact]
    public void NeedsDetailRead_OverdueByTheStoredStartAndNotYetAlerted_AsksForARead()
    {
        var rules = new AlertRules(new AlertOptions(OverdueAfter: Hour));
        var task = Running(Read(startTime: Now - Hour + TimeSpan.FromMinutes(1))) with { Watch = Watch(40, Now) };

        var early = rules.NeedsDetailRead(task, Now);
        time.Advance(TimeSpan.FromMinutes(1));
        var due = rules.NeedsDetailRead(task, Now);
        var alerted = rules.NeedsDetailRead(task with { Watch = Watch(40, Now) with { OverdueAlertedAt = Now } }, Now);

        (early, due, alerted).ShouldBe((false, true, false));
    }

    private TrackedTask Running(TaskSnapshot snapshot) =>
        new(snapshot.TaskId, TestData.GraphId, Version: 3, snapshot, TrackedAt: TestData.Start - TimeSpan.FromHours(2), ChangedAt: null, Pending: null, ExpiresAt: null);

    // The vertices and edges TestData's snapshot reports as written.
    private const long Records = 1_234_567 + 7_654_321;

    private static AlertWatch Watch(int progress, DateTimeOffset since) => new(progress, Records, since, since, null, null);

    private TaskSnapshot Read(int progress = 40, long? elapsedSeconds = 60, DateTimeOffset? startTime = null, bool withoutStart = false) =>
        TestData.Snapshot("t-alerts0001", NeptuneTaskStatus.Exporting) with
        {
            ProgressPercentage = progress,
            TimeElapsedSeconds = elapsedSeconds,
            StartTime = withoutStart ? null : startTime ?? Now - TimeSpan.FromSeconds(elapsedSeconds ?? 0),
        };
}
