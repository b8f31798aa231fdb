using Microsoft.Extensions.Logging;
using NeptuneNotifier.Tests.Clients;

namespace NeptuneNotifier.Tests.Core;

// The second half of the outbox protocol, shared by fresh transitions and takeovers: deliver, then confirm.
public sealed partial class NotificationDeliveryTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(3);

    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly InMemoryTaskStateStore store = new();
    private readonly RecordingChannel channel = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_NonTerminalStatus_DeliversAndConfirmsTheTaskStillActive()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "sns:message-1"));
        channel.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(pending.TaskId);
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        (task.Pending, task.ExpiresAt, task.IsActive).ShouldBe((null, null, true));
    }

    [Fact]
    public async Task DeliverAsync_TerminalStatus_ConfirmsWithTheExpiryAfterRetention()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Succeeded);
        time.Advance(TimeSpan.FromSeconds(7));

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        var expiresAt = TestData.Start + TimeSpan.FromSeconds(7) + Retention;
        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "sns:message-1", expiresAt));
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        (task.Pending, task.ExpiresAt, task.IsActive).ShouldBe((null, (DateTimeOffset?)expiresAt, false));
    }

    [Fact]
    public async Task DeliverAsync_ChannelRejects_GivesTheLeaseBackSoTheNotificationIsRetriedNow()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Failed);
        var rejection = new NotificationRejectedException("SNS refused the message (Throttled, HTTP 429).", new InvalidOperationException("Rate exceeded"));
        channel.FailNext = 1;
        channel.Failure = () => rejection;
        time.Advance(TimeSpan.FromSeconds(5));

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Failed, null, Failure: rejection, RetryFrom: time.GetUtcNow()));
        result.Facts(StepOutcome.Published).ShouldBe(StepOutcome.Failed);
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().LeaseUntil.ShouldBe(time.GetUtcNow());
    }

    // Times in log lines read the same everywhere: UTC, year first (the invariant culture's default is 03/01/2026).
    [Fact]
    public async Task ClaimAndDeliverAsync_ChannelFails_LogsWhenItIsRetriedInUtcYearFirst()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        channel.FailNext = 1;
        var log = new ListLogger();

        await Delivery(logger: log).ClaimAndDeliverAsync(TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Failed)), 0, "moved to FAILED", Token);

        log.Entries.Select(e => e.Message).ShouldContain($"Notifying task {taskId} (moved to FAILED) failed; the claimed notification is retried by the first cycle from 2026-03-01 12:02:00Z");
    }

    [Fact]
    public async Task DeliverAsync_OutcomeUnknown_KeepsTheLeaseUntilItRunsOut()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        channel.FailNext = 1;

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, null, (DateTimeOffset?)pending.LeaseUntil));
        result.Failure.ShouldBeOfType<HttpRequestException>();
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }

    [Fact]
    public async Task DeliverAsync_ConfirmationFails_ReportsTheDeliveryAndTheFailureAndKeepsItPending()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        var faulty = new FaultyTaskStateStore(store) { FailNextCompletes = 1 };

        var result = await Delivery(faulty).DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, "sns:message-1", (DateTimeOffset?)pending.LeaseUntil));
        result.Facts(StepOutcome.Republished).ShouldBe(StepOutcome.Republished | StepOutcome.Failed);
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }

    [Fact]
    public async Task DeliverAsync_AnotherCycleConfirmedItMeanwhile_IsConfirmed()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);
        var writes = store.Writes;

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId).ShouldBe((DeliveryStatus.Confirmed, "sns:message-1"));
        store.Writes.ShouldBe(writes + 1, "one conditional confirmation, which found nothing pending");
    }

    private NotificationDelivery Delivery(ITaskStateStore? outbox = null, ILogger? logger = null) =>
        new(TestData.Sns(channel), outbox ?? store, Retention, time, logger ?? NullLogger.Instance);

    private async Task<PendingNotification> ClaimAsync(NeptuneTaskStatus status, DeliveredChannels? delivered = null)
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        var pending = TestData.Pending(TestData.Snapshot(taskId, status)) with { Delivered = delivered ?? DeliveredChannels.None };
        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();
        return pending;
    }
}
