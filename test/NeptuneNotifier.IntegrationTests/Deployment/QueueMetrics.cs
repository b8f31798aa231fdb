namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>An action on a queue at a whole minute (a message sent to it, a purge) and the visible messages it leaves.</summary>
internal sealed record QueueAction(int Minute, int VisibleAfter);

/// <summary>
/// What SQS sends CloudWatch for a queue's ApproximateNumberOfMessagesVisible, as "Monitoring Amazon SQS queues using
/// CloudWatch" says (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-monitoring-using-cloudwatch.html):
/// <list type="bullet">
/// <item>metrics are pushed at one-minute intervals for queues that are active; CloudWatch considers a queue active
/// "for up to six hours if it contains any messages, or if any action accesses it"; inactive for more than six hours,
/// a queue sends no metrics;</item>
/// <item>"a delay of up to 15 minutes occurs in CloudWatch metrics when a queue is activated from an inactive state".</item>
/// </list>
/// Not stated, so parameters: the delay of one activation (<paramref name="ActivationDelayMinutes"/>, 0 to 15), and
/// whether a queue holding messages stays active past six hours after its last action
/// (<paramref name="MessagesKeepItActive"/>). A delayed activation is modelled as no datapoint until the delay is over.
/// </summary>
internal sealed record QueueMetrics(int ActivationDelayMinutes, bool MessagesKeepItActive)
{
    public const int MaxActivationDelayMinutes = 15;

    private const int ActiveAfterActionMinutes = 6 * 60;

    public override string ToString() =>
        $", activation delay {ActivationDelayMinutes} min, {(MessagesKeepItActive ? "active while it holds messages" : "six hours after the last action only")}";

    /// <summary>Every choice of what the page leaves open.</summary>
    public static IEnumerable<QueueMetrics> EveryAssumption() =>
        from delay in Enumerable.Range(0, MaxActivationDelayMinutes + 1)
        from keep in new[] { false, true }
        select new QueueMetrics(delay, keep);

    /// <summary>The datapoints of a queue created (an action, leaving it empty) at minute 0.</summary>
    public List<MetricSample> Samples(IReadOnlyList<QueueAction> actions, int untilMinute)
    {
        List<MetricSample> samples = [];
        var visible = 0;
        var lastAction = 0;
        var active = false;
        var reportingFrom = 0;
        for (var minute = 0; minute < untilMinute; minute++)
        {
            foreach (var action in actions.Where(a => a.Minute == minute))
            {
                visible = action.VisibleAfter;
                lastAction = minute;
            }

            var nowActive = minute - lastAction < ActiveAfterActionMinutes || (MessagesKeepItActive && visible > 0);
            if (nowActive && !active)
            {
                reportingFrom = minute + ActivationDelayMinutes;
            }

            active = nowActive;
            if (active && minute >= reportingFrom)
            {
                samples.Add(new MetricSample(minute, visible));
            }
        }

        return samples;
    }
}
