namespace NeptuneNotifier.Tests.Core;

// The outbox half of the contract: conditional claim, lease takeover and give-back, conditional completion.
public abstract partial class TaskStateStoreContract
{
    [Fact]
    public async Task TryClaimAsync_ExpectedVersion_StoresSnapshotVersionAndPending()
    {
        var (store, taskId) = await TrackedAsync();
        var snapshot = TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { StatusReason = "Ünïcödé ✓ 𝔘 \"quoted\" reason" };
        var pending = TestData.Pending(snapshot);

        var claimed = await store.TryClaimAsync(pending, 0, Token);

        claimed.ShouldBeTrue();
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Version.ShouldBe(1);
        task.Snapshot.ShouldBe(snapshot);
        task.Pending.ShouldBe(pending);
        task.GraphId.ShouldBe(TestData.GraphId);
        task.ChangedAt.ShouldBe(pending.DetectedAt);
        task.IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task TryClaimAsync_SnapshotWithoutOptionalFields_RoundTripsNulls()
    {
        var (store, taskId) = await TrackedAsync();
        var snapshot = new TaskSnapshot { TaskId = taskId, GraphId = string.Empty, Status = new NeptuneTaskStatus("SOMETHING_NEW"), Kind = TaskKind.Import };
        var pending = TestData.Pending(snapshot, previous: null);

        (await store.TryClaimAsync(pending, 0, Token)).ShouldBeTrue();

        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Snapshot.ShouldBe(snapshot);
        task.Pending.ShouldBe(pending);
    }

    [Fact]
    public async Task TryClaimAsync_StaleVersion_ReturnsFalseAndChangesNothing()
    {
        var (store, taskId) = await TrackedAsync();

        var claimed = await store.TryClaimAsync(TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting), version: 6), 5, Token);

