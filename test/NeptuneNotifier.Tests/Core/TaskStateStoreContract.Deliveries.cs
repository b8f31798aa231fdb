namespace NeptuneNotifier.Tests.Core;

// The per-channel half of the outbox: a channel's confirmed delivery recorded on the pending notification,
// conditionally on its id, without touching the other channels or the lease.
public abstract partial class TaskStateStoreContract
{
    [Fact]
    public async Task TryRecordDeliveryAsync_PendingNotification_RecordsTheChannelAndKeepsTheRest()
    {
        var (store, pending) = await ClaimedAsync();

        (await store.TryRecordDeliveryAsync(pending, "sns", "m-1", Token)).ShouldBeTrue();

        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        task.Pending.ShouldBe(pending with { Delivered = DeliveredChannels.None.With("sns", "m-1") });
        (task.Version, task.Snapshot, task.IsActive).ShouldBe((pending.Version, pending.Snapshot, true));
        (await store.LoadActiveAsync(Token)).Tasks.Single(t => t.TaskId == pending.TaskId).Pending.ShouldBe(task.Pending);
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_SecondChannel_AddsToTheFirst()
    {
        var (store, pending) = await ClaimedAsync();
        await store.TryRecordDeliveryAsync(pending, "sns", "m-1", Token);

        (await store.TryRecordDeliveryAsync(pending, "eventbridge", "e-1", Token)).ShouldBeTrue();
        (await store.TryRecordDeliveryAsync(pending, "sns", "m-2", Token)).ShouldBeTrue();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().Delivered
            .ShouldBe(DeliveredChannels.None.With("eventbridge", "e-1").With("sns", "m-2"));
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_TwoChannelsRacing_BothAreRecorded()
    {
        var (store, pending) = await ClaimedAsync();
        string[] channels = ["sns", "eventbridge", "local"];

        var results = await Task.WhenAll(channels.Select(channel =>
            Task.Run(() => store.TryRecordDeliveryAsync(pending, channel, $"{channel}-id", Token), Token)));

        results.ShouldAllBe(recorded => recorded);
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().Delivered
            .ShouldBe(channels.Aggregate(DeliveredChannels.None, (all, channel) => all.With(channel, $"{channel}-id")));
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_OtherNotificationId_ReturnsFalseAndRecordsNothing()
    {
        var (store, pending) = await ClaimedAsync();

        (await store.TryRecordDeliveryAsync(pending with { NotificationId = "someone-else" }, "sns", "m-1", Token)).ShouldBeFalse();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }

    [Fact]
    public async Task TryRecordDeliveryAsync_CompletedOrUnknownTask_ReturnsFalse()
    {
        var (store, pending) = await ClaimedAsync();
        await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);

        (await store.TryRecordDeliveryAsync(pending, "sns", "m-1", Token)).ShouldBeFalse();
        (await store.TryRecordDeliveryAsync(pending with { Snapshot = pending.Snapshot with { TaskId = TestData.NewTaskId() } }, "sns", "m-1", Token)).ShouldBeFalse();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    [Fact]
    public async Task TryRenewLeaseAsync_AfterADelivery_MovesTheLeaseKeepsTheDeliveryAndReturnsIt()
    {
        var (store, pending) = await ClaimedAsync();
        await store.TryRecordDeliveryAsync(pending, "eventbridge", "e-1", Token);
        var newLease = pending.LeaseUntil.AddMinutes(5);
        var expected = pending with { LeaseUntil = newLease, Delivered = DeliveredChannels.None.With("eventbridge", "e-1") };

        // The caller's copy (pending) has no delivery: the answer is the store's.
        (await store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, newLease, Token)).ShouldBe(expected);

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(expected);
    }

    [Fact]
    public async Task TryClaimAsync_AfterACompletedNotificationWithDeliveries_StartsWithNone()
    {
        var (store, pending) = await ClaimedAsync();
        await store.TryRecordDeliveryAsync(pending, "sns", "m-1", Token);
        await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);
        var next = TestData.Pending(TestData.Snapshot(pending.TaskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2) with { NotificationId = "second" };

        (await store.TryClaimAsync(next, 1, Token)).ShouldBeTrue();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(next);
    }

}
