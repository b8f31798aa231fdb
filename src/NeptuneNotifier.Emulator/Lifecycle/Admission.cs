namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>
/// Whether a graph may start one more task. The API model leaves this open; the emulator's choice: the graph must be
/// AVAILABLE and run fewer than <see cref="EmulatorOptions.MaxActiveTasksPerGraph"/> tasks that are not terminal.
/// </summary>
internal static class Admission
{
    public static void EnsureCanStart(GraphRecord graph, IEnumerable<TaskRecord> tasksOfGraph, int maxActiveTasks, DateTimeOffset now)
    {
        if (graph.Graph.Status != "AVAILABLE")
        {
            throw EmulatorException.Conflict($"Graph {graph.Graph.Id} is {graph.Graph.Status}; it must be AVAILABLE.");
        }

        var active = tasksOfGraph.Count(task =>
        {
            task.Timeline.Advance(now);
            return !TaskStatuses.IsTerminal(task.Timeline.Phase);
        });
        if (active >= maxActiveTasks)
        {
            throw EmulatorException.Quota($"Graph {graph.Graph.Id} already has {active} task(s) in progress.");
        }
    }
}
