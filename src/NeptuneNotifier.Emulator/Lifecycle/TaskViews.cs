namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>A task as a client sees it at one instant, computed from its timeline.</summary>
internal static class TaskViews
{
    public static ExportTaskView Of(ExportTaskRecord task, DateTimeOffset now)
    {
        var timeline = task.Timeline;
        timeline.Advance(now);
        ExportProgress? details = null;
        // The service reports no details before the export has really started.
        if (timeline.Phase != TaskStatuses.Initializing)
        {
            var progress = timeline.ProgressAt(now);
            details = new ExportProgress(
                timeline.StartedAt,
                timeline.ElapsedSecondsAt(now),
                (int)Math.Floor(progress),
                (long)Math.Floor(task.VertexTotal * progress / 100),
                (long)Math.Floor(task.EdgeTotal * progress / 100));
        }

        return new ExportTaskView(task, timeline.Phase, timeline.StatusReason, details);
    }

    public static ImportTaskView Of(ImportTaskRecord task, DateTimeOffset now)
    {
        var timeline = task.Timeline;
        timeline.Advance(now);
        var progress = timeline.ProgressAt(now);
        var statements = (long)Math.Floor(task.StatementTotal * progress / 100);
        var details = new ImportProgress(
            timeline.Phase,
            timeline.StartedAt,
            timeline.ElapsedSecondsAt(now),
            (int)Math.Floor(progress),
            ErrorCount: timeline.Phase == TaskStatuses.Failed ? 1 : 0,
            statements,
            statements / 4);
        return new ImportTaskView(task, timeline.Phase, timeline.StatusReason, details);
    }
}
