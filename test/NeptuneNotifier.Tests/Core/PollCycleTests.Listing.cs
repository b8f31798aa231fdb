namespace NeptuneNotifier.Tests.Core;

// List-then-get: a graph's listing spares the reads of the tasks it shows unchanged; every transition is still read.
public sealed partial class PollCycleTests
{
    private static readonly PollCycleOptions Listing = new() { Strategy = PollStrategy.List, Burst = Unhindered };

    [Fact]
    public async Task RunAsync_ListedStatusEqualsStored_ConfirmsWithoutGetExportTask()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Initializing, NeptuneTaskStatus.Exporting);
        var calls = source.Calls.Count;

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked, summary.ListingPages, summary.Changed).ShouldBe((3, 0, 1, 0));
        source.Calls.Count.ShouldBe(calls, "no GetExportTask for a task the listing shows unchanged");
        channel.Attempts.Count.ShouldBe(ids.Count);
    }

    [Fact]
    public async Task RunAsync_ListedStatusDiffers_OneReadAndTheNotificationCarriesTheReadsCounts()
    {
        var (changed, quiet) = ((await SeenAsync(NeptuneTaskStatus.Exporting))[0], (await SeenAsync(NeptuneTaskStatus.Exporting))[0]);
        var read = TestData.Snapshot(changed, NeptuneTaskStatus.Succeeded) with { NumVerticesWritten = 4_242, NumEdgesWritten = 8_484, ProgressPercentage = 100 };
        source.Set(read);
        var calls = source.Calls.Count;

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Checked, summary.Confirmed, summary.Published).ShouldBe((1, 1, 1));
        source.Calls.Skip(calls).ShouldBe([changed], $"{quiet} is confirmed by the listing");
        var message = channel.Published[^1];
        (message.Identity.TaskId, message.Identity.Status).ShouldBe((changed, NeptuneTaskStatus.Succeeded));
        using var machine = JsonDocument.Parse(message.MachineEvent);
        (machine.RootElement.GetProperty("numVerticesWritten").GetInt64(), machine.RootElement.GetProperty("numEdgesWritten").GetInt64()).ShouldBe((4_242, 8_484));
        (await store.GetAsync(changed, Token)).ShouldNotBeNull().Snapshot.ShouldBe(read);
    }

    [Fact]
    public async Task RunAsync_ListingSaysChangedButTheReadSaysNot_NotifiesNothing()
    {
        var taskId = (await SeenAsync(NeptuneTaskStatus.Exporting))[0];
        source.SetListedStatus(taskId, NeptuneTaskStatus.Failed);

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Checked, summary.Changed, summary.Published).ShouldBe((1, 0, 0));
        channel.Attempts.Count.ShouldBe(1, "only the first sighting");
    }

    [Fact]
    public async Task RunAsync_TaskLeftOutOfItsGraphsListing_IsRead()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.OmitFromListing(ids[1]);
        source.SetStatus(ids[1], NeptuneTaskStatus.Cancelled);

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked, summary.Published).ShouldBe((1, 1, 1));
        channel.Published[^1].Identity.ShouldSatisfyAllConditions(i => i.TaskId.ShouldBe(ids[1]), i => i.Status.ShouldBe(NeptuneTaskStatus.Cancelled));
    }

    [Fact]
    public async Task RunAsync_LaggingListing_TheReadCatchesTheTruthAndAStaleEqualStatusWaitsForTheListing()
    {
        var (behind, caughtUp) = ((await SeenAsync(NeptuneTaskStatus.Initializing))[0], (await SeenAsync(NeptuneTaskStatus.Exporting))[0]);
        source.SetStatus(behind, NeptuneTaskStatus.Succeeded);
        source.SetListedStatus(behind, NeptuneTaskStatus.Exporting); // the listing is one status behind the service
        source.SetStatus(caughtUp, NeptuneTaskStatus.Succeeded);
        source.SetListedStatus(caughtUp, NeptuneTaskStatus.Exporting); // still listed as stored

        var first = await Cycle(Listing).RunAsync(Token);
        source.ClearListedStatus(caughtUp);
        var second = await Cycle(Listing).RunAsync(Token);

        channel.Published.Skip(2).Select(m => (m.Identity.TaskId, m.Identity.Status.Value)).ShouldBe([(behind, "SUCCEEDED"), (caughtUp, "SUCCEEDED")]);
        (first.Published, first.Confirmed, second.Published).ShouldBe((1, 1, 1));
        channel.Published.Count(m => m.Identity.TaskId == behind && m.Identity.Status.Value == "EXPORTING").ShouldBe(0, "the listing's status is never notified");
    }

    [Fact]
    public async Task RunAsync_EntryNamingAnotherGraph_ReadsThatTask()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, ids[0]);
        source.AddListingEntry(TestData.GraphId, new ListedTask(ids[1], NeptuneTaskStatus.Exporting, "g-otherother"));

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked).ShouldBe((1, 1));
        source.Calls[^1].ShouldBe(ids[1]);
    }

    [Theory]
    [InlineData("FAILED", "EXPORTING")]
    [InlineData("EXPORTING", "FAILED")]
    public async Task RunAsync_TaskListedTwiceWithDifferentStatuses_IsReadAndNotNotifiedFromTheListing(string first, string second)
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, ids[1]);
        source.AddListingEntry(TestData.GraphId, new ListedTask(ids[0], new NeptuneTaskStatus(first), TestData.GraphId));
        source.AddListingEntry(TestData.GraphId, new ListedTask(ids[0], new NeptuneTaskStatus(second), TestData.GraphId));

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked, summary.Changed).ShouldBe((1, 1, 0));
        source.Calls[^1].ShouldBe(ids[0]);
    }

    [Fact]
    public async Task RunAsync_UnknownListedStatus_IsReadEvenWhenStoredAlike()
    {
        var future = new NeptuneTaskStatus("SOME_FUTURE_STATUS");
        var taskId = (await SeenAsync(future))[0];
        var calls = source.Calls.Count;

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked, summary.Changed).ShouldBe((0, 1, 0));
        source.Calls.Skip(calls).ShouldBe([taskId]);
    }

    [Fact]
    public async Task RunAsync_PageFailsMidway_ConfirmsWhatTheReadPagesShowAndReadsTheRest()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.PageSize = 1;
        source.FailListing(TestData.GraphId, new HttpRequestException("InternalServerException"), page: 1);
        var calls = source.Calls.Count;

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.Confirmed, summary.Checked, summary.ListingPages, summary.Failed).ShouldBe((1, 2, 2, 1));
        source.Calls.Skip(calls).Order().ShouldBe(ids.Order().Skip(1), "the first page, which holds the lowest id, was read");
        (await store.LoadActiveAsync(Token)).ListingPages.ShouldNotContainKey(TestData.GraphId, "an incomplete listing counts no pages");
    }

    [Fact]
    public async Task RunAsync_ListingFailsButReadsWork_ReadsEveryTaskOfTheGraphSoNothingIsLost()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.FailListing(TestData.GraphId, new UnauthorizedAccessException("AccessDeniedException: not authorized to perform neptune-graph:ListExportTasks"));
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Succeeded);
        }

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.ListingPages, summary.Failed, summary.Checked, summary.Published).ShouldBe((1, 1, 3, 3));
    }

    [Fact]
    public async Task RunAsync_ListingAndThenAReadOfTheGraphFail_LeavesItsOtherTasksForNextCycleWithoutCalls()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        var throttled = new HttpRequestException("ThrottlingException: Rate exceeded", null, System.Net.HttpStatusCode.TooManyRequests);
        source.FailListing(TestData.GraphId, throttled);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Succeeded);
            source.Fail(id, throttled);
        }

        var calls = source.Calls.Count;
        var first = await Cycle(Listing with { MaxConcurrency = 1 }).RunAsync(Token);
        var callsInFirst = source.Calls.Count - calls;
        source.RestoreListing(TestData.GraphId);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Succeeded);
        }

        var second = await Cycle(Listing).RunAsync(Token);

        callsInFirst.ShouldBe(1, "one read tells that reads fail too; the others are not amplified into the throttling");
        (first.Failed, first.Published).ShouldBe((1 + ids.Count, 0));
        (second.Failed, second.Published).ShouldBe((0, ids.Count));
    }

    [Fact]
    public async Task RunAsync_TaskOfAnUnknownGraph_IsReadEvenWhenListingIsForced()
    {
        // Tracked without its graph, and read from an answer that leaves the graph out: a status, but no graph to list.
        var taskId = TestData.NewTaskId();
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { GraphId = string.Empty });
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);
        await Cycle(Listing with { Strategy = PollStrategy.Get }).RunAsync(Token);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().ShouldSatisfyAllConditions(t => t.GraphId.ShouldBeNull(), t => t.Status.ShouldBe(NeptuneTaskStatus.Exporting));

        var summary = await Cycle(Listing).RunAsync(Token);

        (summary.ListingPages, summary.Checked, summary.Confirmed).ShouldBe((0, 1, 0));
        source.ListCalls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(2, 2, false)]
    [InlineData(3, 2, true)]
    public async Task RunAsync_Auto_ListsOnlyWhenTheTasksOutnumberTheRememberedPages(int tasks, int pages, bool lists)
    {
        var ids = await SeenAsync([.. Enumerable.Repeat(NeptuneTaskStatus.Exporting, tasks)]);
        source.PageSize = (tasks + pages - 1) / pages;
        await store.SetListingPagesAsync(TestData.GraphId, pages, time.GetUtcNow().AddDays(1), Token);
        var writes = store.Writes;

        var summary = await Cycle(Listing with { Strategy = PollStrategy.Auto }).RunAsync(Token);

        (summary.ListingPages, summary.Confirmed, summary.Checked).ShouldBe(lists ? (pages, tasks, 0) : (0, 0, tasks));
        store.Writes.ShouldBe(writes, "the count did not change: nothing to write");
        ids.Count.ShouldBe(tasks);
    }

    [Fact]
    public async Task RunAsync_NoRememberedCount_ListsOnceAndTheCountDecidesTheNextCycle()
    {
        await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        source.PageSize = 1;
        var auto = Listing with { Strategy = PollStrategy.Auto };

        var first = await Cycle(auto).RunAsync(Token);
        var second = await Cycle(auto).RunAsync(Token);

        (first.ListingPages, first.Confirmed, first.Checked).ShouldBe((3, 3, 0), "never counted: taken to list in one page, fewer than its three tasks");
        (await store.LoadActiveAsync(Token)).ListingPages[TestData.GraphId].ShouldBe(3);
        (second.ListingPages, second.Confirmed, second.Checked).ShouldBe((0, 0, 3), "three pages for three tasks: reads");
    }

    [Fact]
    public async Task RunAsync_OneTaskAndNoRememberedCount_ReadsItWithoutListing()
    {
        await SeenAsync(NeptuneTaskStatus.Exporting);

        var summary = await Cycle(Listing with { Strategy = PollStrategy.Auto }).RunAsync(Token);

        (summary.ListingPages, summary.Checked).ShouldBe((0, 1));
    }

    [Fact]
    public async Task RunAsync_GraphFollowedAndPolled_OneListingServesDiscoveryAndStatus()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        var added = TestData.NewTaskId();
        source.SetStatus(added, NeptuneTaskStatus.Initializing);
        source.PageSize = 2;
        var listCalls = source.ListCalls.Count;

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

        source.ListCalls.Skip(listCalls).Select(c => c.GraphId).ShouldBe([TestData.GraphId, TestData.GraphId], "one walk of two pages, not one per phase");
        // Two export pages and the one page of the account's import listing, which discovery walks for the graph's imports.
        (summary.ListingPages, summary.Discovered, summary.Confirmed, summary.Published).ShouldBe((3, 1, ids.Count, 1));
        source.ImportListCalls.ShouldBe([null]);
        source.Calls[^1].ShouldBe(added);
    }

    [Fact]
    public async Task RunAsync_GetForced_ReadsEveryTaskAndListsAFollowedGraphOnlyForDiscovery()
    {
        var ids = await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        var listCalls = source.ListCalls.Count;

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered, Strategy = PollStrategy.Get }).RunAsync(Token);

        (summary.Checked, summary.Confirmed, summary.ListingPages).ShouldBe((ids.Count, 0, 2));
        source.ListCalls.Count.ShouldBe(listCalls + 1);
        source.ImportListCalls.Count.ShouldBe(1, "the graph's imports are followed too");
    }

    [Fact]
    public async Task RunAsync_ListForced_ListsEvenAGraphWhoseListingIsLongerThanItsTasks()
    {
        var taskId = (await SeenAsync(NeptuneTaskStatus.Exporting))[0];
        await store.SetListingPagesAsync(TestData.GraphId, 50, time.GetUtcNow().AddDays(1), Token);

        var auto = await Cycle(Listing with { Strategy = PollStrategy.Auto }).RunAsync(Token);
        var forced = await Cycle(Listing).RunAsync(Token);

        (auto.ListingPages, auto.Checked).ShouldBe((0, 1));
        (forced.ListingPages, forced.Checked, forced.Confirmed).ShouldBe((1, 0, 1));
        (await store.LoadActiveAsync(Token)).ListingPages[TestData.GraphId].ShouldBe(1, "the listing counted its pages again");
        source.Calls.Count(id => id == taskId).ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_DryRun_ListsButRemembersNoPageCount()
    {
        await SeenAsync(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Exporting);
        var writes = store.Writes;

        var summary = await Cycle(Listing with { DryRun = true }).RunAsync(Token);

        (summary.ListingPages, summary.Confirmed).ShouldBe((1, 2));
        store.Writes.ShouldBe(writes);
    }

    // Tracks a task per status and notifies each first sighting with per-task reads, so each has a stored status.
    private async Task<IReadOnlyList<string>> SeenAsync(params NeptuneTaskStatus[] statuses)
    {
        List<string> ids = [];
        foreach (var status in statuses)
        {
            ids.Add(await TrackAsync(status));
        }

        await Cycle(Listing with { Strategy = PollStrategy.Get }).RunAsync(Token);
        return ids;
    }
}
