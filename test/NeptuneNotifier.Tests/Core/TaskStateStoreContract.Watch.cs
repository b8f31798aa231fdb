using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core;

// The alert watch half of the contract: stored with the claim, saved alone conditionally, absent until written.
public abstract partial class TaskStateStoreContract
{
    private static readonly AlertWatch SomeWatch = new(40, 8_888_888, TestData.Start, TestData.Start.AddMinutes(5), OverdueAlertedAt: null, StallAlertedAt: null);

    [Fact]
    public async Task TryClaimAsync_AlertWithWatch_StoresTheAlertAndTheWatchAndKeepsTheStatus()
    {
        var (store, first) = await ClaimedAsync();
        var taskId = first.TaskId;
        await store.CompleteAsync(taskId, first.NotificationId, new TaskCompletion.StillActive(), Token);
        var alert = new PendingNotification("n-alert", NeptuneTaskStatus.Exporting, first.Snapshot with { ProgressPercentage = 41 }, 2, TestData.Start.AddHours(2), TestData.Start.AddHours(2).AddMinutes(2))
        {
            Alert = new TaskAlert.Overdue(TimeSpan.FromSeconds(7200), TimeSpan.FromHours(1)),
            Watch = SomeWatch with { OverdueAlertedAt = TestData.Start.AddHours(2) },
        };

        (await store.TryClaimAsync(alert, 1, Token)).ShouldBeTrue();

        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        (task.Status, task.Version).ShouldBe((NeptuneTaskStatus.Exporting, 2L));
        task.Pending.ShouldBe(alert with { Watch = null });
        task.Watch.ShouldBe(alert.Watch);
        (await store.TryRenewLeaseAsync(taskId, "n-alert", alert.LeaseUntil, alert.LeaseUntil.AddMinutes(1), Token)).ShouldNotBeNull();
        (await store.GetAsync(taskId, Token))!.Pending!.Alert.ShouldBe(alert.Alert);
        (await store.CompleteAsync(taskId, "n-alert", new TaskCompletion.StillActive(), Token)).ShouldBeTrue();
        var completed = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        (completed.Pending, completed.Watch, completed.IsActive).ShouldBe((null, alert.Watch, true));
    }

    [Fact]
    public async Task TrySaveWatchAsync_ExpectedVersionAndNothingPending_StoresItAloneElseRefuses()
    {
        var (store, pending) = await ClaimedAsync();
        var (taskId, snapshot) = (pending.TaskId, pending.Snapshot);

        var whilePending = await store.TrySaveWatchAsync(taskId, 1, SomeWatch, Token);
        await store.CompleteAsync(taskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);
        var stale = await store.TrySaveWatchAsync(taskId, 0, SomeWatch, Token);
        var fresh = (await store.GetAsync(taskId, Token))!.Watch;
        var saved = await store.TrySaveWatchAsync(taskId, 1, SomeWatch, Token);
        var missing = await store.TrySaveWatchAsync(TestData.NewTaskId(), 0, SomeWatch, Token);

        (whilePending, stale, saved, missing).ShouldBe((false, false, true, false));
        fresh.ShouldBeNull();
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        (task.Watch, task.Version, task.Snapshot, task.Pending).ShouldBe((SomeWatch, 1L, snapshot, null));
        (await store.LoadActiveAsync(Token)).Tasks.Single(t => t.TaskId == taskId).Watch.ShouldBe(SomeWatch);
    }

    [Fact]
    public async Task TryClaimAsync_TransitionWithoutWatch_LeavesNoWatchBehind()
    {
        var (store, taskId) = await TrackedAsync();
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting)) with { Watch = SomeWatch };
        await store.TryClaimAsync(pending, 0, Token);
        await store.CompleteAsync(taskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);

        var next = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2) with { NotificationId = "n-next" };
        (await store.TryClaimAsync(next, 1, Token)).ShouldBeTrue();

        (await store.GetAsync(taskId, Token))!.Watch.ShouldBeNull();
    }
}
