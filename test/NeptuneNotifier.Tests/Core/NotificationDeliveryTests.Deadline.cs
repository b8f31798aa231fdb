namespace NeptuneNotifier.Tests.Core;

// The deadline and the lease: a notification claimed or taken over is finished and confirmed within the grace after the
// deadline; no channel is started once the lease has run out, and what is left stays pending for a later cycle.
public sealed partial class NotificationDeliveryTests
{
    // Whether the deadline fires while the last channel's call is in flight or as the first one answers, recording or
    // confirming what went out must not be cancelled, or the next cycle sends it again; a second channel still gets it.
    [Theory]
    [InlineData("while the last channel is in flight", false, "sns:message-1")]
    [InlineData("while the last channel is in flight", true, "sns:message-1, eventbridge:message-1")]
    [InlineData("as the first channel answers", false, "sns:message-1")]
    [InlineData("as the first channel answers", true, "sns:message-1, eventbridge:message-1")]
    public async Task DeliverAsync_DeadlineDuringTheDelivery_FinishesItAndConfirms(string when, bool twoChannels, string sent)
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Succeeded);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        if (when == "as the first channel answers")
        {
            channel.OnPublish = (_, _) => deadline.CancelAsync();
        }
        else
        {
            (twoChannels ? bus : channel).CancelDuringPublish(deadline);
        }

        var outbox = new CancellationHonouringStore(store);

        var result = await (twoChannels ? TwoChannels(outbox) : Delivery(outbox)).DeliverAsync(pending, pending.LeaseUntil, deadline.Token);

        (result.Status, result.MessageId).ShouldBe((DeliveryStatus.Confirmed, sent));
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        (task.Pending, task.IsActive).ShouldBe((null, false));
        channel.Published.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task DeliverAsync_PublishOutlastsTheGrace_IsInterruptedAndKeepsTheLease()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        channel.OnPublish = async (_, token) =>
        {
            await deadline.CancelAsync();
            time.Advance(NotificationDelivery.FinishGrace - TimeSpan.FromMilliseconds(1));
            token.IsCancellationRequested.ShouldBeFalse("the grace has not run out yet");
            time.Advance(TimeSpan.FromMilliseconds(1));
            token.ThrowIfCancellationRequested();
        };

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, deadline.Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Interrupted, null));
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }

    // The read answered as the deadline fired: the task in hand is claimed and notified, not left for the next cycle.
    [Fact]
    public async Task ClaimAndDeliverAsync_DeadlineAlreadyFired_ClaimsDeliversAndConfirms()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await deadline.CancelAsync();

        var outcome = await Delivery(new CancellationHonouringStore(store))
            .ClaimAndDeliverAsync(TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded)), 0, "moved to SUCCEEDED", deadline.Token);

        outcome.ShouldBe(StepOutcome.Published);
        channel.Published.ShouldHaveSingleItem();
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    // Another cycle may take the notification over once the lease has run out: starting the bus then could send it twice.
    [Fact]
    public async Task DeliverAsync_LeaseRunsOutDuringTheFirstChannel_RecordsItAndLeavesTheSecondToTheTakeover()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        channel.OnPublish = (_, _) =>
        {
            time.Advance(pending.LeaseUntil - time.GetUtcNow());
            return Task.CompletedTask;
        };

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, "sns:message-1", (DateTimeOffset?)pending.LeaseUntil));
        result.Failure.ShouldBeOfType<TimeoutException>().Message.ShouldBe(
            $"The lease on notification {pending.NotificationId} ran out at {pending.LeaseUntil:u} before channel eventbridge was tried; the cycle that takes it over delivers it.");
        bus.Attempts.ShouldBeEmpty();
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending
            .ShouldBe(pending with { Delivered = DeliveredChannels.None.With(DeliveryChannel.Sns, "message-1") });
    }

    // As the real stores do (the SDK does not send a request on a cancelled token); the in-memory store ignores tokens.
    private sealed class CancellationHonouringStore(ITaskStateStore inner) : DelegatingTaskStateStore(inner)
    {
        public override Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return base.TryClaimAsync(notification, expectedVersion, cancellationToken);
        }

        public override Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return base.TryRecordDeliveryAsync(pending, channel, deliveryId, cancellationToken);
        }

        public override Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return base.CompleteAsync(taskId, notificationId, completion, cancellationToken);
        }
    }
}
