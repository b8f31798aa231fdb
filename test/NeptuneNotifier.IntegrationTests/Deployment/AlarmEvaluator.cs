using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

internal enum AlarmState
{
    InsufficientData,
    Ok,
    Alarm,
}

/// <summary>One value of a metric, as CloudWatch received it, at a whole minute.</summary>
internal sealed record MetricSample(int Minute, double Value);

/// <summary>An action CloudWatch ran: the alarm entered <paramref name="State"/> and had actions for it.</summary>
internal sealed record AlarmNotification(int Minute, AlarmState State);

/// <summary>A metric alarm of template.yaml, with a standard topic (actions under <c>!If [IsStandard, ...]</c> present).</summary>
internal sealed record AlarmDefinition(
    string Id,
    string Namespace,
    string MetricName,
    string Statistic,
    int PeriodMinutes,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    double Threshold,
    string ComparisonOperator,
    string TreatMissingData,
    IReadOnlySet<AlarmState> StatesWithActions)
{
    public static AlarmDefinition FromTemplate(SamTemplate template, string id)
    {
        var resource = template.Resource(id);
        template.Scalar(resource, "Type").ShouldBe("AWS::CloudWatch::Alarm", $"{id} is not a metric alarm");
        var properties = SamTemplate.Mapping(resource, "Properties");
        string? Optional(string key) => properties.Children.ContainsKey(key) ? template.Scalar(properties, key) : null;
        int Number(string key) => int.Parse(template.Scalar(properties, key), CultureInfo.InvariantCulture);

        var period = Number("Period");
        (period % 60).ShouldBe(0, $"{id}: the evaluator works in whole minutes");
        var evaluationPeriods = Number("EvaluationPeriods");
        HashSet<AlarmState> withActions = [];
        foreach (var (key, state) in new[] { ("AlarmActions", AlarmState.Alarm), ("OKActions", AlarmState.Ok), ("InsufficientDataActions", AlarmState.InsufficientData) })
        {
            if (properties.Children.TryGetValue(new YamlScalarNode(key), out var actions) && HasActionsForStandardTopic(actions))
            {
                withActions.Add(state);
            }
        }

        return new AlarmDefinition(
            id,
            template.Scalar(properties, "Namespace"),
            template.Scalar(properties, "MetricName"),
            template.Scalar(properties, "Statistic"),
            period / 60,
            evaluationPeriods,
            Optional("DatapointsToAlarm") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : evaluationPeriods,
            double.Parse(template.Scalar(properties, "Threshold"), CultureInfo.InvariantCulture),
            template.Scalar(properties, "ComparisonOperator"),
            Optional("TreatMissingData") ?? "missing",
            withActions);
    }

    // A plain list, or !If [IsStandard, [ ... ], !Ref AWS::NoValue] taken on its true branch.
    private static bool HasActionsForStandardTopic(YamlNode actions) => actions switch
    {
        YamlSequenceNode conditional when !conditional.Tag.IsEmpty && conditional.Tag.Value == "!If" => conditional.Children[1] is YamlSequenceNode { Children.Count: > 0 },
        YamlSequenceNode list => list.Children.Count > 0,
        _ => throw new InvalidDataException($"template.yaml line {actions.Start.Line}: actions are neither a list nor !If"),
    };
}

