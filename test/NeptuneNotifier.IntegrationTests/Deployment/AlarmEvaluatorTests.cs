namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The evaluator against the worked examples of CloudWatch's "How alarm state is evaluated when data is missing"
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html): 5-minute periods,
/// 5 datapoints retrieved, oldest first; 0 within the threshold, X breaching, - missing. Where the docs' table gives
/// missing or ignore with some but too few real datapoints, its rows follow no stated rule (an old X alarms, a recent X
/// does not), so the evaluator refuses those ("refused") rather than guess; the template's alarms never meet them.
/// </summary>
public sealed class AlarmEvaluatorTests
{
    [Theory]
    [InlineData("0 - X - X", 3, "OK", "OK", "OK", "OK")]
    [InlineData("- - - - -", 3, "INSUFFICIENT_DATA", "retain", "ALARM", "OK")]
    [InlineData("0 X X - X", 3, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("- - - - X", 3, "refused", "refused", "ALARM", "OK")]
    [InlineData("X - - - -", 3, "refused", "refused", "ALARM", "OK")]
    [InlineData("0 - - - -", 3, "refused", "refused", "OK", "OK")]
    [InlineData("0 - X - X", 2, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 0 X 0 X", 2, "ALARM", "ALARM", "ALARM", "ALARM")]
    [InlineData("0 - X - -", 2, "refused", "refused", "ALARM", "OK")]
    [InlineData("- - - - 0", 2, "refused", "refused", "ALARM", "OK")]
    [InlineData("- - - - X", 2, "refused", "refused", "ALARM", "OK")]
    public void Evaluate_DocumentedExample_GivesTheDocumentedState(string datapoints, int datapointsToAlarm, string missing, string ignore, string breaching, string notBreaching)
    {
        foreach (var (treatment, expected) in new[] { ("missing", missing), ("ignore", ignore), ("breaching", breaching), ("notBreaching", notBreaching) })
        {
            foreach (var before in new[] { AlarmState.Ok, AlarmState.Alarm })
            {
                if (expected == "refused")
                {
                    Should.Throw<NotSupportedException>(() => StateAfter(datapoints, datapointsToAlarm, treatment, before));
                    continue;
                }

                var state = StateAfter(datapoints, datapointsToAlarm, treatment, before);

                state.ShouldBe(expected switch
                {
                    "retain" => before,
                    "INSUFFICIENT_DATA" => AlarmState.InsufficientData,
                    "OK" => AlarmState.Ok,
                    _ => AlarmState.Alarm,
                }, $"{datapoints}, {datapointsToAlarm} of 3, {treatment}, previously {before}");
            }
        }
    }

    [Fact]
    public void Replay_StateChanges_RunTheActionsOfTheNewStateOnly()
    {
        var alarm = Alarm(1, "notBreaching") with { EvaluationPeriods = 1, StatesWithActions = new HashSet<AlarmState> { AlarmState.Alarm } };
        var evaluator = new AlarmEvaluator(alarm, evaluationRangePeriods: 2);

        evaluator.Replay([new MetricSample(10, 2), new MetricSample(12, 2), new MetricSample(30, 0), new MetricSample(40, 2)], untilMinute: 60);

        evaluator.Notifications.ShouldBe([new AlarmNotification(11, AlarmState.Alarm), new AlarmNotification(41, AlarmState.Alarm)]);
    }

    private static AlarmState StateAfter(string datapoints, int datapointsToAlarm, string treatment, AlarmState before)
    {
        var points = datapoints.Split(' ');
        List<MetricSample> samples = [];
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] != "-")
            {
                samples.Add(new MetricSample(i * 5, points[i] == "X" ? 2 : 0));
            }
        }

        // One evaluation, at the end of the fifth period.
        var evaluator = new AlarmEvaluator(Alarm(datapointsToAlarm, treatment), evaluationRangePeriods: 5, everyMinutes: 25, initialState: before);
        evaluator.Replay(samples, untilMinute: 25);
        return evaluator.State;
    }

    private static AlarmDefinition Alarm(int datapointsToAlarm, string treatment) =>
        new("Example", "Test", "Value", "Maximum", PeriodMinutes: 5, EvaluationPeriods: 3, datapointsToAlarm, Threshold: 1, "GreaterThanThreshold", treatment, new HashSet<AlarmState>());
}
