namespace NeptuneNotifier.Tests.Core;

// Import tasks: the kind of a task tracked without one is found out by reading it (GetExportTask, then GetImportTask
// on not-found) and remembered; imports are polled with GetImportTask and listed with the account's one import listing.
public sealed partial class PollCycleTests
{
    [Fact]
    public async Task ReadAsync_KindUnknownAndAnExport_ReadsOnlyGetExportTask()
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, NeptuneTaskStatus.Exporting);

        var snapshot = await TaskReads.ReadAsync(source, taskId, kind: null, Token);

        snapshot.Kind.ShouldBe(TaskKind.Export);
        source.ImportCalls.ShouldBeEmpty();
    }

    // An unknown kind costs a GetExportTask that finds nothing first; a known import is read with GetImportTask alone.
    [Theory]
    [InlineData(null, 1)]
    [InlineData(TaskKind.Import, 0)]
    public async Task ReadAsync_Import_ReadsGetImportTaskAfterGetExportTaskOnlyWhenTheKindIsUnknown(TaskKind? kind, int exportReads)
    {
        var taskId = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.AnalyzingData));

        var snapshot = await TaskReads.ReadAsync(source, taskId, kind, Token);

        (snapshot.Kind, snapshot.Status).ShouldBe((TaskKind.Import, NeptuneTaskStatus.AnalyzingData));
        source.Calls.ShouldBe(Enumerable.Repeat(taskId, exportReads));
        source.ImportCalls.ShouldBe([taskId]);
    }

    [Fact]
    public async Task ReadAsync_KindUnknownAndNeither_ThrowsNotFoundAfterAskingForBoth()
    {
        var taskId = TestData.NewTaskId();

        await Should.ThrowAsync<TaskNotFoundException>(() => TaskReads.ReadAsync(source, taskId, kind: null, Token));

        (source.Calls.Count, source.ImportCalls.Count).ShouldBe((1, 1));
    }

    [Fact]
    public async Task ReadAsync_KindUnknownAndTheExportReadThrottled_ThrowsWithoutAskingForAnImport()
    {
        var taskId = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Importing));
        source.Fail(taskId, new TimeoutException("throttled"));

        await Should.ThrowAsync<TimeoutException>(() => TaskReads.ReadAsync(source, taskId, kind: null, Token));

        source.ImportCalls.ShouldBeEmpty("a failed first read says nothing about the kind");
    }

    [Fact]
    public async Task RunAsync_ImportTrackedWithoutKind_NotifiedAsAnImportThenPolledWithGetImportTaskOnly()
    {
        var taskId = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Importing));
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);

        var first = await Cycle().RunAsync(Token);
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Failed) with { StatusReason = "Malformed CSV header in s3://imports-bucket/graph/v.csv", ErrorCount = 3 });
        var second = await Cycle().RunAsync(Token);

        (first.Published, second.Published).ShouldBe((1, 1));
        channel.Published.Select(n => n.Identity.Kind).ShouldBe([TaskKind.Import, TaskKind.Import]);
        channel.Published[^1].EmailText.ShouldContain("Errors: 3");
        source.Calls.ShouldBe([taskId], "only the first read asked for an export");
        source.ImportCalls.Count.ShouldBe(2);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().KnownKind.ShouldBe(TaskKind.Import);
    }

    [Fact]
    public async Task RunAsync_ImportTrackedWithItsKind_NeverAskedForAsAnExport()
    {
        var taskId = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Importing));
        await store.TrackAsync([new TaskToTrack(taskId, Kind: TaskKind.Import)], time.GetUtcNow(), Token);

        await Cycle().RunAsync(Token);

        source.Calls.ShouldBeEmpty();
        source.ImportCalls.ShouldBe([taskId]);
    }

    [Fact]
    public async Task RunAsync_KindUnknownAndNeither_NotifiedOnceAsGoneSayingBothWereAsked()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);

        var first = await Cycle().RunAsync(Token);
        var second = await Cycle().RunAsync(Token);

        (first.Published, second.Published, second.Checked).ShouldBe((1, 0, 0));
        var gone = channel.Published.ShouldHaveSingleItem();
        gone.Identity.Status.ShouldBe(NeptuneTaskStatus.Gone);
        gone.EmailText.ShouldContain("neither an export task nor an import task");
    }

    [Fact]
    public async Task RunAsync_KindUnknownAndTheFirstReadThrottled_NotGoneAndFoundAsAnImportNextCycle()
    {
        var taskId = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Importing));
        source.Fail(taskId, new TimeoutException("throttled"));
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);

        var first = await Cycle().RunAsync(Token);
        source.Set(TestData.ImportSnapshot(taskId, NeptuneTaskStatus.Importing));
        var second = await Cycle().RunAsync(Token);

        (first.Failed, first.Published).ShouldBe((1, 0));
        source.ImportCalls.ShouldBe([taskId], "the throttled cycle never asked for an import");
        second.Published.ShouldBe(1);
        channel.Published.ShouldHaveSingleItem().Identity.Status.ShouldBe(NeptuneTaskStatus.Importing);
    }

    [Fact]
    public async Task RunAsync_ImportsOfTwoGraphsListed_OneImportListingConfirmsBothAndChangesAreRead()
    {
        var (quiet, moved) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.Set(TestData.ImportSnapshot(quiet, NeptuneTaskStatus.Importing));
        source.Set(TestData.ImportSnapshot(moved, NeptuneTaskStatus.Importing, graphId: "g-othergraph"));
        await store.TrackAsync([new TaskToTrack(quiet, TestData.GraphId, TaskKind.Import), new TaskToTrack(moved, "g-othergraph", TaskKind.Import)], time.GetUtcNow(), Token);
        await Cycle(Listing with { Strategy = PollStrategy.Get }).RunAsync(Token);
        source.Set(TestData.ImportSnapshot(moved, NeptuneTaskStatus.Succeeded, graphId: "g-othergraph"));
        var reads = source.ImportCalls.Count;

        var summary = await Cycle(Listing).RunAsync(Token);

        source.ImportListCalls.ShouldBe([null], "one walk of the account's imports serves both graphs");
        source.ListCalls.ShouldBeEmpty();
        (summary.Confirmed, summary.Checked, summary.Published).ShouldBe((1, 1, 1));
        source.ImportCalls.Skip(reads).ShouldBe([moved]);
    }

    [Fact]
    public async Task RunAsync_GraphConfigured_FollowsItsNewImportsAndNotAnotherGraphs()
    {
        var (mine, theirs) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.Set(TestData.ImportSnapshot(mine, NeptuneTaskStatus.AnalyzingData));
        source.Set(TestData.ImportSnapshot(theirs, NeptuneTaskStatus.Importing, graphId: "g-othergraph"));

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

        summary.Discovered.ShouldBe(1);
        var followed = (await store.GetAsync(mine, Token)).ShouldNotBeNull();
        (followed.KnownKind, followed.Status).ShouldBe((TaskKind.Import, NeptuneTaskStatus.AnalyzingData));
        (await store.GetAsync(theirs, Token)).ShouldBeNull();
        source.Calls.ShouldBeEmpty("a listed import is read as an import");
    }

    [Fact]
    public async Task RunAsync_GraphFollowedForExportsBefore_PastImportsAreHistoryNotNews()
    {
        var past = TestData.NewTaskId();
        source.Set(TestData.ImportSnapshot(past, NeptuneTaskStatus.Succeeded) with { StartTime = TestData.Start.AddDays(-2), TimeElapsedSeconds = 600 });
        await store.FollowGraphAsync(TestData.GraphId, TaskKind.Export, TestData.Start.AddDays(-30), Token);

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

        (summary.Recorded, summary.Published).ShouldBe((1, 0));
        (await store.GetAsync(past, Token)).ShouldNotBeNull().KnownKind.ShouldBe(TaskKind.Import);
    }
}
