namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>A discovery run's history: the exports each graph finished before the cycles follow it.</summary>
internal sealed partial class FaultInjectionRun
{
    // Each graph gets 1 to HistoryExportsPerGraph exports, one after another (a graph runs one at a time), some failed or
    // cancelled, all finished long before the first cycle follows the graph: beyond the one-minute margin of the rule.
    private async Task MakeHistoryAsync(EmulatorControl control, NeptuneGraphClient neptune, List<ScenarioExportTask> first, CancellationToken cancellationToken)
    {
        List<string> batch = [.. first.Select(t => t.TaskId!)];
        for (var round = 1; ; round++)
        {
            foreach (var taskId in batch)
            {
                switch (random.Next(4))
                {
                    case 0:
                        control.ScriptFailure(taskId, random.Next(1, 100), "Simulated failure before the graph was followed.");
                        break;
                    case 1:
                        control.SetNextStatus(taskId, "CANCELLING");
                        break;
                    default:
                        break;
                }
            }

            history.AddRange(batch);
            // The longest export of the run (12 M elements) takes 30 s + 60 s + 120 s.
            time.Advance(TimeSpan.FromMinutes(5));
            if (batch.FirstOrDefault(id => control.GetTask(id) is not { } task || !IsFinal(task.Status)) is { } unfinished)
            {
                throw new InvalidOperationException($"History export {unfinished} did not finish before the graphs were followed.");
            }

            if (round >= settings.HistoryExportsPerGraph)
            {
                break;
            }

            batch = [];
            foreach (var graphId in first.Select(t => t.GraphId))
            {
                if (random.NextDouble() < 0.5)
                {
                    batch.Add(await StartExportAsync(neptune, graphId, cancellationToken));
                }
            }
        }

        time.Advance(TimeSpan.FromMinutes(10));
    }
}
