using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The function alarms of template.yaml replayed by <see cref="AlarmEvaluator"/> (CloudWatch's documented semantics)
/// over synthetic cycles at rate(1 minute), rate(5 minutes) and rate(1 hour). Every expectation must hold for each
/// choice of what AWS does not document (<see cref="AlarmReplay"/>).
/// </summary>
public sealed class AlarmTests
{
    private const int Hours = 60;
    private const int WindowMinutes = 15;

    private readonly SamTemplate template = SamTemplate.Load();

    /// <summary>How a cycle ended: every task handled, some task failed (Failures &gt; 0), or the invocation failed.</summary>
    public enum Cycle
    {
        Good,
        SomeTasksFailed,
        InvocationFailed,
    }

    [Theory]
    [InlineData("FunctionErrorsAlarm", 1)]
    [InlineData("FunctionErrorsAlarm", 5)]
    [InlineData("FunctionErrorsAlarm", 60)]
    [InlineData("CycleFailuresAlarm", 1)]
    [InlineData("CycleFailuresAlarm", 5)]
    [InlineData("CycleFailuresAlarm", 60)]
    public void Alarm_DeployThenHealthyCycles_SendsNothing(string alarmId, int intervalMinutes) =>
        ForEveryAssumption(alarmId, Samples(alarmId, intervalMinutes, 6 * Hours, _ => Cycle.Good), 6 * Hours, (evaluator, _) =>
        {
            evaluator.Notifications.ShouldBeEmpty();
            evaluator.State.ShouldBe(AlarmState.Ok, "the alarm saw the healthy cycles");
        });

    [Theory]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed, 1)]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed, 5)]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed, 60)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed, 1)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed, 5)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed, 60)]
    public void Alarm_TwoLastingFailures_NotifyOnceEachWithinTheWindow(string alarmId, Cycle failure, int intervalMinutes)
    {
        // Healthy for 2 hours, failing for 3, healthy for 2, failing for 3.
        int[] starts = [2 * Hours, 7 * Hours];
        var samples = Samples(alarmId, intervalMinutes, 10 * Hours, minute =>
            starts.Any(start => minute >= start && minute < start + (3 * Hours)) ? failure : Cycle.Good);

        ForEveryAssumption(alarmId, samples, 10 * Hours, (evaluator, every) =>
        {
            evaluator.Notifications.Select(n => n.State).ShouldBe([AlarmState.Alarm, AlarmState.Alarm], "one notification per failure, none on recovery");
            for (var i = 0; i < starts.Length; i++)
            {
                evaluator.Notifications[i].Minute.ShouldBeInRange(starts[i], starts[i] + WindowMinutes + every, "first failed cycle to notification");
            }
        });
    }

    [Theory]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed, 1)]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed, 5)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed, 1)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed, 5)]
    public void Alarm_OneFailedCycleAtShortIntervals_SendsNothing(string alarmId, Cycle failure, int intervalMinutes) =>
        ForEveryAssumption(alarmId, Samples(alarmId, intervalMinutes, 6 * Hours, minute => minute == 2 * Hours ? failure : Cycle.Good), 6 * Hours, (evaluator, _) =>
            evaluator.Notifications.ShouldBeEmpty());

    [Theory]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed)]
    public void Alarm_OneFailedCycleHourly_NotifiesOnceForThatHour(string alarmId, Cycle failure) =>
        ForEveryAssumption(alarmId, Samples(alarmId, 60, 6 * Hours, minute => minute == 2 * Hours ? failure : Cycle.Good), 6 * Hours, (evaluator, every) =>
            evaluator.Notifications.ShouldHaveSingleItem().Minute.ShouldBeInRange(2 * Hours, (2 * Hours) + every));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(60)]
    public void CycleFailuresAlarm_InvocationsFailing_LeavesItToTheErrorsAlarm(int intervalMinutes) =>
        ForEveryAssumption("CycleFailuresAlarm", Samples("CycleFailuresAlarm", intervalMinutes, 6 * Hours, minute => minute >= 2 * Hours ? Cycle.InvocationFailed : Cycle.Good), 6 * Hours, (evaluator, _) =>
        {
            evaluator.Notifications.ShouldBeEmpty();
            evaluator.State.ShouldBe(AlarmState.Ok, "no cycle completed, so no Failures sample changed the state");
        });

    private void ForEveryAssumption(string alarmId, IReadOnlyList<MetricSample> samples, int untilMinute, Action<AlarmEvaluator, int> check) =>
        AlarmReplay.ForEveryAssumption(AlarmDefinition.FromTemplate(template, alarmId), samples, untilMinute, string.Empty, check);

    /// <summary>
    /// The samples one alarm's metric gets from cycles run every <paramref name="intervalMinutes"/>: on every completed
    /// cycle (0 failures included) the value of the alarm's metric in the line the function writes for it
    /// (<see cref="FunctionMetricLine"/>), and Lambda's Errors, 1 for a failed invocation and 0 otherwise
    /// (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html).
    /// </summary>
    private IReadOnlyList<MetricSample> Samples(string alarmId, int intervalMinutes, int untilMinute, Func<int, Cycle> outcome)
    {
        var alarm = AlarmDefinition.FromTemplate(template, alarmId);
        var lambdaErrors = alarm is { Namespace: "AWS/Lambda", MetricName: "Errors" };
        var written = FunctionMetricLine.Of(CycleSummary(failed: 0)).Metrics.Any(m => m.Namespace == alarm.Namespace && m.Name == alarm.MetricName);
        (lambdaErrors || written).ShouldBeTrue($"{alarmId} watches {alarm.Namespace} {alarm.MetricName}, which no cycle writes");
        List<MetricSample> samples = [];
        for (var minute = 0; minute < untilMinute; minute += intervalMinutes)
        {
            var cycle = outcome(minute);
            if (lambdaErrors)
            {
                samples.Add(new MetricSample(minute, cycle == Cycle.InvocationFailed ? 1 : 0));
            }
            else if (cycle != Cycle.InvocationFailed)
            {
                var line = FunctionMetricLine.Of(CycleSummary(failed: cycle == Cycle.SomeTasksFailed ? 3 : 0));
                samples.Add(new MetricSample(minute, line.Member(alarm.MetricName).GetDouble()));
            }
        }

        return samples;
    }

    private static PollCycleSummary CycleSummary(int failed) =>
        new(Checked: 5, Changed: 1, Published: 1, Failed: failed, Skipped: 0, Republished: 0, Discovered: 0, CutShort: false, Duration: TimeSpan.FromSeconds(3));
}
