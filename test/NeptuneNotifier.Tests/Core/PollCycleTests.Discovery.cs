namespace NeptuneNotifier.Tests.Core;

// Graph discovery: the export tasks of the configured graphs are followed when news, recorded when history.
public sealed partial class PollCycleTests
{
    [Fact]
    public async Task RunAsync_GraphConfigured_FollowsNewExportTasksOnceAndWritesNothingWhenNothingIsNew()
    {
        var known = await TrackAsync(NeptuneTaskStatus.Exporting);
        var (added, finished) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.SetStatus(added, NeptuneTaskStatus.Initializing);
        source.SetStatus(finished, NeptuneTaskStatus.Succeeded);
        source.SetGraph(TestData.GraphId, known, added, finished, "not-a-task-id");
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered };

        var first = await Cycle(options).RunAsync(Token);
        var writes = store.Writes;
        var second = await Cycle(options).RunAsync(Token);

        first.Discovered.ShouldBe(2);
        first.Published.ShouldBe(3);
        (await store.GetAsync(added, Token)).ShouldNotBeNull().GraphId.ShouldBe(TestData.GraphId);
        second.Discovered.ShouldBe(0);
        second.Published.ShouldBe(0);
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_GraphFollowedForTheFirstTime_RecordsExportsFinishedBeforeWithoutNotifying()
    {
        var (old, running) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.Set(TestData.Snapshot(old, NeptuneTaskStatus.Succeeded) with { StartTime = TestData.Start.AddDays(-3), TimeElapsedSeconds = 600 });
        source.SetStatus(running, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, old, running);
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered };

        var first = await Cycle(options).RunAsync(Token);
        var writes = store.Writes;
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await Cycle(options).RunAsync(Token);

        (first.Recorded, first.Discovered, first.Published).ShouldBe((1, 1, 1));
        channel.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(running);
        var recorded = (await store.GetAsync(old, Token)).ShouldNotBeNull();
        (recorded.Status, recorded.IsActive, recorded.ExpiresAt).ShouldBe((NeptuneTaskStatus.Succeeded, false, (DateTimeOffset?)TestData.Start.AddDays(14)));
        (second.Recorded, second.Discovered, second.Published).ShouldBe((0, 0, 0));
        source.Calls.Count(id => id == old).ShouldBe(1);
        source.Calls.Count(id => id == running).ShouldBe(1, "listed as running, it is followed without a read of its own, read once for its first sighting, then confirmed by the listing");
        source.ListCalls.Count.ShouldBe(2, "one listing per cycle serves discovery and the poll");
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_ListingReportsAnUnknownStatus_ReadsTheTaskBeforeFollowingIt()
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, new NeptuneTaskStatus("SOME_FUTURE_STATUS"));
        source.SetGraph(TestData.GraphId, taskId);

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

        (summary.Discovered, summary.Published).ShouldBe((1, 1));
        source.Calls.Count(id => id == taskId).ShouldBe(2, "one read to tell news from history, one poll");
    }

    [Fact]
    public async Task RunAsync_ExportStartedAndFailedBetweenTwoCycles_IsNotified()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered };
        await Cycle(options).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(5));
        var quick = TestData.NewTaskId();
        source.Set(TestData.Snapshot(quick, NeptuneTaskStatus.Failed) with { StartTime = time.GetUtcNow().AddMinutes(-4), TimeElapsedSeconds = 20, StatusReason = "Access denied." });
        source.SetGraph(TestData.GraphId, quick);

        var summary = await Cycle(options).RunAsync(Token);

        (summary.Discovered, summary.Recorded, summary.Published).ShouldBe((1, 0, 1));
        var message = channel.Published.ShouldHaveSingleItem();
        (message.Identity.TaskId, message.Identity.Status.Value).ShouldBe((quick, "FAILED"));
    }

    [Fact]
    public async Task RunAsync_ListedAgainAfterItsRecordExpired_IsRecordedNotNotifiedTwice()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered };
        await Cycle(options).RunAsync(Token);
        var expired = TestData.NewTaskId();
        source.Set(TestData.Snapshot(expired, NeptuneTaskStatus.Succeeded) with { StartTime = TestData.Start.AddDays(1), TimeElapsedSeconds = 600 });
        source.SetGraph(TestData.GraphId, expired);

        // Notified on the day it finished, then forgotten when its record expired (the store's TTL).
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(15));
        (await Cycle(options).RunAsync(Token)).Published.ShouldBe(1);
        await store.UntrackAsync(expired, Token);
        time.Advance(new PollCycleOptions().Retention + TimeSpan.FromDays(1));
        var summary = await Cycle(options).RunAsync(Token);

        (summary.Recorded, summary.Discovered, summary.Published).ShouldBe((1, 0, 0));
        channel.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_NewlyListedFinishedTaskUnreadable_CountsAFailureAndNotifiesItNextCycle()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered };
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded);
        source.Fail(taskId, new TimeoutException("GetExportTask timed out"));
        source.SetGraph(TestData.GraphId, taskId);

        var first = await Cycle(options).RunAsync(Token);
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded); // the service answers again
        var second = await Cycle(options).RunAsync(Token);

        (first.Failed, first.Discovered, first.Published).ShouldBe((1, 0, 0));
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Status.ShouldBe(NeptuneTaskStatus.Succeeded);
        (second.Failed, second.Discovered, second.Published).ShouldBe((0, 1, 1));
    }

    [Fact]
    public async Task RunAsync_NewlyListedTaskGoneWhenRead_IsNeitherFollowedNorNotified()
    {
        var taskId = TestData.NewTaskId();
        source.SetGraph(TestData.GraphId, taskId);

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

        (summary.Failed, summary.Discovered, summary.Recorded, summary.Published).ShouldBe((0, 0, 0, 0));
        (await store.GetAsync(taskId, Token)).ShouldBeNull();
    }
}
