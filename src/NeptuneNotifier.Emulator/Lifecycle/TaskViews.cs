namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>A task as a client sees it at one instant, computed from its timeline.</summary>
internal static class TaskViews
{
    public static TaskView Of(TaskRecord task, DateTimeOffset now)
    {
        var timeline = task.Timeline;
        timeline.Advance(now);
        // The service reports no export details before the export has really started.
        if (task.Kind == EmulatedTaskKind.Export && timeline.Phase == TaskStatuses.Initializing)
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
            ErrorCount: task.Kind == EmulatedTaskKind.Import && timeline.Phase == TaskStatuses.Failed ? 1 : 0,
            statements,
            statements / 4));
    }

    /// <summary>
    /// A listing entry that lags: <paramref name="current"/> with the status and reason the task showed at
    /// <paramref name="instant"/>, or null when it had not started then (a lagging listing does not know it yet).
    /// </summary>
    public static TaskView? AsListedAt(TaskView current, DateTimeOffset instant) =>
        current.Task.Timeline.StatusAt(instant) is { } shown ? current with { Status = shown.Status, StatusReason = shown.Reason } : null;

    private static long Done(long total, double progress) => (long)Math.Floor(total * progress / 100);
}
