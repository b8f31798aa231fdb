using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Core.Polling;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Tests.Reliability;

/// <summary>
/// SNS FIFO drops a repeated MessageDeduplicationId only within five minutes of the first. After a crash between
/// publish and clear, the republish happens at the first scheduled cycle after the publish lease: whether FIFO
/// subscribers see it twice depends on the schedule. These tests pin down where the line is.
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
        var publisher = new TimedPublisher(time);
        var taskId = TestData.NewTaskId();
        source.SetStatus(taskId, NeptuneTaskStatus.Failed);
        await store.TrackAsync([new TaskToTrack(taskId, TestData.GraphId)], time.GetUtcNow(), TestContext.Current.CancellationToken);
        var crashing = new FaultyTaskStateStore(store) { FailNextCompletes = 1 };

        // Act: the first cycle publishes and dies before the clear; then a cycle runs on every schedule tick.
        await Cycle(crashing, source, publisher).RunAsync(TestContext.Current.CancellationToken);
        for (var tick = 0; tick < 10 && publisher.Sent.Count < 2; tick++)
        {
            time.Advance(TimeSpan.FromMinutes(scheduleMinutes));
            await Cycle(store, source, publisher).RunAsync(TestContext.Current.CancellationToken);
        }

        // Assert
        publisher.Sent.Count.ShouldBe(2);
        var (first, second) = (publisher.Sent[0], publisher.Sent[1]);
        second.Message.MessageDeduplicationId.ShouldBe(first.Message.MessageDeduplicationId);
        (second.At - first.At).ShouldBe(TimeSpan.FromMinutes(republishedAfterMinutes));
        (second.At - first.At >= DeduplicationInterval).ShouldBe(reachesFifoSubscribersTwice);
    }

    private PollCycle Cycle(ITaskStateStore store, IExportTaskSource source, INotificationPublisher publisher) => new(
        store, source, publisher, new NotificationBuilder(new NotificationOptions("us-east-1", FifoTopic: true)),
        new PollCycleOptions(), time, NullLogger<PollCycle>.Instance);

    private sealed class TimedPublisher(TimeProvider clock) : INotificationPublisher
    {
        public List<(NotificationMessage Message, DateTimeOffset At)> Sent { get; } = [];

        public Task<string> PublishAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            lock (Sent)
            {
                Sent.Add((message, clock.GetUtcNow()));
                return Task.FromResult($"m-{Sent.Count}");
            }
        }
    }
}
