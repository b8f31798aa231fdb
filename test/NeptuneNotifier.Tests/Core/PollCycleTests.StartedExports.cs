namespace NeptuneNotifier.Tests.Core;

// A CloudTrail StartExportTask record without a task id: the export is found through its graph, then notified by the next cycle.
public sealed partial class PollCycleTests
{
    // CloudTrail's eventTime: when the StartExportTask call completed. The event is handled a few minutes later.
    private static readonly DateTimeOffset CalledAt = TestData.Start.AddMinutes(-3);

    [Fact]
    public async Task TrackStartedExport_RunningTaskTheTableDoesNotHold_IsTrackedAndNotifiedByTheNextCycle()
    {
        var started = TestData.NewTaskId();
        source.Set(TestData.Snapshot(started, NeptuneTaskStatus.Initializing) with { StartTime = CalledAt, TimeElapsedSeconds = 180 });
        source.SetGraph(TestData.GraphId, started);

        var result = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);
        var cycle = await Cycle().RunAsync(Token);

        result.Tracked.ShouldBe([started]);
        (result.Listed, result.Recorded).ShouldBe((1, 0));
        source.Calls.ShouldBe([started], "listed as running, it is tracked without a read; the cycle reads it once");
        (cycle.Checked, cycle.Published).ShouldBe((1, 1));
        channel.Published.ShouldHaveSingleItem().Identity.Status.Value.ShouldBe("INITIALIZING");
    }

    [Fact]
    public async Task TrackStartedExport_TaskAlreadyTracked_IsLeftAlone()
    {
        var known = await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle().RunAsync(Token);
        source.SetGraph(TestData.GraphId, known);
        var (writes, before) = (store.Writes, await store.GetAsync(known, Token));

        var result = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);

        result.Tracked.ShouldBeEmpty();
        store.Writes.ShouldBe(writes);
        (await store.GetAsync(known, Token)).ShouldBe(before);
    }

    [Fact]
    public async Task TrackStartedExport_ExportThatFailedBeforeTheEventWasHandled_IsTrackedAndNotifiedOnceAsFailed()
    {
        var quick = TestData.NewTaskId();
        source.Set(TestData.Snapshot(quick, NeptuneTaskStatus.Failed) with { StartTime = CalledAt.AddSeconds(-2), TimeElapsedSeconds = 20, StatusReason = "Access denied to the KMS key." });
        source.SetGraph(TestData.GraphId, quick);

        var result = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);
        var first = await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await Cycle().RunAsync(Token);

        result.Tracked.ShouldBe([quick]);
        result.Recorded.ShouldBe(0);
        (first.Published, second.Checked, second.Published).ShouldBe((1, 0, 0));
        var message = channel.Published.ShouldHaveSingleItem();
        (message.Identity.TaskId, message.Identity.Status.Value).ShouldBe((quick, "FAILED"));
    }

    [Fact]
    public async Task TrackStartedExport_ExportsFinishedBeforeTheCall_AreRecordedNotTracked()
    {
        var (old, justBefore, running) = (TestData.NewTaskId(), TestData.NewTaskId(), TestData.NewTaskId());
        source.Set(TestData.Snapshot(old, NeptuneTaskStatus.Succeeded) with { StartTime = CalledAt.AddDays(-2), TimeElapsedSeconds = 600 });
        source.Set(TestData.Snapshot(justBefore, NeptuneTaskStatus.Cancelled) with { StartTime = CalledAt.AddMinutes(-30), TimeElapsedSeconds = 25 * 60 });
        source.SetStatus(running, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, old, justBefore, running);

        var result = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);
        var again = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);
        await Cycle().RunAsync(Token);

        result.Tracked.ShouldBe([running]);
        (result.Listed, result.Recorded).ShouldBe((3, 2));
        (await store.GetAsync(old, Token)).ShouldNotBeNull().IsActive.ShouldBeFalse();
        (await store.GetAsync(justBefore, Token)).ShouldNotBeNull().IsActive.ShouldBeFalse();
        (again.Tracked.Count, again.Recorded).ShouldBe((0, 0));
        source.Calls.Count(id => id == old).ShouldBe(1, "history is read once, then the table knows it");
        channel.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(running);
    }

    [Fact]
    public async Task TrackStartedExport_FinishedTaskWithoutTimes_IsTracked()
    {
        var sparse = TestData.NewTaskId();
        source.Set(TestData.Snapshot(sparse, NeptuneTaskStatus.Failed) with { StartTime = null, TimeElapsedSeconds = null });
        source.SetGraph(TestData.GraphId, sparse);

        var result = await Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token);

        result.Tracked.ShouldBe([sparse], "when in doubt, notify");
    }

    [Fact]
    public async Task TrackStartedExport_NewlyListedTaskUnreadable_TracksTheOthersAndFailsNamingThem()
    {
        var (unreadable, running) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.SetStatus(unreadable, NeptuneTaskStatus.Failed);
        source.Fail(unreadable, new TimeoutException("GetExportTask timed out"));
        source.SetStatus(running, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, unreadable, running);

        var failure = await Should.ThrowAsync<ExportDiscoveryException>(() => Tracker().TrackAsync(TestData.GraphId, TaskKind.Export, CalledAt, Token));

        failure.Message.ShouldContain("1 newly listed export task(s) of graph " + TestData.GraphId + " could not be read");
        failure.Message.ShouldContain(running);
        (await store.GetAsync(running, Token)).ShouldNotBeNull();
        (await store.GetAsync(unreadable, Token)).ShouldBeNull();
    }

    // Which graph ids are invalid is the bad-input corpus's (graph-id cases, through TaskIds.IsGraphId).
    [Fact]
    public async Task TrackStartedExport_InvalidGraphId_ThrowsBeforeAnyCall()
    {
        await Should.ThrowAsync<ArgumentException>(() => Tracker().TrackAsync("g-ABCDE12345", TaskKind.Export, CalledAt, Token));

        source.Calls.ShouldBeEmpty();
    }

    private StartedExportTracker Tracker() => new(store, source, new PollCycleOptions(), time, NullLogger<StartedExportTracker>.Instance);
}
