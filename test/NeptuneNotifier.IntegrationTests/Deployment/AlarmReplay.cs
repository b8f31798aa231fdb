namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// Replays an alarm of template.yaml under every choice of what CloudWatch leaves unstated (how many extra periods an
/// evaluation reads, how often it runs): an expectation of the alarm tests must hold for each.
/// </summary>
internal static class AlarmReplay
{
    private static readonly int[] RangeExtraPeriods = [1, 2, 4];
    private static readonly int[] EveryMinutes = [1, 2];

    /// <summary>
    /// Replays <paramref name="samples"/> until <paramref name="untilMinute"/> and runs <paramref name="check"/> with the
    /// evaluator and its evaluation interval; a failure names the choices and <paramref name="scenario"/>.
    /// </summary>
    public static void ForEveryAssumption(AlarmDefinition alarm, IReadOnlyList<MetricSample> samples, int untilMinute, string scenario, Action<AlarmEvaluator, int> check)
    {
        foreach (var extra in RangeExtraPeriods)
        {
            foreach (var every in EveryMinutes)
            {
                var evaluator = new AlarmEvaluator(alarm, alarm.EvaluationPeriods + extra, every);
                evaluator.Replay(samples, untilMinute);
                try
                {
                    check(evaluator, every);
                }
                catch (ShouldAssertException exception)
                {
                    throw new ShouldAssertException(
                        $"{alarm.Id} with an evaluation range of {alarm.EvaluationPeriods + extra} periods, evaluated every {every} min{scenario}; notifications at " +
                        $"[{string.Join(", ", evaluator.Notifications.Select(n => $"{n.Minute}:{n.State}"))}]\n{exception.Message}",
                        exception);
                }
            }
        }
    }
}
