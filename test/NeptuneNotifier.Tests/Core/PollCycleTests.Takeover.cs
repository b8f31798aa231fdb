namespace NeptuneNotifier.Tests.Core;

// The outbox takeover: a notification claimed but not confirmed is published again, once, after its lease.
public sealed partial class PollCycleTests
{
    [Fact]
    public async Task RunAsync_PublishFails_ClaimStaysInOutboxAndIsRepublishedAfterLease()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Succeeded);
        channel.FailNext = 1;

        var failed = await Cycle().RunAsync(Token);
        var whileLeased = await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(3));
        var afterLease = await Cycle().RunAsync(Token);
        var afterThat = await Cycle().RunAsync(Token);

        failed.Failed.ShouldBe(1);
        (failed.Published, whileLeased.Republished, whileLeased.Skipped).ShouldBe((0, 0, 1));
        afterLease.Republished.ShouldBe(1);
        (afterThat.Republished, afterThat.Checked).ShouldBe((0, 0));
        var published = channel.Published.ShouldHaveSingleItem();
        published.DeduplicationKey.ShouldBe(channel.Attempts[0].DeduplicationKey);
        published.ShouldBe(channel.Attempts[0]);
        source.Calls.ShouldBe([taskId]);
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Pending.ShouldBeNull();
        task.ExpiresAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_ConfirmFailsAfterPublish_RepublishedAtMostOnceMoreWithSameDeduplicationId()
    {
        var faulty = new FaultyTaskStateStore(store) { FailNextCompletes = 1 };
        await TrackAsync(NeptuneTaskStatus.Exporting);

        var first = await Cycle(store: faulty).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(3));
        var second = await Cycle(store: faulty).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(3));
        var third = await Cycle(store: faulty).RunAsync(Token);

        (first.Published, first.Failed).ShouldBe((1, 1));
        second.Republished.ShouldBe(1);
        (third.Republished, third.Published).ShouldBe((0, 0));
        channel.Published.Count.ShouldBe(2);
        channel.Published.Select(m => m.DeduplicationKey).Distinct().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RunAsync_RepublishedNonTerminalTask_IsPolledInTheSameCycle()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        channel.FailNext = 1;
        await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(3));
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded);

        var summary = await Cycle().RunAsync(Token);

        (summary.Republished, summary.Published).ShouldBe((1, 1));
        channel.Published.Select(m => m.Identity.Status.Value).ShouldBe(["EXPORTING", "SUCCEEDED"]);
    }

    // The tasks were loaded before the earlier cycle recorded its SNS delivery (DynamoDB's index is eventually
    // consistent, and a load can be minutes old): the takeover delivers from what the lease write returns.
    [Fact]
    public async Task RunAsync_TakeoverFromALoadOlderThanARecordedDelivery_DeliversOnlyTheMissingChannel()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        var pending = TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Succeeded)) with { LeaseUntil = time.GetUtcNow() };
        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();
        var loaded = await store.LoadActiveAsync(Token);
        (await store.TryRecordDeliveryAsync(pending, DeliveryChannel.Sns, "m-earlier", Token)).ShouldBeTrue();
        var bus = new RecordingChannel();
        var cycle = new PollCycle(
            new PreloadedStore(store, loaded),
            source,
            [new DeliveryChannel(DeliveryChannel.Sns, channel), new DeliveryChannel(DeliveryChannel.EventBridge, bus)],
            new PollCycleOptions(),
            time,
            NullLogger<PollCycle>.Instance);

        var summary = await cycle.RunAsync(Token);

        summary.Republished.ShouldBe(1);
        channel.Attempts.ShouldBeEmpty();
        bus.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(taskId);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }
}