        claimed.ShouldBeFalse();
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Version.ShouldBe(0);
        task.Pending.ShouldBeNull();
    }

    [Fact]
    public async Task TryClaimAsync_UntrackedTask_ReturnsFalse()
    {
        var store = await CreateStoreAsync(Token);
        var taskId = TestData.NewTaskId();

        (await store.TryClaimAsync(TestData.Pending(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting)), 0, Token)).ShouldBeFalse();

        (await store.GetAsync(taskId, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task TryClaimAsync_WhileAnotherNotificationIsPending_ReturnsFalse()
    {
        var (store, pending) = await ClaimedAsync();
        var next = TestData.Pending(TestData.Snapshot(pending.TaskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 2) with { NotificationId = "second" };

        (await store.TryClaimAsync(next, 1, Token)).ShouldBeFalse();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Status.ShouldBe(NeptuneTaskStatus.Exporting);
    }

    [Fact]
    public async Task TryClaimAsync_TwoWritersRacingOnOneTransition_OnlyOneWins()
    {
        var (store, taskId) = await TrackedAsync();
        var snapshot = TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting);
        var claims = Enumerable.Range(0, 8)
            .Select(i => TestData.Pending(snapshot) with { NotificationId = $"writer-{i}" })
            .ToList();

        var results = await Task.WhenAll(claims.Select(claim => Task.Run(() => store.TryClaimAsync(claim, 0, Token), Token)));

        results.Count(won => won).ShouldBe(1);
        var winner = claims[Array.IndexOf(results, true)];
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull().NotificationId.ShouldBe(winner.NotificationId);
    }

    [Fact]
    public async Task CompleteAsync_PendingNotification_ClearsItAndKeepsTaskActive()
    {
        var (store, pending) = await ClaimedAsync();

        var completed = await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);

        completed.ShouldBeTrue();
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        task.Pending.ShouldBeNull();
        task.ExpiresAt.ShouldBeNull();
        task.Version.ShouldBe(1);
        (await store.LoadActiveAsync(Token)).Tasks.Select(t => t.TaskId).ShouldContain(pending.TaskId);
    }

    [Fact]
    public async Task CompleteAsync_OtherNotificationId_ReturnsFalseAndKeepsPending()
    {
        var (store, pending) = await ClaimedAsync();

        (await store.CompleteAsync(pending.TaskId, "someone-else", new TaskCompletion.StillActive(), Token)).ShouldBeFalse();

        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldNotBeNull();
    }

    [Fact]
    public async Task CompleteAsync_TerminalWithExpiry_SetsExpiryAndLeavesActiveSet()
    {
        var (store, pending) = await ClaimedAsync(NeptuneTaskStatus.Succeeded);
        var expiresAt = Now.AddDays(14);

        (await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.Terminal(expiresAt), Token)).ShouldBeTrue();

        (await store.LoadActiveAsync(Token)).Tasks.Select(t => t.TaskId).ShouldNotContain(pending.TaskId);
        var task = (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull();
        task.ExpiresAt.ShouldBe(expiresAt);
        task.Status.ShouldBe(NeptuneTaskStatus.Succeeded);
    }

    [Fact]
    public async Task LoadActiveAsync_TerminalTaskWithPendingNotification_StaysActiveUntilCompleted()
    {
        var (store, pending) = await ClaimedAsync(NeptuneTaskStatus.Failed);

        (await store.LoadActiveAsync(Token)).Tasks.Single(t => t.TaskId == pending.TaskId).Pending.ShouldNotBeNull();
    }

    [Fact]
    public async Task TryRenewLeaseAsync_ExpectedLease_MovesLeaseAndReturnsTheNotificationAsWritten()
    {
        var (store, pending) = await ClaimedAsync();
        var newLease = pending.LeaseUntil.AddMinutes(10);

        var renewed = await store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, newLease, Token);

        renewed.ShouldBe(pending with { LeaseUntil = newLease });
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending with { LeaseUntil = newLease });
    }

    [Fact]
    public async Task TryRenewLeaseAsync_BackToAnEarlierTime_GivesTheLeaseBackAndOnlyOnce()
    {
        var (store, pending) = await ClaimedAsync();
        var givenBackAt = pending.DetectedAt.AddSeconds(1.5);

        var givenBack = await store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, givenBackAt, Token);
        var again = await store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, givenBackAt, Token);

        (givenBack, again).ShouldBe((pending with { LeaseUntil = givenBackAt }, null));
        (await store.LoadActiveAsync(Token)).Tasks.Single(t => t.TaskId == pending.TaskId).Pending.ShouldBe(pending with { LeaseUntil = givenBackAt });
    }

    [Fact]
    public async Task TryRenewLeaseAsync_TwoCyclesRacingForOneLease_OnlyOneWins()
    {
        var (store, pending) = await ClaimedAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            Task.Run(() => store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, pending.LeaseUntil.AddSeconds(i), Token), Token)));

        results.Count(won => won is not null).ShouldBe(1);
    }

    [Fact]
    public async Task TryRenewLeaseAsync_CompletedNotification_ReturnsNull()
    {
        var (store, pending) = await ClaimedAsync();
        await store.CompleteAsync(pending.TaskId, pending.NotificationId, new TaskCompletion.StillActive(), Token);

        (await store.TryRenewLeaseAsync(pending.TaskId, pending.NotificationId, pending.LeaseUntil, pending.LeaseUntil.AddMinutes(1), Token)).ShouldBeNull();
    }

    // A store reached over a network may apply a claim and lose the answer; the retry fails its own condition and finds
    // this very claim (DynamoDB: the failed write returns the item on moto and AWS, a consistent read on dynalite).
    [Fact]
    public async Task TryClaimAsync_RetryOfAClaimAlreadyApplied_IsThisCyclesClaim()
    {
        var (store, pending) = await ClaimedAsync();

        var retried = await store.TryClaimAsync(pending, 0, Token);
        var another = await store.TryClaimAsync(pending with { NotificationId = "0196a0b0c0d07e8f9a0b1c2d3e4f5a6c" }, 0, Token);

        (retried, another).ShouldBe((true, false));
        (await store.GetAsync(pending.TaskId, Token)).ShouldNotBeNull().Pending.ShouldBe(pending);
    }
}
