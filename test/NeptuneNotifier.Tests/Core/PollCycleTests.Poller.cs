namespace NeptuneNotifier.Tests.Core;

// The poller: every active task read (bounded, rate-limited), each transition claimed, published and confirmed once.
public sealed partial class PollCycleTests
{
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

    [Theory]
    [InlineData(PollStrategy.Get, 2, 0, 0)]
    [InlineData(PollStrategy.Auto, 0, 2, 1)]
    [InlineData(PollStrategy.List, 0, 2, 1)]
    public async Task RunAsync_NoChange_WritesNothingAndPublishesNothing(PollStrategy strategy, int reads, int confirmed, int pages)
    {
        var options = new PollCycleOptions { Strategy = strategy };
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await TrackAsync(NeptuneTaskStatus.Initializing);
        await Cycle(options).RunAsync(Token);
        await Cycle(options).RunAsync(Token); // a listing's first count of the graph's pages is remembered: one write
        var writes = store.Writes;

        var summary = await Cycle(options).RunAsync(Token);

        (summary.Checked, summary.Confirmed, summary.ListingPages).ShouldBe((reads, confirmed, pages));
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
        var cycle = new PollCycle(store, source, TestData.Sns(channel), new PollCycleOptions { MaxConcurrency = 8 }, time, NullLogger<PollCycle>.Instance, limiter);

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
        // The eight workers reach the limiter in no fixed order: the three permits may go to any of the first tasks.
        store.ResumeFrom.ShouldBe(ids.First(id => !source.Calls.Contains(id)));
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
    public async Task RunAsync_DryRun_PublishesNothingAndWritesNothing()
    {
        await TrackAsync(NeptuneTaskStatus.Exporting);
        await TrackAsync(NeptuneTaskStatus.Failed);
        source.SetGraph(TestData.GraphId, TestData.NewTaskId());
        var writes = store.Writes;

        var summary = await Cycle(new PollCycleOptions { DryRun = true, GraphIds = [TestData.GraphId], Burst = Unhindered }).RunAsync(Token);

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
    [InlineData(null, "t-a,t-b,t-c,t-d")]
    [InlineData("t-c", "t-c,t-d,t-a,t-b")]
    [InlineData("t-bb", "t-c,t-d,t-a,t-b")]
    [InlineData("t-z", "t-a,t-b,t-c,t-d")]
    [InlineData("t-a", "t-a,t-b,t-c,t-d")]
    public void ResumeOrder_ResumePoint_RotatesSortedTasksToIt(string? resumeFrom, string expected) =>
        string.Join(',', TaskPoller.ResumeOrder(["t-d", "t-b", "t-a", "t-c"], resumeFrom)).ShouldBe(expected);
}
