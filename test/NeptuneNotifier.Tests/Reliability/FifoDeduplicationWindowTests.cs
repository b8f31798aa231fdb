namespace NeptuneNotifier.Tests.Reliability;

/// <summary>
/// SNS FIFO drops a repeated MessageDeduplicationId (the SNS channel sends the rendered deduplication key) only within
/// five minutes of the first. After a crash between publish and clear, the republish happens at the first scheduled
/// cycle after the publish lease: whether FIFO subscribers see it twice depends on the schedule. These tests pin down
/// where the line is.
/// </summary>
public sealed class FifoDeduplicationWindowTests
{
    private static readonly TimeSpan DeduplicationInterval = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider time = new(TestData.Start);

    [Theory]
    [InlineData(1, 2, false)]
    [InlineData(2, 2, false)]
    [InlineData(4, 4, false)]
    [InlineData(5, 5, true)]
    [InlineData(10, 10, true)]
    public async Task RunAsync_CrashBetweenPublishAndClearOnSchedule_RepublishesAfterLeaseAtNextTick(int scheduleMinutes, int republishedAfterMinutes, bool reachesFifoSubscribersTwice)
    {
        // Arrange
        var store = new InMemoryTaskStateStore();
        var source = new FakeExportTaskSource();
        var channel = new RecordingChannel();
        List<DateTimeOffset> deliveredAt = [];
        channel.OnPublish = (_, _) =>
        {
            lock (deliveredAt)
            {
                deliveredAt.Add(time.GetUtcNow());
            }

            return Task.CompletedTask;
        };
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, NeptuneTaskStatus.Failed);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), TestContext.Current.CancellationToken);
        var crashing = new FaultyTaskStateStore(store) { FailNextCompletes = 1 };

        // Act: the first cycle publishes and dies before the clear; then a cycle runs on every schedule tick.
        await Cycle(crashing, source, channel).RunAsync(TestContext.Current.CancellationToken);
        for (var tick = 0; tick < 10 && channel.Published.Count < 2; tick++)
        {
            time.Advance(TimeSpan.FromMinutes(scheduleMinutes));
            await Cycle(store, source, channel).RunAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        channel.Published.Count.ShouldBe(2);
        var (first, second) = (channel.Published[0], channel.Published[1]);
        second.DeduplicationKey.ShouldBe(first.DeduplicationKey);
        (deliveredAt[1] - deliveredAt[0]).ShouldBe(TimeSpan.FromMinutes(republishedAfterMinutes));
        (deliveredAt[1] - deliveredAt[0] >= DeduplicationInterval).ShouldBe(reachesFifoSubscribersTwice);
    }

    private PollCycle Cycle(ITaskStateStore store, IExportTaskSource source, INotificationChannel channel) => new(
        store, source, TestData.Sns(channel), new PollCycleOptions(), time, NullLogger<PollCycle>.Instance);
}
