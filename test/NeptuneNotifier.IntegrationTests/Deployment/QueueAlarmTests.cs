using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The queue alarms of template.yaml (a tick the scheduler could not deliver, an invocation that failed every attempt)
/// replayed by <see cref="AlarmEvaluator"/> over what SQS reports for a queue that is idle almost always
/// (<see cref="QueueMetrics"/>). Every expectation must hold for each choice of what AWS does not document.
/// </summary>
public sealed class QueueAlarmTests
{
    private const int Hours = 60;

    private readonly SamTemplate template = SamTemplate.Load();

    // Deployed at 0:00, so idle (no action for six hours) when the first message arrives at 10:00; handled and purged at
    // 20:00; idle again when the next message arrives at 30:00; purged at 40:00, with one more message an hour later,
    // while the purge keeps the queue active.
    [Theory]
    [InlineData("ScheduleDeadLetterAlarm")]
    [InlineData("FailedInvocationAlarm")]
    public void QueueAlarm_MessagesEachPurged_NotifyEachWithinFifteenMinutesOnAnIdleQueue(string alarmId)
    {
        int[] arrivals = [10 * Hours, 30 * Hours, 41 * Hours];
        QueueAction[] actions = [new(10 * Hours, 1), new(20 * Hours, 0), new(30 * Hours, 1), new(40 * Hours, 0), new(41 * Hours, 1)];

        ForEveryAssumption(alarmId, actions, 42 * Hours, (evaluator, every, _) =>
        {
            evaluator.Notifications.Select(n => n.State).ShouldBe([AlarmState.Alarm, AlarmState.Alarm, AlarmState.Alarm], "one notification per message after a purge");
            evaluator.Notifications[0].Minute.ShouldBeInRange(arrivals[0], arrivals[0] + QueueMetrics.MaxActivationDelayMinutes + every, "idle queue: metrics up to 15 minutes late");
            evaluator.Notifications[1].Minute.ShouldBeInRange(arrivals[1], arrivals[1] + QueueMetrics.MaxActivationDelayMinutes + every, "idle queue: metrics up to 15 minutes late");
            evaluator.Notifications[2].Minute.ShouldBeInRange(arrivals[2], arrivals[2] + every, "the purge an hour before left the queue active");
        });
    }

    // The alarm stays in ALARM while a message sits in the queue, and past the six hours SQS reports it (ignore keeps
    // the state); actions run on state changes only, so a failure that finds it there sends nothing.
    [Theory]
    [InlineData("ScheduleDeadLetterAlarm")]
    [InlineData("FailedInvocationAlarm")]
    public void QueueAlarm_NextMessageWithoutPurge_SendsNothingMore(string alarmId)
    {
        QueueAction[] actions = [new(10 * Hours, 1), new(30 * Hours, 2)];

        ForEveryAssumption(alarmId, actions, 36 * Hours, (evaluator, every, _) =>
        {
            evaluator.Notifications.ShouldHaveSingleItem().Minute.ShouldBeInRange(10 * Hours, (10 * Hours) + QueueMetrics.MaxActivationDelayMinutes + every);
            evaluator.State.ShouldBe(AlarmState.Alarm);
        });
    }

    // A notification exactly when the delayed metrics arrive: the bound above is not slack.
    [Theory]
    [InlineData("ScheduleDeadLetterAlarm")]
    [InlineData("FailedInvocationAlarm")]
    public void QueueAlarm_FirstMessageOnAnIdleQueue_NotifiesWhenTheDelayedMetricsArrive(string alarmId) =>
        ForEveryAssumption(alarmId, [new(10 * Hours, 1)], 12 * Hours, (evaluator, every, queue) =>
            evaluator.Notifications.ShouldHaveSingleItem().Minute.ShouldBeInRange((10 * Hours) + queue.ActivationDelayMinutes + 1, (10 * Hours) + queue.ActivationDelayMinutes + every));

    private void ForEveryAssumption(string alarmId, IReadOnlyList<QueueAction> actions, int untilMinute, Action<AlarmEvaluator, int, QueueMetrics> check)
    {
        var alarm = AlarmDefinition.FromTemplate(template, alarmId);
        alarm.MetricName.ShouldBe("ApproximateNumberOfMessagesVisible", $"{alarmId}: the queue model reports visible messages");
        foreach (var queue in QueueMetrics.EveryAssumption())
        {
            AlarmReplay.ForEveryAssumption(alarm, queue.Samples(actions, untilMinute), untilMinute, queue.ToString(), (evaluator, every) => check(evaluator, every, queue));
        }
    }
}
