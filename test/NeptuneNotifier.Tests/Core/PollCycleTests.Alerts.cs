using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core;

// The alert step inside real cycles: a new PollCycle for every cycle, as a function restarted between invocations
// would build, so whatever the rules remember must come from the store.
public sealed partial class PollCycleTests
{
    private static readonly PollCycleOptions OverdueAfterHour = new() { Alerts = new AlertOptions(OverdueAfter: TimeSpan.FromHours(1)) };
    private static readonly PollCycleOptions StalledAfterMinute = new() { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromMinutes(1)) };

    [Fact]
    public async Task RunAsync_ExportPastOverdue_AlertsOnceAndNotOnTheNextCycles_StatusUnchanged()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { TimeElapsedSeconds = 600, StartTime = time.GetUtcNow().AddMinutes(-10) });
        await Cycle(OverdueAfterHour).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(55));
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { TimeElapsedSeconds = 3900, StartTime = time.GetUtcNow().AddMinutes(-65) });

        var alerted = await Cycle(OverdueAfterHour).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(5));
        var next = await Cycle(OverdueAfterHour).RunAsync(Token);

        (alerted.Alerts, alerted.Published, alerted.Changed).ShouldBe((1, 1, 0));
        (next.Alerts, next.Published).ShouldBe((0, 0));
        var alert = channel.Published.Where(n => n.Identity.NotificationKind == NotificationKind.Overdue).ShouldHaveSingleItem();
        alert.Subject.ShouldStartWith("OVERDUE, running 1h 05m 00s: ");
        alert.EmailText.ShouldContain("is overdue: it has been running for 1h 05m 00s, longer than the 60 min allowed");
        using var machine = JsonDocument.Parse(alert.MachineEvent);
        (machine.RootElement.GetProperty("kind").GetString(), machine.RootElement.GetProperty("runningForSeconds").GetInt64()).ShouldBe(("overdue", 3900L));
        var stored = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        (stored.Status, stored.Pending, stored.Version).ShouldBe((NeptuneTaskStatus.Exporting, null, 2L));
    }

    [Fact]
    public async Task RunAsync_ProgressStaysPutOverFiveCyclesAQuarterMinuteApart_AlertsStalledOnceAtTheFifth()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        var firstSeen = time.GetUtcNow();
        List<PollCycleSummary> cycles = [];
        for (var cycle = 0; cycle < 5; cycle++)
        {
            cycles.Add(await Cycle(StalledAfterMinute).RunAsync(Token));
            time.Advance(TimeSpan.FromSeconds(15));
        }

        cycles.Select(c => c.Alerts).ShouldBe([0, 0, 0, 0, 1]);
        var alert = channel.Published.Where(n => n.Identity.NotificationKind == NotificationKind.Stalled).ShouldHaveSingleItem();
        alert.Subject.ShouldStartWith("NO PROGRESS since 2026-03-01 12:00Z: ");
        alert.EmailText.ShouldContain($"has made no progress since {firstSeen:yyyy-MM-dd'T'HH:mm:ss'Z'}, for 1m 00s");
        alert.Identity.Status.ShouldBe(NeptuneTaskStatus.Exporting);
        (await Cycle(StalledAfterMinute).RunAsync(Token)).Alerts.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_ProgressMovesThenStopsAgain_AlertsAgainForTheSecondStall()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle(StalledAfterMinute).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(1));
        await Cycle(StalledAfterMinute).RunAsync(Token);
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { ProgressPercentage = 55 });
        time.Advance(TimeSpan.FromSeconds(30));
        var moved = await Cycle(StalledAfterMinute).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(1));

        var second = await Cycle(StalledAfterMinute).RunAsync(Token);

        moved.Alerts.ShouldBe(0);
        second.Alerts.ShouldBe(1);
        channel.Published.Count(n => n.Identity.NotificationKind == NotificationKind.Stalled).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_TaskFinishesInTheCycleItWouldAlert_OnlyTheTransitionIsNotified()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        var options = new PollCycleOptions { Alerts = new AlertOptions(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(1)) };
        await Cycle(options).RunAsync(Token);
        time.Advance(TimeSpan.FromHours(2));
        source.SetStatus(taskId, NeptuneTaskStatus.Failed, "The role cannot write to the bucket.");

        var summary = await Cycle(options).RunAsync(Token);

        (summary.Alerts, summary.Changed, summary.Published).ShouldBe((0, 1, 1));
        channel.Published[^1].Identity.ShouldSatisfyAllConditions(
            i => i.NotificationKind.ShouldBe(NotificationKind.Transition),
            i => i.Status.ShouldBe(NeptuneTaskStatus.Failed));
        channel.Published.ShouldAllBe(n => n.Identity.NotificationKind == NotificationKind.Transition);
    }

    [Fact]
    public async Task RunAsync_AlertsOff_SteadyCyclesWriteNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle().RunAsync(Token);
        var writes = store.Writes;
        time.Advance(TimeSpan.FromHours(3));

        var summary = await Cycle().RunAsync(Token);

        (summary.Alerts, store.Writes).ShouldBe((0, writes));
        (await store.LoadActiveAsync(Token)).Tasks.ShouldAllBe(t => t.Watch == null);
    }

    [Fact]
    public async Task RunAsync_StallWindowOfAnHourAndCyclesEveryFiveMinutes_RefreshesTheWatchOnlyEveryQuarterHour()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        var options = new PollCycleOptions { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromHours(1)) };
        await Cycle(options).RunAsync(Token);
        var checkedAt = new List<DateTimeOffset>();
        for (var cycle = 0; cycle < 6; cycle++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await Cycle(options).RunAsync(Token);
            checkedAt.Add((await store.GetAsync(taskId, Token))!.Watch!.CheckedAt);
        }

        checkedAt.Distinct().Count().ShouldBe(3, string.Join(", ", checkedAt));
        checkedAt[^1].ShouldBe(TestData.Start.AddMinutes(30));
    }

    [Fact]
    public async Task RunAsync_DryRun_NoticesTheAlertButNeitherPublishesNorWrites()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle(StalledAfterMinute).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(2));
        var writes = store.Writes;

        var summary = await Cycle(StalledAfterMinute with { DryRun = true }).RunAsync(Token);

        (summary.Alerts, summary.Published, store.Writes).ShouldBe((1, 0, writes));
    }

    [Fact]
    public async Task RunAsync_ListingShowsTheTaskUnchanged_ReadsItEveryQuarterOfTheStallWindowAndStillAlertsTheStall()
    {
        var taskId = (await SeenAsync(NeptuneTaskStatus.Exporting))[0];
        var options = Listing with { Alerts = new AlertOptions(StalledAfter: TimeSpan.FromHours(1)) };
        var calls = source.Calls.Count;
        List<PollCycleSummary> cycles = [];
        for (var cycle = 0; cycle < 14; cycle++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            cycles.Add(await Cycle(options).RunAsync(Token));
        }

        source.Calls.Skip(calls).ShouldBe(Enumerable.Repeat(taskId, 5), "read at 5, 20, 35, 50 and 65 minutes; confirmed by the listing otherwise");
        cycles.Sum(c => c.Confirmed).ShouldBe(9);
        cycles.Select(c => c.Alerts).ShouldBe([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        channel.Published[^1].Identity.NotificationKind.ShouldBe(NotificationKind.Stalled);
    }
}
