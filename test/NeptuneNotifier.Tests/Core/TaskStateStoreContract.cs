namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// What every <see cref="ITaskStateStore"/> must do. A store's test class derives from this and supplies a fresh, empty
/// store; every behaviour the poll cycle relies on (conditional claim, lease takeover, conditional completion, active
/// set, resume point) is checked here once for all stores.
/// </summary>
public abstract partial class TaskStateStoreContract
{
    private static readonly DateTimeOffset Now = TestData.Start;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A new store with no tasks and no resume point.</summary>
    protected abstract Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken);

    /// <summary>A new store tracking one new task.</summary>
    private async Task<(ITaskStateStore Store, string TaskId)> TrackedAsync()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], Now, Token);
        return (store, taskId);
    }

    /// <summary>A new store tracking one new task, with a notification of it in <paramref name="status"/> claimed from version 0.</summary>
    private async Task<(ITaskStateStore Store, PendingNotification Pending)> ClaimedAsync(NeptuneTaskStatus? status = null)
    {
        var (store, taskId) = await TrackedAsync();
        var pending = TestData.Pending(TestData.Snapshot(taskId, status ?? NeptuneTaskStatus.Exporting));
        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();
        return (store, pending);
    }

    [Fact]
    public async Task TrackAsync_NewTasks_ReturnsThemAndLoadsThemAsActive()
    {
        var store = await CreateStoreAsync(Token);
        var (a, b) = (TestData.NewTaskId(), TestData.NewTaskId());

        var tracked = await store.TrackAsync([new TaskToTrack(a, TestData.GraphId), new TaskToTrack(b)], Now, Token);

        tracked.ShouldBe([a, b], ignoreOrder: true);
        var active = await store.LoadActiveAsync(Token);
        active.Tasks.Select(t => t.TaskId).ShouldBe([a, b], ignoreOrder: true);
        active.ResumeFrom.ShouldBeNull();
        var first = active.Tasks.Single(t => t.TaskId == a);
        first.ShouldBe(new TrackedTask(a, TestData.GraphId, 0, null, Now, null, null, null));
        active.Tasks.Single(t => t.TaskId == b).GraphId.ShouldBeNull();
    }

    [Fact]
    public async Task TrackAsync_KnownTask_IsLeftAloneAndNotReturned()
    {
        var (store, pending) = await ClaimedAsync();

        var tracked = await store.TrackAsync([new TaskToTrack(pending.TaskId, TestData.GraphId)], Now.AddHours(1), Token);

        tracked.ShouldBeEmpty();
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        task.Version.ShouldBe(1);
        task.TrackedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData("t-TOOSHORT", null)]
    [InlineData("task-1", null)]
    [InlineData("t-x'; DROP TABLE tasks;--", null)]
    [InlineData("t-0123456789", "g-NOPE")]
    public async Task TrackAsync_InvalidIdentifier_ThrowsNamingItAndWritesNothing(string taskId, string? graphId)
    {
        var store = await CreateStoreAsync(Token);
        var valid = TestData.NewTaskId();

        var exception = await Should.ThrowAsync<ArgumentException>(() => store.TrackAsync([new TaskToTrack(valid), new TaskToTrack(taskId, graphId)], Now, Token));

        exception.Message.ShouldContain(graphId is null ? $"'{taskId}' is not a task id" : $"'{graphId}' is not a graph id");
        (await store.GetAsync(valid, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task FindUnknownAsync_MixOfTrackedRecordedAndUnknown_ReturnsOnlyTheUnknown()
    {
        var store = await CreateStoreAsync(Token);
        var (tracked, recorded, unknown) = (TestData.NewTaskId(), TestData.NewTaskId(), TestData.NewTaskId());
        await store.TrackAsync([new TaskToTrack(tracked)], Now, Token);
        await store.RecordFinishedAsync(TestData.Snapshot(recorded, NeptuneTaskStatus.Succeeded), Now, Now.AddDays(14), Token);

        var found = await store.FindUnknownAsync([tracked, recorded, unknown, unknown], Token);

        found.ShouldBe([unknown]);
    }

    [Fact]
    public async Task FindUnknownAsync_InvalidIdentifier_ThrowsNamingIt()
    {
        var store = await CreateStoreAsync(Token);

        var exception = await Should.ThrowAsync<ArgumentException>(() => store.FindUnknownAsync([TestData.NewTaskId(), "t-BAD"], Token));

        exception.Message.ShouldContain("'t-BAD'");
    }

    [Fact]
    public async Task TrackAsync_WithAndWithoutKind_KindIsStoredAndAnUnknownOneStaysUnknown()
    {
        var store = await CreateStoreAsync(Token);
        var (import, export, unknown) = (TestData.NewTaskId(), TestData.NewTaskId(), TestData.NewTaskId());

        await store.TrackAsync([new TaskToTrack(import, TestData.GraphId, TaskKind.Import), new TaskToTrack(export, Kind: TaskKind.Export), new TaskToTrack(unknown)], Now, Token);

        var active = (await store.LoadActiveAsync(Token)).Tasks.ToDictionary(t => t.TaskId);
        (active[import].Kind, active[export].Kind, active[unknown].Kind).ShouldBe((TaskKind.Import, TaskKind.Export, (TaskKind?)null));
        (await store.GetAsync(import, Token)).ShouldNotBeNull().KnownKind.ShouldBe(TaskKind.Import);
    }

    [Fact]
    public async Task FollowGraphAsync_ImportsAndExports_HaveTimesOfTheirOwn()
    {
        var store = await CreateStoreAsync(Token);

        var exports = await store.FollowGraphAsync(TestData.GraphId, TaskKind.Export, Now, Token);
        var imports = await store.FollowGraphAsync(TestData.GraphId, TaskKind.Import, Now.AddDays(2), Token);

        (exports, imports).ShouldBe((Now, Now.AddDays(2)));
        (await store.FollowGraphAsync(TestData.GraphId, TaskKind.Import, Now.AddDays(5), Token)).ShouldBe(Now.AddDays(2));
    }

    [Fact]
    public async Task SetListingPagesAsync_ImportListing_IsLoadedUnderItsKey()
    {
        var store = await CreateStoreAsync(Token);

        await store.SetListingPagesAsync(ListingKeys.Imports, 3, Now.AddDays(14), Token);

        (await store.LoadActiveAsync(Token)).ListingPages[ListingKeys.Imports].ShouldBe(3);
    }

    [Fact]
    public async Task RecordFinishedAsync_UnknownTask_StoresItNotifiedAndInactive()
    {
        var store = await CreateStoreAsync(Token);
        var snapshot = TestData.Snapshot(TestData.NewTaskId(), NeptuneTaskStatus.Failed) with { StatusReason = "Access denied to the bucket." };

        var recorded = await store.RecordFinishedAsync(snapshot, Now, Now.AddDays(14), Token);

        recorded.ShouldBeTrue();
        var task = (await store.GetAsync(snapshot.TaskId, Token)).ShouldNotBeNull();
        task.ShouldBe(new TrackedTask(snapshot.TaskId, TestData.GraphId, 1, snapshot, Now, Now, null, Now.AddDays(14)) { Kind = TaskKind.Export });
        task.IsActive.ShouldBeFalse();
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordFinishedAsync_KnownTask_LeavesItAlone()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], Now, Token);

        var recorded = await store.RecordFinishedAsync(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), Now.AddHours(1), Now.AddDays(14), Token);

        recorded.ShouldBeFalse();
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        (task.Version, task.Snapshot, task.IsActive).ShouldBe((0L, (TaskSnapshot?)null, true));
    }

    [Fact]
    public async Task RecordFinishedAsync_RunningTask_ThrowsAndWritesNothing()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();

        var exception = await Should.ThrowAsync<ArgumentException>(() => store.RecordFinishedAsync(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting), Now, Now.AddDays(14), Token));

        exception.Message.ShouldContain("EXPORTING");
        (await store.GetAsync(taskId, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task FollowGraphAsync_FirstAndLaterCalls_KeepTheFirstTimeAndStayOutOfTheActiveSet()
    {
        var store = await CreateStoreAsync(Token);

        var first = await store.FollowGraphAsync(TestData.GraphId, TaskKind.Export, Now, Token);
        var later = await store.FollowGraphAsync(TestData.GraphId, TaskKind.Export, Now.AddDays(3), Token);
        var other = await store.FollowGraphAsync("g-abcdefghij", TaskKind.Export, Now.AddDays(1), Token);

        (first, later, other).ShouldBe((Now, Now, Now.AddDays(1)));
        var active = await store.LoadActiveAsync(Token);
        active.Tasks.ShouldBeEmpty();
        active.ResumeFrom.ShouldBeNull();
    }

    [Fact]
    public async Task FollowGraphAsync_InvalidGraphId_ThrowsNamingIt()
    {
        var store = await CreateStoreAsync(Token);

        var exception = await Should.ThrowAsync<ArgumentException>(() => store.FollowGraphAsync("g-NOPE", TaskKind.Export, Now, Token));

        exception.Message.ShouldContain("'g-NOPE'");
    }

    [Fact]
    public async Task GetAsync_UnknownTask_ReturnsNull()
    {
        var store = await CreateStoreAsync(Token);

        (await store.GetAsync(TestData.NewTaskId(), Token)).ShouldBeNull();
    }

    [Fact]
    public async Task SetResumePointAsync_SetThenCleared_IsLoadedWithActiveTasks()
    {
        var (store, taskId) = await TrackedAsync();

        await store.SetResumePointAsync(taskId, Token);
        var withResume = await store.LoadActiveAsync(Token);
        await store.SetResumePointAsync(null, Token);
        var cleared = await store.LoadActiveAsync(Token);

        withResume.ResumeFrom.ShouldBe(taskId);
        withResume.Tasks.Select(t => t.TaskId).ShouldBe([taskId]);
        cleared.ResumeFrom.ShouldBeNull();
    }

    [Fact]
    public async Task SetListingPagesAsync_CountsOfTwoGraphs_AreLoadedWithActiveTasksAndTheLastCountWins()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], Now, Token);

        await store.SetListingPagesAsync(TestData.GraphId, 3, Now.AddDays(14), Token);
        await store.SetListingPagesAsync("g-otherother", 1, Now.AddDays(14), Token);
        await store.SetListingPagesAsync(TestData.GraphId, 7, Now.AddDays(14), Token);
        var active = await store.LoadActiveAsync(Token);

        active.ListingPages.ShouldBe(new Dictionary<string, int> { [TestData.GraphId] = 7, ["g-otherother"] = 1 }, ignoreOrder: true);
        active.Tasks.Select(t => t.TaskId).ShouldBe([taskId], "a count is not a task");
        (await store.FindUnknownAsync([taskId], Token)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("g-NOPE", 1)]
    [InlineData(TestData.GraphId, 0)]
    public async Task SetListingPagesAsync_InvalidGraphOrCount_Throws(string graphId, int pages)
    {
        var store = await CreateStoreAsync(Token);

        await Should.ThrowAsync<ArgumentException>(() => store.SetListingPagesAsync(graphId, pages, Now.AddDays(14), Token));

        (await store.LoadActiveAsync(Token)).ListingPages.ShouldBeEmpty();
    }

    [Fact]
    public async Task UntrackAsync_TrackedTask_ForgetsItAndReportsWhetherItExisted()
    {
        var (store, taskId) = await TrackedAsync();

        var first = await store.UntrackAsync(taskId, Token);
        var second = await store.UntrackAsync(taskId, Token);

        first.ShouldBeTrue();
        second.ShouldBeFalse();
        (await store.GetAsync(taskId, Token)).ShouldBeNull();
        (await store.LoadActiveAsync(Token)).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadActiveAsync_ManyTasks_ReturnsEveryActiveTask()
    {
        var store = await CreateStoreAsync(Token);
        var ids = TestData.NewTaskIds(250);
        foreach (var chunk in ids.Chunk(60))
        {
            await store.TrackAsync([.. chunk.Select(id => new TaskToTrack(id, TestData.GraphId))], Now, Token);
        }

        var active = await store.LoadActiveAsync(Token);

        active.Tasks.Select(t => t.TaskId).ShouldBe(ids, ignoreOrder: true);
    }
}
