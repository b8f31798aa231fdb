namespace NeptuneNotifier.Tests.Core;

// A publish the channel refused gives its lease back, so the very next cycle retries it; one whose outcome is unknown keeps it.
public sealed partial class PollCycleTests
{
    private static NotificationRejectedException Rejection() =>
        new("SNS refused the message (Throttled, HTTP 429).", new InvalidOperationException("Rate exceeded"));

    [Fact]
    public async Task RunAsync_PublishRejected_NextCycleThirtySecondsLaterPublishesItOnceAndTheOneAfterNothing()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Failed);
        channel.FailNext = 1;
        channel.Failure = Rejection;

        var failed = await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(30));
        var retried = await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(30));
        var after = await Cycle().RunAsync(Token);

        (failed.Failed, failed.Published).ShouldBe((1, 0));
        (retried.Republished, retried.Skipped, retried.Failed).ShouldBe((1, 0, 0));
        (after.Republished, after.Published, after.Checked).ShouldBe((0, 0, 0));
        var published = channel.Published.ShouldHaveSingleItem();
        published.DeduplicationKey.ShouldBe(channel.Attempts[0].DeduplicationKey);
        source.Calls.ShouldBe([taskId]);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_PublishRejectedAndNextCycleAtTheSameInstant_RetriesIt()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        channel.FailNext = 1;
        channel.Failure = Rejection;

        await Cycle().RunAsync(Token);
        var retried = await Cycle().RunAsync(Token);

        retried.Republished.ShouldBe(1);
        channel.Published.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("outage")]
    public async Task RunAsync_PublishOutcomeUnknown_KeepsTheLeaseUntilItRunsOut(string failure)
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Succeeded);
        channel.FailNext = 1;
        channel.Failure = failure == "timeout" ? () => new TimeoutException("The publish timed out.") : channel.Failure;

        await Cycle().RunAsync(Token);
        var lease = (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().LeaseUntil;
        time.Advance(TimeSpan.FromSeconds(30));
        var whileLeased = await Cycle().RunAsync(Token);
        time.Advance(new PollCycleOptions().PublishLease);
        var afterLease = await Cycle().RunAsync(Token);

        lease.ShouldBe(TestData.Start + new PollCycleOptions().PublishLease);
        (whileLeased.Republished, whileLeased.Skipped).ShouldBe((0, 1));
        afterLease.Republished.ShouldBe(1);
        channel.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_RepublishRejected_GivesTheRenewedLeaseBack()
    {
        await TrackAsync(NeptuneTaskStatus.Succeeded);
        channel.FailNext = 1;
        await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(3));
        channel.FailNext = 1;
        channel.Failure = Rejection;

        var rejected = await Cycle().RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(30));
        var retried = await Cycle().RunAsync(Token);

        (rejected.Failed, rejected.Republished).ShouldBe((1, 0));
        retried.Republished.ShouldBe(1);
        channel.Attempts.Count.ShouldBe(3);
        channel.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_RejectedAfterAnotherCycleTookTheNotificationOver_LeavesTheNewLeaseAlone()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Failed);
        var (firstHeld, secondHeld) = (new TaskCompletionSource(), new TaskCompletionSource());
        // The second cycle starts once the first publish has taken its branch: the attempt count it reads is then its own.
        var firstWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.OnPublish = async (_, token) =>
        {
            if (channel.Attempts.Count == 1)
            {
                firstWaiting.SetResult();
                await firstHeld.Task.WaitAsync(token);
                throw Rejection();
            }

            await secondHeld.Task.WaitAsync(token);
        };

        // The first cycle's publish outlives its lease; a second cycle takes the notification over meanwhile.
        var slow = Cycle().RunAsync(Token);
        await firstWaiting.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        time.Advance(TimeSpan.FromMinutes(3));
        var takeover = Cycle().RunAsync(Token);
        await WaitUntilAsync(() => channel.Attempts.Count == 2);
        var takenOverLease = time.GetUtcNow() + new PollCycleOptions().PublishLease;
        firstHeld.SetResult();
        var slowSummary = await slow;
        var leaseAfterGiveBack = (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().LeaseUntil;
        secondHeld.SetResult();
        var takeoverSummary = await takeover;

        slowSummary.Failed.ShouldBe(1);
        leaseAfterGiveBack.ShouldBe(takenOverLease);
        takeoverSummary.Republished.ShouldBe(1);
        channel.Published.Count.ShouldBe(1);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_GiveBackWriteFails_CountsOneFailureAndTheLeaseRunsOut()
    {
        var faulty = new FaultyTaskStateStore(store) { FailNextRenews = 1 };
        await TrackAsync(NeptuneTaskStatus.Failed);
        channel.FailNext = 1;
        channel.Failure = Rejection;

        var failed = await Cycle(store: faulty).RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(30));
        var whileLeased = await Cycle(store: faulty).RunAsync(Token);
        time.Advance(new PollCycleOptions().PublishLease);
        var afterLease = await Cycle(store: faulty).RunAsync(Token);

        failed.Failed.ShouldBe(1);
        (whileLeased.Skipped, afterLease.Republished).ShouldBe((1, 1));
        channel.Published.Count.ShouldBe(1);
    }
}
