namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>A task as a client sees it at one instant, computed from its timeline.</summary>
internal static class TaskViews
{
    public static TaskView Of(TaskRecord task, DateTimeOffset now)
    {
        var timeline = task.Timeline;
        timeline.Advance(now);
        // The service reports no export details before the export has really started.
        if (task.Kind == TaskKind.Export && timeline.Phase == TaskStatuses.Initializing)
        {
            return new TaskView(task, timeline.Phase, timeline.StatusReason, Progress: null);
        }

        var progress = timeline.ProgressAt(now);
        var statements = Done(task.Totals.Statements, progress);
        return new TaskView(task, timeline.Phase, timeline.StatusReason, new TaskProgress(
            timeline.StartedAt,
            timeline.ElapsedSecondsAt(now),
            (int)Math.Floor(progress),
            Done(task.Totals.Vertices, progress),
            Done(task.Totals.Edges, progress),
            ErrorCount: task.Kind == TaskKind.Import && timeline.Phase == TaskStatuses.Failed ? 1 : 0,
            statements,
            statements / 4));
    }

    private static long Done(long total, double progress) => (long)Math.Floor(total * progress / 100);
}