/// <summary>
/// CloudWatch's documented evaluation of a metric alarm, replayed minute by minute over synthetic samples.
/// <list type="bullet">
/// <item>Each evaluation looks at a sliding window: datapoint k aggregates, with the alarm's statistic, the samples
/// received in [t - (k+1) * Period, t - k * Period); the window advances at every evaluation
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation-window.html).</item>
/// <item>It retrieves more datapoints than EvaluationPeriods, an "evaluation range" whose length AWS does not state
/// (its example: 5 for 3): <paramref name="evaluationRangePeriods"/>. With at least EvaluationPeriods real datapoints
/// in the range it evaluates the most recent ones and TreatMissingData is not used; with fewer it fills the gap as
/// TreatMissingData says (breaching, notBreaching), keeps the state (ignore) or goes to INSUFFICIENT_DATA (missing)
/// when none exists; ALARM when at least DatapointsToAlarm of the evaluated datapoints breach, else OK
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html). For ignore and
/// missing with some but too few real datapoints the docs give only a table of examples, so the evaluator refuses
/// that case instead of guessing.</item>
/// <item>An alarm starts in INSUFFICIENT_DATA (<paramref name="initialState"/>) and runs actions only when its state changes
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).</item>
/// <item>Not documented, so a parameter: how often it evaluates (<paramref name="everyMinutes"/>). A sample is seen
/// from the minute after its own; CloudWatch's ingestion delay is not modelled and adds to every time found here.</item>
/// </list>
/// </summary>
internal sealed class AlarmEvaluator(AlarmDefinition alarm, int evaluationRangePeriods, int everyMinutes = 1, AlarmState initialState = AlarmState.InsufficientData)
{
    public AlarmState State { get; private set; } = initialState;

    public List<AlarmNotification> Notifications { get; } = [];

    public void Replay(IReadOnlyList<MetricSample> samples, int untilMinute)
    {
        evaluationRangePeriods.ShouldBeGreaterThan(alarm.EvaluationPeriods, "the evaluation range holds more datapoints than EvaluationPeriods");
        var byMinute = samples.ToLookup(s => s.Minute, s => s.Value);
        for (var minute = everyMinutes; minute <= untilMinute; minute += everyMinutes)
        {
            var next = Evaluate(byMinute, minute);
            if (next != State)
            {
                State = next;
                if (alarm.StatesWithActions.Contains(next))
                {
                    Notifications.Add(new AlarmNotification(minute, next));
                }
            }
        }
    }

    private AlarmState Evaluate(ILookup<int, double> byMinute, int now)
    {
        var period = alarm.PeriodMinutes;
        List<bool> real = [];
        for (var k = 0; k < evaluationRangePeriods; k++)
        {
            var values = Enumerable.Range(now - ((k + 1) * period), period).SelectMany(minute => byMinute[minute]).ToList();
            if (values.Count > 0)
            {
                real.Add(Breaches(Aggregate(values)));
            }
        }

        List<bool> evaluated;
        if (real.Count >= alarm.EvaluationPeriods)
        {
            evaluated = real[..alarm.EvaluationPeriods];
        }
        else if (alarm.TreatMissingData is "breaching" or "notBreaching")
        {
            evaluated = [.. real, .. Enumerable.Repeat(alarm.TreatMissingData == "breaching", alarm.EvaluationPeriods - real.Count)];
        }
        else if (real.Count == 0)
        {
            return alarm.TreatMissingData == "ignore" ? State : AlarmState.InsufficientData;
        }
        else
        {
            throw new NotSupportedException($"{alarm.Id}: TreatMissingData {alarm.TreatMissingData} with {real.Count} of {alarm.EvaluationPeriods} datapoints is documented only by example");
        }

        return evaluated.Count(b => b) >= alarm.DatapointsToAlarm ? AlarmState.Alarm : AlarmState.Ok;
    }

    private double Aggregate(List<double> values) => alarm.Statistic switch
    {
        "Minimum" => values.Min(),
        "Maximum" => values.Max(),
        "Sum" => values.Sum(),
        "Average" => values.Average(),
        "SampleCount" => values.Count,
        var other => throw new NotSupportedException($"{alarm.Id}: statistic {other}"),
    };

    private bool Breaches(double value) => alarm.ComparisonOperator switch
    {
        "GreaterThanOrEqualToThreshold" => value >= alarm.Threshold,
        "GreaterThanThreshold" => value > alarm.Threshold,
        "LessThanThreshold" => value < alarm.Threshold,
        "LessThanOrEqualToThreshold" => value <= alarm.Threshold,
        var other => throw new NotSupportedException($"{alarm.Id}: comparison {other}"),
    };
}
