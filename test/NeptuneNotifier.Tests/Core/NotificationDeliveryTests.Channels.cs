namespace NeptuneNotifier.Tests.Core;

// Several channels: each confirmed delivery recorded, only the missing ones delivered, one channel's failure never
// repeating another's delivery.
public sealed partial class NotificationDeliveryTests
{
    private readonly RecordingChannel bus = new();

    [Fact]
    public async Task DeliverAsync_TwoChannels_DeliversInOrderRecordsTheFirstAndCompletesWithTheSecond()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        List<string> order = [];
        channel.OnPublish = (_, _) => Note(order, "sns");
        bus.OnPublish = async (notification, token) =>
        {
            // The first channel's delivery is in the store before the second is tried.
            (await store.GetAsync(notification.TaskId, token))!.Pending!.Delivered.Contains(DeliveryChannel.Sns).ShouldBeTrue();
            await Note(order, "eventbridge");
        };
        var writes = store.Writes;

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "sns:message-1, eventbridge:message-1"));
        order.ShouldBe(["sns", "eventbridge"]);
        store.Writes.ShouldBe(writes + 2, "one record of the first channel, one completion");
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverAsync_SecondChannelRefuses_KeepsTheFirstRecordedAndGivesTheLeaseBack()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Succeeded);
        var refusal = new NotificationRejectedException("EventBridge failed the entry (ThrottlingException).", new InvalidOperationException("Rate exceeded"));
        (bus.FailNext, bus.Failure) = (1, () => refusal);
        time.Advance(TimeSpan.FromSeconds(3));

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Failed, "sns:message-1", Failure: refusal, RetryFrom: time.GetUtcNow()));
        var stored = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull();
        stored.ShouldBe(pending with { LeaseUntil = time.GetUtcNow(), Delivered = DeliveredChannels.None.With(DeliveryChannel.Sns, "message-1") });
    }

    [Fact]
    public async Task DeliverAsync_AfterTheSecondChannelFailed_DeliversOnlyTheSecond()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Succeeded, DeliveredChannels.None.With(DeliveryChannel.Sns, "m-earlier"));

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "eventbridge:message-1", TestData.Start + Retention));
        channel.Attempts.ShouldBeEmpty();
        bus.Published.ShouldHaveSingleItem().Identity.NotificationId.ShouldBe(pending.NotificationId);
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().IsActive.ShouldBeFalse();
    }

    [Fact]
    public async Task DeliverAsync_FirstChannelOutcomeUnknown_StillDeliversTheSecondAndKeepsTheLease()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        channel.FailNext = 1;

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, "eventbridge:message-1", (DateTimeOffset?)pending.LeaseUntil));
        result.Failure.ShouldBeOfType<HttpRequestException>();
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending
            .ShouldBe(pending with { Delivered = DeliveredChannels.None.With(DeliveryChannel.EventBridge, "message-1") });
    }

    [Fact]
    public async Task DeliverAsync_BothChannelsRefuse_GivesTheLeaseBack()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        (channel.FailNext, channel.Failure) = (1, () => new NotificationRejectedException("SNS refused.", new InvalidOperationException("Throttled")));
        (bus.FailNext, bus.Failure) = (1, () => new NotificationRejectedException("EventBridge refused.", new InvalidOperationException("Throttled")));
        time.Advance(TimeSpan.FromSeconds(1));

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, null, (DateTimeOffset?)time.GetUtcNow()));
        result.Failure.ShouldBeOfType<AggregateException>().InnerExceptions.Count.ShouldBe(2);
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending with { LeaseUntil = time.GetUtcNow() });
    }

    [Fact]
    public async Task DeliverAsync_RecordingTheFirstFails_StopsBeforeTheSecondAndKeepsTheLease()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        var faulty = new FaultyTaskStateStore(store) { FailNextRecords = 1 };

        var result = await TwoChannels(faulty).DeliverAsync(pending, pending.LeaseUntil, Token);

        (result.Status, result.MessageId, result.RetryFrom).ShouldBe((DeliveryStatus.Failed, "sns:message-1", (DateTimeOffset?)pending.LeaseUntil));
        result.Failure.ShouldBeOfType<IOException>();
        bus.Attempts.ShouldBeEmpty();
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }

    [Fact]
    public async Task DeliverAsync_AnotherCycleCompletedItMeanwhile_DeliversNoFurtherChannel()
    {
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting);
        await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "sns:message-1"));
        bus.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeliverAsync_ChannelRemovedSinceTheClaim_CompletesWithoutDeliveringAgain()
    {
        // Claimed with SNS and a bus; SNS confirmed; the bus has since been removed from the configuration.
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting, DeliveredChannels.None.With(DeliveryChannel.Sns, "m-earlier"));

        var result = await Delivery().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, null));
        channel.Attempts.ShouldBeEmpty();
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    [Fact]
    public async Task DeliverAsync_ChannelAddedSinceTheClaim_DeliversToItAndNotAgainToTheOther()
    {
        // Claimed when only a bus was configured, which confirmed; SNS has been added since.
        var pending = await ClaimAsync(NeptuneTaskStatus.Exporting, DeliveredChannels.None.With(DeliveryChannel.EventBridge, "e-earlier"));

        var result = await TwoChannels().DeliverAsync(pending, pending.LeaseUntil, Token);

        result.ShouldBe(new DeliveryResult(DeliveryStatus.Confirmed, "sns:message-1"));
        bus.Attempts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Constructor_NoChannelOrTwoWithOneName_Throws(int count)
    {
        IReadOnlyList<DeliveryChannel> channels = [.. Enumerable.Range(0, count).Select(_ => new DeliveryChannel(DeliveryChannel.Sns, channel))];

        Should.Throw<ArgumentException>(() => new NotificationDelivery(channels, store, Retention, time, NullLogger.Instance));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SNS")]
    [InlineData("event bus")]
    [InlineData("1sns")]
    public void DeliveryChannel_NameThatCannotBeAStoredKey_Throws(string name) =>
        Should.Throw<ArgumentException>(() => new DeliveryChannel(name, channel)).Message.ShouldContain($"'{name}'");

    private NotificationDelivery TwoChannels(ITaskStateStore? outbox = null) =>
        new([new DeliveryChannel(DeliveryChannel.Sns, channel), new DeliveryChannel(DeliveryChannel.EventBridge, bus)], outbox ?? store, Retention, time, NullLogger.Instance);

    private static Task Note(List<string> order, string name)
    {
        lock (order)
        {
            order.Add(name);
        }

        return Task.CompletedTask;
    }
}
