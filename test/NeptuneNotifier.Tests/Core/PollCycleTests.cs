using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Tests.Core;

public sealed partial class PollCycleTests
{
    private readonly FakeTimeProvider time = new(TestData.Start);
    private readonly InMemoryTaskStateStore store = new();
    private readonly FakeExportTaskSource source = new();
    private readonly RecordingChannel channel = new();

    // The fake clock stands still unless a test moves it, so a cycle reads at most Burst tasks: tests that read more
    // than the default burst in one cycle, and are not about the rate, give every read a permit of the burst.
    private const int Unhindered = 100;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FirstSighting_ClaimsPublishesAndConfirms()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);

        var summary = await Cycle().RunAsync(Token);

        summary.ShouldBe(new PollCycleSummary(1, 1, 1, 0, 0, 0, 0, false, TimeSpan.Zero));
        var message = channel.Published.ShouldHaveSingleItem();
        message.Identity.Status.Value.ShouldBe("EXPORTING");
        message.Identity.TaskId.ShouldBe(taskId);
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.Version.ShouldBe(1);
        task.Status.ShouldBe(NeptuneTaskStatus.Exporting);
        task.Pending.ShouldBeNull();
        task.ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_NoChange_WritesNothingAndPublishesNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await TrackAsync(NeptuneTaskStatus.Initializing);
        await Cycle().RunAsync(Token);
        var writes = store.Writes;

        var summary = await Cycle().RunAsync(Token);

        summary.Checked.ShouldBe(2);
        summary.Changed.ShouldBe(0);
        store.Writes.ShouldBe(writes);
        channel.Attempts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RunAsync_ProgressWithoutStatusChange_IsNotNotified()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle().RunAsync(Token);
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { ProgressPercentage = 90, NumVerticesWritten = 9 });

        var summary = await Cycle().RunAsync(Token);

        summary.Changed.ShouldBe(0);
        channel.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_StatusChanges_EachTransitionNotifiedOnceWithPreviousStatus()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Initializing);
        await Cycle().RunAsync(Token);
        source.SetStatus(taskId, NeptuneTaskStatus.Exporting);
        await Cycle().RunAsync(Token);
        await Cycle().RunAsync(Token);
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded);

        await Cycle().RunAsync(Token);

        channel.Published.Select(m => m.Identity.Status.Value).ShouldBe(["INITIALIZING", "EXPORTING", "SUCCEEDED"]);
        using var last = JsonDocument.Parse(channel.Published[^1].MachineEvent);
        last.RootElement.GetProperty("previousStatus").GetString().ShouldBe("EXPORTING");
        last.RootElement.GetProperty("version").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_TerminalStatus_NotifiedOnceThenNotPolledAndExpiresAfterRetention()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Succeeded);
        var options = new PollCycleOptions { Retention = TimeSpan.FromDays(3) };
        await Cycle(options).RunAsync(Token);

        var summary = await Cycle(options).RunAsync(Token);

        summary.Checked.ShouldBe(0);
        source.Calls.ShouldBe([taskId]);
        channel.Published.ShouldHaveSingleItem().Identity.Terminal.ShouldBeTrue();
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().ExpiresAt.ShouldBe(TestData.Start.AddDays(3));
    }

    [Fact]
    public async Task RunAsync_UnknownStatus_NotifiedVerbatimAndStillPolled()
    {
        var taskId = await TrackAsync(new NeptuneTaskStatus("PAUSED_FOR_MAINTENANCE"));
        await Cycle().RunAsync(Token);

        await Cycle().RunAsync(Token);

        channel.Published.ShouldHaveSingleItem().Identity.Status.Value.ShouldBe("PAUSED_FOR_MAINTENANCE");
        source.Calls.ShouldBe([taskId, taskId]);
    }

    [Fact]
    public async Task RunAsync_TaskNotFound_NotifiedOnceAsGoneAndNoLongerFollowed()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        await Cycle().RunAsync(Token);
        source.Remove(taskId);

        var first = await Cycle().RunAsync(Token);
        var second = await Cycle().RunAsync(Token);

        first.Published.ShouldBe(1);
        second.Checked.ShouldBe(0);
        var gone = channel.Published[^1];
        gone.Identity.Status.Value.ShouldBe("GONE");
        gone.Identity.Terminal.ShouldBeTrue();
        gone.EmailText.ShouldContain("does not exist");
        var task = (await store.GetAsync(taskId, Token)).ShouldNotBeNull();
        task.IsActive.ShouldBeFalse();
        task.ExpiresAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task RunAsync_AnswerWithoutGraphId_NotifiesTheGraphTheTaskWasTrackedWith()
    {
        // AWS's SDKs read every output member as optional: a sparse answer may leave the graph out.
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        source.Set(new TaskSnapshot { TaskId = taskId, GraphId = string.Empty, Status = NeptuneTaskStatus.Failed, StatusReason = "Role cannot write" });

        await Cycle().RunAsync(Token);

        var message = channel.Published.ShouldHaveSingleItem();
        message.Identity.GraphId.ShouldBe(TestData.GraphId);
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Snapshot.ShouldNotBeNull().GraphId.ShouldBe(TestData.GraphId);
    }

    [Fact]
    public async Task RunAsync_TrackedTaskNeverFound_NotifiedAsGoneWithUnknownGraph()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);

        await Cycle().RunAsync(Token);

        var message = channel.Published.ShouldHaveSingleItem();
        message.Identity.Status.Value.ShouldBe("GONE");
        message.Identity.GraphId.ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_ManyTasks_NeverExceedsConcurrencyBound()
    {
        for (var i = 0; i < 24; i++)
        {
            await TrackAsync(NeptuneTaskStatus.Exporting);
        }

        source.OnCall = (_, token) => Task.Delay(15, token);

        var summary = await Cycle(new PollCycleOptions { MaxConcurrency = 3, Burst = Unhindered }).RunAsync(Token);

        summary.Checked.ShouldBe(24);
        source.MaxInFlight.ShouldBeLessThanOrEqualTo(3);
        source.MaxInFlight.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task RunAsync_RateLimiterOutOfPermits_StartsNoMoreCalls()
    {
        var ids = await TrackOrderedAsync(10);
        using var limiter = new RequestRateLimiter(new PollCycleOptions { Burst = 3, RequestsPerSecond = 0.1 }, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var cycle = new PollCycle(store, source, channel, new PollCycleOptions { MaxConcurrency = 8 }, time, NullLogger<PollCycle>.Instance, limiter);

        var running = cycle.RunAsync(deadline.Token);
        // The fake clock stands still, so no permit comes back: once the seven other tasks wait on the limiter, none can start.
        await WaitUntilAsync(() => limiter.GetStatistics()!.CurrentQueuedCount == 7);
        var callsBeforeDeadline = source.Calls.Count;
        await deadline.CancelAsync();
        var summary = await running;

        callsBeforeDeadline.ShouldBe(3);
        summary.Checked.ShouldBe(3);
        summary.CutShort.ShouldBeTrue();
        summary.Skipped.ShouldBe(7);
        store.ResumeFrom.ShouldBe(ids[3]);
    }

    [Fact]
    public async Task RunAsync_NoLimiterGiven_ReadsTheBurstThenOneTaskPerPeriodOfTheInjectedClock()
    {
        await TrackOrderedAsync(4);
        var period = TimeSpan.FromSeconds(10);

        var running = Cycle(new PollCycleOptions { MaxConcurrency = 4, Burst = 2, RequestsPerSecond = 0.1 }).RunAsync(Token);
        await WaitUntilAsync(() => source.Calls.Count == 2);
        var callsInTheBurst = source.Calls.Count;
        time.Advance(period);
        await WaitUntilAsync(() => source.Calls.Count == 3);
        time.Advance(period);
        var summary = await running.WaitAsync(TimeSpan.FromSeconds(5), Token);

        callsInTheBurst.ShouldBe(2);
        summary.Checked.ShouldBe(4);
        summary.CutShort.ShouldBeFalse();
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("validation")]
    [InlineData("server")]
    [InlineData("malformed")]
    [InlineData("timeout")]
    public async Task RunAsync_OneTaskFails_OthersStillNotifiedAndItIsRetriedNextCycle(string failure)
    {
        var ids = await TrackOrderedAsync(5);
        source.Fail(ids[2], failure switch
        {
            "throttled" => new HttpRequestException("ThrottlingException: Rate exceeded", null, System.Net.HttpStatusCode.TooManyRequests),
            "validation" => new ArgumentException("ValidationException: bad task"),
            "server" => new HttpRequestException("InternalServerException", null, System.Net.HttpStatusCode.InternalServerError),
            "malformed" => new InvalidDataException("status missing from GetExportTask response"),
            _ => new TimeoutException("The operation has timed out."),
        });

        var first = await Cycle().RunAsync(Token);
        source.SetStatus(ids[2], NeptuneTaskStatus.Exporting);
        var second = await Cycle().RunAsync(Token);

        first.Failed.ShouldBe(1);
        first.Published.ShouldBe(4);
        first.CutShort.ShouldBeFalse();
        second.Published.ShouldBe(1);
        channel.Published.Select(m => m.Identity.TaskId).Order().ShouldBe(ids);
    }

    [Fact]
    public async Task RunAsync_ResponseForAnotherTask_CountedAsFailure()
    {
        var taskId = await TrackAsync(NeptuneTaskStatus.Exporting);
        source.SetAnswer(taskId, TestData.Snapshot(taskId, NeptuneTaskStatus.Exporting) with { TaskId = "t-zzzzzzzzzz" });

        var summary = await Cycle().RunAsync(Token);

        summary.Failed.ShouldBe(1);
        channel.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task RunAsync_DeadlineFires_StopsStartingCallsAndReturnsWhatItFinished()
    {
        var ids = await TrackOrderedAsync(10);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        source.OnCall = async (_, _) =>
        {
            await Task.Yield();
            if (source.Calls.Count == 4)
            {
                await deadline.CancelAsync();
            }
        };

        var summary = await Cycle(new PollCycleOptions { MaxConcurrency = 1 }).RunAsync(deadline.Token);

        summary.CutShort.ShouldBeTrue();
        summary.Checked.ShouldBe(4);
        summary.Published.ShouldBe(4);
        summary.Skipped.ShouldBe(6);
        source.Calls.ShouldBe(ids.Take(4));
        store.ResumeFrom.ShouldBe(ids[4]);
    }

    [Fact]
    public async Task RunAsync_AfterCutShortCycle_UnfinishedTasksGoFirstThenResumePointIsCleared()
    {
        var ids = await TrackOrderedAsync(10);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token))
        {
            source.OnCall = async (_, _) =>
            {
                await Task.Yield();
                if (source.Calls.Count == 4)
                {
                    await deadline.CancelAsync();
                }
            };
            await Cycle(new PollCycleOptions { MaxConcurrency = 1 }).RunAsync(deadline.Token);
        }

        source.OnCall = null;
        var callsBefore = source.Calls.Count;

        var summary = await Cycle(new PollCycleOptions { MaxConcurrency = 1, Burst = Unhindered }).RunAsync(Token);

        summary.CutShort.ShouldBeFalse();
        source.Calls.Skip(callsBefore).ShouldBe([.. ids.Skip(4), .. ids.Take(4)]);
        store.ResumeFrom.ShouldBeNull();
        var writes = store.Writes;
        await Cycle(new PollCycleOptions { Burst = Unhindered }).RunAsync(Token);
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_ReturnsNormallyAndKeepsEveryTaskForNextTime()
    {
        var ids = await TrackOrderedAsync(3);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var active = await store.LoadActiveAsync(Token);

        var summary = await new PollCycle(new PreloadedStore(store, active), source, channel, new PollCycleOptions(), time, NullLogger<PollCycle>.Instance)
            .RunAsync(cancelled.Token);

        summary.CutShort.ShouldBeTrue();
        summary.Checked.ShouldBe(0);
        summary.Skipped.ShouldBe(3);
        store.ResumeFrom.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileListingGraph_ReturnsNormallyAndResumesAtFirstTask()
    {
        var ids = await TrackOrderedAsync(2);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        source.SetGraph(TestData.GraphId, TestData.NewTaskId());
        source.OnList = async (_, token) =>
        {
            await deadline.CancelAsync();
            token.ThrowIfCancellationRequested();
        };

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId] }).RunAsync(deadline.Token);

        summary.CutShort.ShouldBeTrue();
        (summary.Checked, summary.Discovered, summary.Failed).ShouldBe((0, 0, 0));
        store.ResumeFrom.ShouldBe(ids[0]);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileLoading_ReturnsNormallyHavingDoneNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await deadline.CancelAsync();
        var writes = store.Writes;

        var summary = await Cycle(store: new CancelledLoadStore(store)).RunAsync(deadline.Token);

        summary.ShouldBe(new PollCycleSummary(0, 0, 0, 0, 0, 0, 0, true, TimeSpan.Zero));
        source.Calls.ShouldBeEmpty();
        store.Writes.ShouldBe(writes);
    }

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

    [Fact]
    public async Task RunAsync_DryRun_PublishesNothingAndWritesNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await TrackAsync(NeptuneTaskStatus.Failed);
        source.SetGraph(TestData.GraphId, TestData.NewTaskId());
        var writes = store.Writes;

        var summary = await Cycle(new PollCycleOptions { DryRun = true, GraphIds = [TestData.GraphId] }).RunAsync(Token);

        summary.Changed.ShouldBe(2);
        summary.Published.ShouldBe(0);
        channel.Attempts.ShouldBeEmpty();
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_TwoCyclesAtOnce_PublishEachTransitionOnce()
    {
        var ids = await TrackOrderedAsync(20);
        // Each read waits until both cycles have read the task, so both try to claim the same version.
        var readers = ids.ToDictionary(id => id, _ => new CountdownEvent(2));
        source.OnCall = async (taskId, token) =>
        {
            readers[taskId].Signal();
            while (!readers[taskId].IsSet)
            {
                await Task.Delay(1, token);
            }
        };

        var options = new PollCycleOptions { Burst = Unhindered };
        var summaries = await Task.WhenAll(Cycle(options).RunAsync(Token), Cycle(options).RunAsync(Token));

        channel.Published.Select(m => m.Identity.TaskId).Order().ShouldBe(ids);
        summaries.Sum(s => s.Published).ShouldBe(20);
        summaries.Sum(s => s.Skipped).ShouldBe(20);
        foreach (var countdown in readers.Values)
        {
            countdown.Dispose();
        }
    }

    [Fact]
    public async Task RunAsync_GraphConfigured_FollowsNewExportTasksOnceAndWritesNothingWhenNothingIsNew()
    {
        var known = await TrackAsync(NeptuneTaskStatus.Exporting);
        var (added, finished) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.SetStatus(added, NeptuneTaskStatus.Initializing);
        source.SetStatus(finished, NeptuneTaskStatus.Succeeded);
        source.SetGraph(TestData.GraphId, known, added, finished, "not-a-task-id");
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId] };

        var first = await Cycle(options).RunAsync(Token);
        var writes = store.Writes;
        var second = await Cycle(options).RunAsync(Token);

        first.Discovered.ShouldBe(2);
        first.Published.ShouldBe(3);
        (await store.GetAsync(added, Token)).ShouldNotBeNull().GraphId.ShouldBe(TestData.GraphId);
        second.Discovered.ShouldBe(0);
        second.Published.ShouldBe(0);
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_GraphFollowedForTheFirstTime_RecordsExportsFinishedBeforeWithoutNotifying()
    {
        var (old, running) = (TestData.NewTaskId(), TestData.NewTaskId());
        source.Set(TestData.Snapshot(old, NeptuneTaskStatus.Succeeded) with { StartTime = TestData.Start.AddDays(-3), TimeElapsedSeconds = 600 });
        source.SetStatus(running, NeptuneTaskStatus.Exporting);
        source.SetGraph(TestData.GraphId, old, running);
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId] };

        var first = await Cycle(options).RunAsync(Token);
        var writes = store.Writes;
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await Cycle(options).RunAsync(Token);

        (first.Recorded, first.Discovered, first.Published).ShouldBe((1, 1, 1));
        channel.Published.ShouldHaveSingleItem().Identity.TaskId.ShouldBe(running);
        var recorded = (await store.GetAsync(old, Token)).ShouldNotBeNull();
        (recorded.Status, recorded.IsActive, recorded.ExpiresAt).ShouldBe((NeptuneTaskStatus.Succeeded, false, (DateTimeOffset?)TestData.Start.AddDays(14)));
        (second.Recorded, second.Discovered, second.Published).ShouldBe((0, 0, 0));
        source.Calls.Count(id => id == old).ShouldBe(1);
        source.Calls.Count(id => id == running).ShouldBe(2, "listed as running, it is followed without a read of its own: one read per cycle");
        store.Writes.ShouldBe(writes);
    }

    [Fact]
    public async Task RunAsync_ListingReportsAnUnknownStatus_ReadsTheTaskBeforeFollowingIt()
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, new NeptuneTaskStatus("SOME_FUTURE_STATUS"));
        source.SetGraph(TestData.GraphId, taskId);

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId] }).RunAsync(Token);

        (summary.Discovered, summary.Published).ShouldBe((1, 1));
        source.Calls.Count(id => id == taskId).ShouldBe(2, "one read to tell news from history, one poll");
    }

    [Fact]
    public async Task RunAsync_ExportStartedAndFailedBetweenTwoCycles_IsNotified()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId] };
        await Cycle(options).RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(5));
        var quick = TestData.NewTaskId();
        source.Set(TestData.Snapshot(quick, NeptuneTaskStatus.Failed) with { StartTime = time.GetUtcNow().AddMinutes(-4), TimeElapsedSeconds = 20, StatusReason = "Access denied." });
        source.SetGraph(TestData.GraphId, quick);

        var summary = await Cycle(options).RunAsync(Token);

        (summary.Discovered, summary.Recorded, summary.Published).ShouldBe((1, 0, 1));
        var message = channel.Published.ShouldHaveSingleItem();
        (message.Identity.TaskId, message.Identity.Status.Value).ShouldBe((quick, "FAILED"));
    }

    [Fact]
    public async Task RunAsync_ListedAgainAfterItsRecordExpired_IsRecordedNotNotifiedTwice()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId] };
        await Cycle(options).RunAsync(Token);
        var expired = TestData.NewTaskId();
        source.Set(TestData.Snapshot(expired, NeptuneTaskStatus.Succeeded) with { StartTime = TestData.Start.AddDays(1), TimeElapsedSeconds = 600 });
        source.SetGraph(TestData.GraphId, expired);

        // Notified on the day it finished, then forgotten when its record expired (the store's TTL).
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(15));
        (await Cycle(options).RunAsync(Token)).Published.ShouldBe(1);
        await store.UntrackAsync(expired, Token);
        time.Advance(new PollCycleOptions().Retention + TimeSpan.FromDays(1));
        var summary = await Cycle(options).RunAsync(Token);

        (summary.Recorded, summary.Discovered, summary.Published).ShouldBe((1, 0, 0));
        channel.Published.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_NewlyListedFinishedTaskUnreadable_CountsAFailureAndNotifiesItNextCycle()
    {
        var options = new PollCycleOptions { GraphIds = [TestData.GraphId] };
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded);
        source.Fail(taskId, new TimeoutException("GetExportTask timed out"));
        source.SetGraph(TestData.GraphId, taskId);

        var first = await Cycle(options).RunAsync(Token);
        source.SetStatus(taskId, NeptuneTaskStatus.Succeeded); // the service answers again
        var second = await Cycle(options).RunAsync(Token);

        (first.Failed, first.Discovered, first.Published).ShouldBe((1, 0, 0));
        (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Status.ShouldBe(NeptuneTaskStatus.Succeeded);
        (second.Failed, second.Discovered, second.Published).ShouldBe((0, 1, 1));
    }

    [Fact]
    public async Task RunAsync_NewlyListedTaskGoneWhenRead_IsNeitherFollowedNorNotified()
    {
        var taskId = TestData.NewTaskId();
        source.SetGraph(TestData.GraphId, taskId);

        var summary = await Cycle(new PollCycleOptions { GraphIds = [TestData.GraphId] }).RunAsync(Token);

        (summary.Failed, summary.Discovered, summary.Recorded, summary.Published).ShouldBe((0, 0, 0, 0));
        (await store.GetAsync(taskId, Token)).ShouldBeNull();
    }

    [Fact]
    public async Task RunAsync_HugeStatusReason_StoredCutToBound()
    {
        var taskId = TestData.NewTaskId();
        await store.TrackAsync([new TaskToTrack(taskId)], time.GetUtcNow(), Token);
        source.Set(TestData.Snapshot(taskId, NeptuneTaskStatus.Failed) with { StatusReason = new string('x', 100_000) });

        await Cycle().RunAsync(Token);

        var stored = (await store.GetAsync(taskId, Token)).ShouldNotBeNull().Snapshot.ShouldNotBeNull().StatusReason.ShouldNotBeNull();
        stored.Length.ShouldBeLessThan(PollCycle.MaxStoredReasonChars + 64);
        stored.ShouldStartWith("xxxx");
    }

    [Theory]
    [InlineData(0, "MaxConcurrency")]
    [InlineData(65, "MaxConcurrency")]
    public void Constructor_InvalidConcurrency_ThrowsNamingTheOption(int concurrency, string name)
    {
        var exception = Should.Throw<ArgumentException>(() => Cycle(new PollCycleOptions { MaxConcurrency = concurrency }));

        exception.Message.ShouldContain(name);
    }

    [Fact]
    public void Validate_EveryBadValue_NamesEachOption()
    {
        var options = new PollCycleOptions
        {
            GraphIds = ["g-BAD"],
            RequestsPerSecond = 0,
            Burst = 0,
            PublishLease = TimeSpan.Zero,
            Retention = TimeSpan.Zero,
        };

        var errors = options.Validate();

        string.Join("\n", errors).ShouldSatisfyAllConditions(
            text => text.ShouldContain("GraphIds: 'g-BAD'"),
            text => text.ShouldContain("RequestsPerSecond"),
            text => text.ShouldContain("Burst"),
            text => text.ShouldContain("PublishLease"),
            text => text.ShouldContain("Retention"));
        new PollCycleOptions().Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "t-a,t-b,t-c,t-d")]
    [InlineData("t-c", "t-c,t-d,t-a,t-b")]
    [InlineData("t-bb", "t-c,t-d,t-a,t-b")]
    [InlineData("t-z", "t-a,t-b,t-c,t-d")]
    [InlineData("t-a", "t-a,t-b,t-c,t-d")]
    public void ResumeOrder_ResumePoint_RotatesSortedTasksToIt(string? resumeFrom, string expected) =>
        string.Join(',', PollCycle.ResumeOrder(["t-d", "t-b", "t-a", "t-c"], resumeFrom)).ShouldBe(expected);

    private PollCycle Cycle(PollCycleOptions? options = null, ITaskStateStore? store = null) =>
        new(store ?? this.store, source, channel, options ?? new PollCycleOptions(), time, NullLogger<PollCycle>.Instance);

    private async Task<string> TrackAsync(NeptuneTaskStatus status)
    {
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, status);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), Token);
        return taskId;
    }

    private async Task<IReadOnlyList<string>> TrackOrderedAsync(int count)
    {
        var ids = TestData.OrderedTaskIds(count);
        foreach (var id in ids)
        {
            source.SetStatus(id, NeptuneTaskStatus.Exporting);
        }

        await store.TrackAsync([.. ids.Select(id => new TaskToTrack(id, TestData.GraphId))], time.GetUtcNow(), Token);
        return ids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Observes the token on load, as a real store's request would.</summary>
    private sealed class CancelledLoadStore(InMemoryTaskStateStore inner) : DelegatingTaskStateStore(inner)
    {
        public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => Task.FromCanceled<ActiveTasks>(cancellationToken);
    }

    /// <summary>Answers the load with a set read before the token was cancelled, as a store call already in flight would.</summary>
    private sealed class PreloadedStore(InMemoryTaskStateStore inner, ActiveTasks active) : DelegatingTaskStateStore(inner)
    {
        public override Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken) => Task.FromResult(active);
    }
}
