using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The function alarms of template.yaml replayed by <see cref="AlarmEvaluator"/> (CloudWatch's documented semantics)
/// over synthetic cycles at rate(1 minute), rate(5 minutes) and rate(1 hour), with Lambda's retries of a failed
/// invocation. Every expectation must hold for each choice of what AWS does not document (<see cref="AlarmReplay"/>, and
/// how long a failed attempt runs).
/// </summary>
public sealed class AlarmTests
{
    private const int Hours = 60;
    private const int WindowMinutes = 15;

    private readonly SamTemplate template = SamTemplate.Load();

    /// <summary>How a tick's invocation ended.</summary>
    public enum Cycle
    {
        /// <summary>Every task handled.</summary>
        Good,

        /// <summary>The cycle completed, and some task failed (Failures &gt; 0).</summary>
        SomeTasksFailed,

        /// <summary>The invocation failed (init error, timeout, crash), and so did every retry Lambda made (MaximumRetryAttempts).</summary>
        InvocationFailed,

        /// <summary>The invocation failed, and Lambda's first retry completed a good cycle.</summary>
        RetrySucceeded,
    }

    [Theory]
    [InlineData("FunctionErrorsAlarm", 1)]
    [InlineData("FunctionErrorsAlarm", 5)]
    [InlineData("FunctionErrorsAlarm", 60)]
    [InlineData("CycleFailuresAlarm", 1)]
    [InlineData("CycleFailuresAlarm", 5)]
    [InlineData("CycleFailuresAlarm", 60)]
    public void Alarm_DeployThenHealthyCycles_SendsNothing(string alarmId, int intervalMinutes) =>
        ForEveryAssumption(alarmId, intervalMinutes, 6 * Hours, _ => Cycle.Good, (evaluator, _, _) =>
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
        Cycle Outcome(int minute) => starts.Any(start => minute >= start && minute < start + (3 * Hours)) ? failure : Cycle.Good;

        ForEveryAssumption(alarmId, intervalMinutes, 10 * Hours, Outcome, (evaluator, every, _) =>
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
        ForEveryAssumption(alarmId, intervalMinutes, 6 * Hours, minute => minute == 2 * Hours ? failure : Cycle.Good, (evaluator, _, _) =>
            evaluator.Notifications.ShouldBeEmpty());

    [Theory]
    [InlineData("FunctionErrorsAlarm", Cycle.InvocationFailed)]
    [InlineData("CycleFailuresAlarm", Cycle.SomeTasksFailed)]
    public void Alarm_OneFailedCycleHourly_NotifiesOnceForThatHour(string alarmId, Cycle failure) =>
        ForEveryAssumption(alarmId, 60, 6 * Hours, minute => minute == 2 * Hours ? failure : Cycle.Good, (evaluator, every, _) =>
            evaluator.Notifications.ShouldHaveSingleItem().Minute.ShouldBeInRange(2 * Hours, (2 * Hours) + every));

    // The failed attempt's Errors 1 is alone in the window until the retry's 0 comes in: an evaluation in between
    // alarms, one after it does not. When CloudWatch evaluates is not documented, so either may happen; what holds is
    // that the retry's datapoint clears it, without waiting for the next tick.
    [Fact]
    public void FunctionErrorsAlarm_HourlyInvocationWhoseRetrySucceeds_NotifiesAtMostOnceAndClearsWithTheRetry() =>
        ForEveryAssumption("FunctionErrorsAlarm", 60, (3 * Hours) - 1, minute => minute == 2 * Hours ? Cycle.RetrySucceeded : Cycle.Good, (evaluator, every, retry) =>
        {
            evaluator.Notifications.Count.ShouldBeLessThanOrEqualTo(1);
            evaluator.Notifications.ShouldAllBe(n => n.Minute >= 2 * Hours && n.Minute <= (2 * Hours) + retry + every, "only before the retry's datapoint is seen");
            evaluator.State.ShouldBe(AlarmState.Ok, "the retry's Errors 0 cleared the alarm before the next tick");
        });

    [Theory]
    [InlineData(Cycle.InvocationFailed, 1)]
    [InlineData(Cycle.InvocationFailed, 5)]
    [InlineData(Cycle.InvocationFailed, 60)]
    public void CycleFailuresAlarm_InvocationsFailing_LeavesItToTheErrorsAlarm(Cycle failure, int intervalMinutes) =>
        ForEveryAssumption("CycleFailuresAlarm", intervalMinutes, 6 * Hours, minute => minute >= 2 * Hours ? failure : Cycle.Good, (evaluator, _, _) =>
        {
            evaluator.Notifications.ShouldBeEmpty();
            evaluator.State.ShouldBe(AlarmState.Ok, "no failed attempt writes Failures");
        });

    /// <summary>
    /// Replays <paramref name="alarmId"/> over ticks every <paramref name="intervalMinutes"/> ending as
    /// <paramref name="outcome"/> says, for a failed attempt that ends at once and for one that runs to the function's
    /// Timeout; <paramref name="check"/> gets the evaluator, its interval and the first retry's minutes after its tick.
    /// </summary>
    private void ForEveryAssumption(string alarmId, int intervalMinutes, int untilMinute, Func<int, Cycle> outcome, Action<AlarmEvaluator, int, int> check)
    {
        var alarm = AlarmDefinition.FromTemplate(template, alarmId);
        var timeout = template.FunctionTimeoutSeconds;
        var retries = int.Parse(template.Scalar(SamTemplate.Mapping(template.Properties(SamTemplate.FunctionId), "EventInvokeConfig"), "MaximumRetryAttempts"), CultureInfo.InvariantCulture);
        foreach (var failedAttemptMinutes in new[] { 0, (timeout + 59) / 60 })
        {
            int[] retryOffsets = [.. RetryOffsets(failedAttemptMinutes).Take(retries)];
            var samples = Samples(alarm, intervalMinutes, untilMinute, outcome, retryOffsets);
            AlarmReplay.ForEveryAssumption(alarm, samples, untilMinute, $", failed attempts lasting {failedAttemptMinutes} min, {retries} retries", (evaluator, every) =>
                check(evaluator, every, retryOffsets.FirstOrDefault()));
        }
    }

    /// <summary>
    /// The samples one alarm's metric gets from the ticks: Lambda's Errors, 1 for each failed attempt and 0 for one
    /// that did not fail (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html); and on every
    /// attempt that completes a cycle (0 failures included) the value of the alarm's metric in the line the function
    /// writes for it (<see cref="FunctionMetricLine"/>). A failed attempt writes no line, so Lambda's retries add Errors
    /// datapoints only.
    /// </summary>
    private static List<MetricSample> Samples(AlarmDefinition alarm, int intervalMinutes, int untilMinute, Func<int, Cycle> outcome, int[] retryOffsets)
    {
        var lambdaErrors = alarm is { Namespace: "AWS/Lambda", MetricName: "Errors" };
        var written = FunctionMetricLine.Of(CycleSummary(failed: 0)).Metrics.Any(m => m.Namespace == alarm.Namespace && m.Name == alarm.MetricName);
        (lambdaErrors || written).ShouldBeTrue($"{alarm.Id} watches {alarm.Namespace} {alarm.MetricName}, which no cycle writes");
        List<MetricSample> samples = [];
        for (var tick = 0; tick < untilMinute; tick += intervalMinutes)
        {
            // (minute, failed tasks of the cycle it completed, or null for a failed attempt)
            (int Minute, int? FailedTasks)[] attempts = outcome(tick) switch
            {
                Cycle.Good => [(tick, 0)],
                Cycle.SomeTasksFailed => [(tick, 3)],
                Cycle.RetrySucceeded when retryOffsets.Length > 0 => [(tick, null), (tick + retryOffsets[0], 0)],
                Cycle.RetrySucceeded => throw new InvalidOperationException("MaximumRetryAttempts is 0: no retry to succeed"),
                _ => [(tick, null), .. retryOffsets.Select(offset => (tick + offset, (int?)null))],
            };
            foreach (var (minute, failedTasks) in attempts)
            {
                if (lambdaErrors)
                {
                    samples.Add(new MetricSample(minute, failedTasks is null ? 1 : 0));
                }
                else if (failedTasks is { } failed)
                {
                    samples.Add(new MetricSample(minute, FunctionMetricLine.Of(CycleSummary(failed)).Member(alarm.MetricName).GetDouble()));
                }
            }
        }

        return samples;
    }

    /// <summary>
    /// When Lambda retries a failed asynchronous invocation (up to the template's MaximumRetryAttempts), in minutes after its first attempt:
    /// "a one-minute wait between the first two attempts, and two minutes between the second and third"
    /// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). Whether a wait counts from an
    /// attempt's start or its end, and which minute an attempt's datapoint carries, is not stated: a failed attempt that
    /// lasts <paramref name="failedAttemptMinutes"/> covers both, from an init error (0) to a timeout.
    /// </summary>
    private static int[] RetryOffsets(int failedAttemptMinutes) => [failedAttemptMinutes + 1, (2 * failedAttemptMinutes) + 3];

    private static PollCycleSummary CycleSummary(int failed) =>
        new(Checked: 5, Changed: 1, Published: 1, Failed: failed, Skipped: 0, Republished: 0, Discovered: 0, CutShort: false, Duration: TimeSpan.FromSeconds(3));
}
