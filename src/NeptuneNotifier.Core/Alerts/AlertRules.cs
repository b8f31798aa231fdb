namespace NeptuneNotifier.Core.Alerts;

/// <summary>What the alert rules decided about one detailed read of a running task.</summary>
/// <param name="Alert">The alert to claim, or null.</param>
/// <param name="Watch">The watch to store (with the alert's claim, or alone), or null when nothing needs writing.</param>
public sealed record AlertDecision(TaskAlert? Alert, AlertWatch? Watch)
{
    /// <summary>Nothing to claim and nothing to write.</summary>
    public static AlertDecision Nothing { get; } = new(null, null);
}

/// <summary>
/// The overdue and stalled rules, pure: every input is given (the stored task with its <see cref="AlertWatch"/>, the
/// fresh read, the time from the cycle's <see cref="TimeProvider"/>), so a function restarted between cycles decides
/// exactly as one that kept running.
/// </summary>
/// <remarks>
/// <para>
/// Elapsed time: the longer of the service's <c>timeElapsedSeconds</c> and the time since the service's
/// <c>startTime</c>, because both are the service's own account of when the task began, and a counter that stops
/// with a stuck task must not hide that it is overdue. When the answer gives neither, the time since tracking began:
/// the task started no later than that, so the alert can come late but never early.
/// </para>
/// <para>
/// Progress: the percentage and the records written (an export's vertices and edges, an import's statements and
/// dictionary entries). It moves when either rises above the highest value
/// seen in the current status. A value that goes backwards (a lagging or retried answer) is not progress, so it can
/// neither hide a stall nor start a new one; a change of status starts the marks afresh (an import's phases each
/// count from zero). The stall is timed on our clock from the read that first showed the marks, because a stuck
/// task may also stop its own counters.
/// </para>
/// </remarks>
public sealed class AlertRules(AlertOptions options)
{
    private readonly AlertOptions options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>How often a running task's details must be read when nothing else needs them: a quarter of the stall window.</summary>
    public TimeSpan? DetailReadInterval => options.StalledAfter / 4;

    /// <summary>
    /// True when the rules need a detailed read (GetExportTask) of <paramref name="task"/> now, though its status may be
    /// known without one (from a listing): the last detailed read is a quarter of the stall window old, or the task
    /// is overdue by the stored start and its alert is still owed. A poller that reads every task anyway uses it to
    /// decide whether the read refreshes <see cref="AlertWatch.CheckedAt"/>, so the watch is written at most that often.
    /// </summary>
    public bool NeedsDetailRead(TrackedTask task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!options.Enabled || task.Pending is not null || task.Status is not { IsTerminal: false } status || IsWindingDown(status))
        {
            return false;
        }

        var watch = task.Watch;
        if (options.StalledAfter is not null && (watch is null || now - watch.CheckedAt >= DetailReadInterval))
        {
            return true;
        }

        return options.OverdueAfter is { } overdue && watch?.OverdueAlertedAt is null && EstimatedElapsed(task, now) >= overdue;
    }

    /// <summary>
    /// The watch a claimed status change leaves: progress marks start afresh from <paramref name="current"/>, the
    /// overdue alert stays claimed (once per task); null when alerts are off.
    /// </summary>
    public AlertWatch? AfterTransition(TrackedTask task, TaskSnapshot current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(current);
        return options.Enabled ? Fresh(current, RecordsWritten(current), now, task.Watch?.OverdueAlertedAt) : null;
    }

    /// <summary>
    /// Judges a detailed read of a task whose status did not change. At most one alert per read: overdue first (once
    /// per task), then stalled (once per stall); a read that changed the status, or shows a terminal one, gets none,
    /// because the transition is notified. <paramref name="refresh"/> (what <see cref="NeedsDetailRead"/> said before
    /// the read) makes the decision write the watch even when nothing else changed.
    /// </summary>
    public AlertDecision Evaluate(TrackedTask task, TaskSnapshot current, DateTimeOffset now, bool refresh)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(current);
        if (!options.Enabled || current.Status.IsTerminal || IsWindingDown(current.Status) || task.Status != current.Status)
        {
            return AlertDecision.Nothing;
        }

        // The first look starts the marks and the stall clock now, so only the overdue rule can already apply.
        var records = RecordsWritten(current);
        var watch = task.Watch ?? Fresh(current, records, now, overdueAlertedAt: null);
        var moved = Rises(current.ProgressPercentage, watch.ProgressPercentage) || Rises(records, watch.RecordsWritten);
        var next = moved
            ? watch with { ProgressPercentage = Higher(current.ProgressPercentage, watch.ProgressPercentage), RecordsWritten = Higher(records, watch.RecordsWritten), ProgressSince = now, CheckedAt = now, StallAlertedAt = null }
            : refresh ? watch with { CheckedAt = now } : watch;

        if (options.OverdueAfter is { } overdue && watch.OverdueAlertedAt is null && Elapsed(task, current, now) is var running && running >= overdue)
        {
            return new AlertDecision(new TaskAlert.Overdue(WholeSeconds(running), overdue), next with { OverdueAlertedAt = now, CheckedAt = now });
        }

        if (!moved && options.StalledAfter is { } stalled && watch.StallAlertedAt is null && now - watch.ProgressSince >= stalled)
        {
            return new AlertDecision(new TaskAlert.Stalled(watch.ProgressSince, stalled), next with { StallAlertedAt = now, CheckedAt = now });
        }

        return new AlertDecision(null, next == task.Watch ? null : next);
    }

    /// <summary>
    /// How long the task has been running at <paramref name="now"/>, by the fresh read <paramref name="current"/>: the
    /// longer of the service's elapsed seconds and the time since its start, else the time since tracking began.
    /// </summary>
    public static TimeSpan Elapsed(TrackedTask task, TaskSnapshot current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(current);
        var reported = current.ReportedElapsed;
        var sinceStart = SinceStart(current.StartTime, now);
        return (reported, sinceStart) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => now > task.TrackedAt ? now - task.TrackedAt : TimeSpan.Zero,
        };
    }

    // Without a fresh read: the stored start, else the tracking start (a stored elapsed count is as old as its read).
    private static TimeSpan EstimatedElapsed(TrackedTask task, DateTimeOffset now) =>
        SinceStart(task.Snapshot?.StartTime, now) ?? now - task.TrackedAt;

    private static TimeSpan? SinceStart(DateTimeOffset? start, DateTimeOffset now) => start is { } at && at <= now ? now - at : null;

    // Marks start afresh from the read: progress and records as reported, the stall clock from now.
    private static AlertWatch Fresh(TaskSnapshot current, long? records, DateTimeOffset now, DateTimeOffset? overdueAlertedAt) =>
        new(current.ProgressPercentage, records, now, now, overdueAlertedAt, StallAlertedAt: null);

    // The claim stores whole seconds: the alert says the same on its first delivery and on a republish.
    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));

    // CANCELLING and ROLLING_BACK lead only to a final status, which is notified: "cancel it and start again" does not
    // apply, and neither state reports progress ("ROLLING_BACK: ... will be rolled back and eventually marked as
    // FAILED", https://docs.aws.amazon.com/neptune-analytics/latest/userguide/bulk-import-checking-details.html).
    private static bool IsWindingDown(NeptuneTaskStatus status) =>
        status == NeptuneTaskStatus.Cancelling || status == NeptuneTaskStatus.RollingBack;

    // An export's vertices and edges written, an import's statements and dictionary entries loaded: whichever the
    // answer reports.
    private static long? RecordsWritten(TaskSnapshot snapshot) =>
        snapshot.NumVerticesWritten is null && snapshot.NumEdgesWritten is null && snapshot.StatementCount is null && snapshot.DictionaryEntryCount is null
            ? null
            : (snapshot.NumVerticesWritten ?? 0) + (snapshot.NumEdgesWritten ?? 0) + (snapshot.StatementCount ?? 0) + (snapshot.DictionaryEntryCount ?? 0);

    private static bool Rises<T>(T? current, T? mark)
        where T : struct, IComparable<T> => current is { } value && (mark is not { } marked || value.CompareTo(marked) > 0);

    private static T? Higher<T>(T? current, T? mark)
        where T : struct, IComparable<T> => Rises(current, mark) ? current : mark;
}
