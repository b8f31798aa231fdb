namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>Durations of one task's phases, already divided by the speed factor.</summary>
internal sealed record PhaseDurations(
    TimeSpan Initializing,
    TimeSpan Analyzing,
    TimeSpan Working,
    TimeSpan Cancelling,
    double Speed);

/// <summary>A failure scripted to happen when progress reaches <see cref="AtProgress"/>.</summary>
internal sealed record ScriptedFailure(double AtProgress, string Reason);

/// <summary>The status a task showed from <see cref="At"/> on, until its next change.</summary>
internal sealed record StatusSince(DateTimeOffset At, string Status, string? Reason);

/// <summary>
/// One task's lifecycle, computed lazily: the timeline stores the phase it was last seen in and catches up
/// to any instant on demand, so a fake clock needs no ticks and nothing runs in the background.
/// Not thread-safe; the emulator state guards it.
/// </summary>
internal sealed class TaskTimeline(EmulatedTaskKind kind, DateTimeOffset startedAt, PhaseDurations durations)
{
    private const string DefaultFailureReason = "The task failed.";

    private readonly List<StatusSince> history = [new(startedAt, TaskStatuses.Initializing, null)];
    private double progressAtPhaseStart;
    private ScriptedFailure? failure;

    // A stall: the working phase grows to this progress and stays there, still running, until resumed.
    private double? holdAt;

    // How many times longer than planned the rest of the work takes (a task that runs long).
    private double slowdown = 1;

    public EmulatedTaskKind Kind { get; } = kind;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public string Phase { get; private set; } = TaskStatuses.Initializing;

    public DateTimeOffset PhaseStartedAt { get; private set; } = startedAt;

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? StatusReason { get; private set; }

    /// <summary>The phase in which progress grows: EXPORTING for exports, IMPORTING for imports.</summary>
    private string WorkingPhase => Kind == EmulatedTaskKind.Export ? TaskStatuses.Exporting : TaskStatuses.Importing;

    /// <summary>An export or import that finished before the emulator started: it shows <paramref name="status"/> from <paramref name="finishedAt"/> on.</summary>
    public static TaskTimeline Concluded(EmulatedTaskKind kind, DateTimeOffset startedAt, PhaseDurations durations, string status, DateTimeOffset finishedAt, double progress, string? reason)
    {
        var timeline = new TaskTimeline(kind, startedAt, durations);
        timeline.Finish(status, finishedAt, progress, reason);
        return timeline;
    }

    /// <summary>
    /// The status shown at <paramref name="instant"/>, for a listing that lags behind (call <see cref="Advance"/>
    /// up to now first); null before the task started.
    /// </summary>
    public StatusSince? StatusAt(DateTimeOffset instant)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].At <= instant)
            {
                return history[i];
            }
        }

        return null;
    }

    /// <summary>Moves through every phase boundary that lies at or before <paramref name="now"/>.</summary>
    public void Advance(DateTimeOffset now)
    {
        while (!TaskStatuses.IsTerminal(Phase))
        {
            var (end, next) = PhaseEnd();
            if (end > now)
            {
                return;
            }

            if (Phase == WorkingPhase)
            {
                var target = WorkingTarget();
                if (failure is not null)
                {
                    Finish(TaskStatuses.Failed, end, target, failure.Reason);
                }
                else
                {
                    Finish(TaskStatuses.Succeeded, end, 100, reason: null);
                }
            }
            else if (TaskStatuses.IsTerminal(next))
            {
                Finish(next, end, progressAtPhaseStart, next == TaskStatuses.Failed ? StatusReason ?? DefaultFailureReason : StatusReason);
            }
            else
            {
                Enter(next, end);
            }
        }
    }

    /// <summary>Progress in percent at <paramref name="now"/> (call <see cref="Advance"/> first).</summary>
    public double ProgressAt(DateTimeOffset now)
    {
        if (Phase != WorkingPhase)
        {
            return progressAtPhaseStart;
        }

        if (durations.Working <= TimeSpan.Zero)
        {
            return WorkingTarget();
        }

        var grown = (now - PhaseStartedAt) / (durations.Working * slowdown) * 100;
        return Math.Min(WorkingTarget(), progressAtPhaseStart + Math.Max(0, grown));
    }

    /// <summary>Emulated seconds since the start, frozen once the task is terminal; scaled back up by the speed factor.</summary>
    public long ElapsedSecondsAt(DateTimeOffset now)
    {
        var end = FinishedAt ?? now;
        var elapsed = end > StartedAt ? end - StartedAt : TimeSpan.Zero;
        return (long)Math.Floor(elapsed.TotalSeconds * durations.Speed);
    }

    /// <summary>Shows <paramref name="status"/> from <paramref name="now"/> on; a non-terminal status resumes the lifecycle from there.</summary>
    public void Force(string status, DateTimeOffset now, string? reason)
    {
        Advance(now);
        progressAtPhaseStart = status == TaskStatuses.Succeeded ? 100 : ProgressAt(now);
        Phase = status;
        PhaseStartedAt = now;
        FinishedAt = TaskStatuses.IsTerminal(status) ? now : null;
        StatusReason = reason ?? (status == TaskStatuses.Failed ? DefaultFailureReason : null);
        Record(now);
    }

    /// <summary>Makes the task fail with <paramref name="reason"/> once progress reaches <paramref name="atProgress"/>.</summary>
    public void ScriptFailure(double atProgress, string reason, DateTimeOffset now)
    {
        EnsureRunning(now, "a failure can only be scripted for a task that is still running");
        Rebase(now);
        failure = new ScriptedFailure(Math.Clamp(atProgress, 0, 100), reason);
    }

    /// <summary>
    /// Stops the task's progress at <paramref name="atProgress"/> (or where it is now, when that is further or not
    /// given): it keeps its running status and reports the same progress until <see cref="ResumeProgress"/>.
    /// </summary>
    public void HoldProgress(int? atProgress, DateTimeOffset now)
    {
        EnsureRunning(now, "only a task that is still running can be stopped");
        Rebase(now);
        holdAt = Math.Max(progressAtPhaseStart, atProgress ?? 0);
    }

    /// <summary>Lets a held task progress again from where it stands.</summary>
    public void ResumeProgress(DateTimeOffset now)
    {
        Advance(now);
        Rebase(now);
        holdAt = null;
    }

    /// <summary>Makes the rest of the task's work take <paramref name="factor"/> times as long as planned (a task that runs long).</summary>
    public void SlowDown(double factor, DateTimeOffset now)
    {
        EnsureRunning(now, "only a task that is still running can be slowed down");
        Rebase(now);
        slowdown = factor;
    }

    /// <summary>Starts cancelling; false when the task is already terminal (the caller answers a conflict).</summary>
    public bool Cancel(DateTimeOffset now)
    {
        Advance(now);
        if (TaskStatuses.IsTerminal(Phase))
        {
            return false;
        }

        if (Phase != TaskStatuses.Cancelling)
        {
            Rebase(now);
            Phase = TaskStatuses.Cancelling;
            Record(now);
        }

        return true;
    }

    // Brings the task up to now; a finished one cannot be changed (the control route answers 409 with the rule).
    private void EnsureRunning(DateTimeOffset now, string rule)
    {
        Advance(now);
        if (TaskStatuses.IsTerminal(Phase))
        {
            throw new InvalidOperationException($"The task is already {Phase}; {rule}.");
        }
    }

    private void Rebase(DateTimeOffset now)
    {
        progressAtPhaseStart = ProgressAt(now);
        PhaseStartedAt = now;
    }

    private double WorkingTarget() => Math.Max(progressAtPhaseStart, Math.Min(holdAt ?? 100, failure?.AtProgress ?? 100));

    // A hold short of the scripted end (failure or 100%) keeps the working phase running for good.
    private bool Held => holdAt is { } hold && hold < (failure?.AtProgress ?? 100);

    private (DateTimeOffset End, string Next) PhaseEnd() => Phase switch
    {
        TaskStatuses.Initializing => (PhaseStartedAt + durations.Initializing, Kind == EmulatedTaskKind.Export ? TaskStatuses.Exporting : TaskStatuses.AnalyzingData),
        TaskStatuses.AnalyzingData => (PhaseStartedAt + durations.Analyzing, TaskStatuses.Importing),
        // An import from a Neptune database first exports it; the emulator treats that like analysis.
        TaskStatuses.Exporting when Kind == EmulatedTaskKind.Import => (PhaseStartedAt + durations.Analyzing, TaskStatuses.AnalyzingData),
        TaskStatuses.Reprovisioning => (PhaseStartedAt + durations.Analyzing, TaskStatuses.Importing),
        TaskStatuses.RollingBack => (PhaseStartedAt + durations.Cancelling, TaskStatuses.Failed),
        TaskStatuses.Cancelling => (PhaseStartedAt + durations.Cancelling, TaskStatuses.Cancelled),
        _ when Phase == WorkingPhase && Held => (DateTimeOffset.MaxValue, TaskStatuses.Succeeded),
        _ when Phase == WorkingPhase => (PhaseStartedAt + WorkingRemaining(), TaskStatuses.Succeeded),
        _ => throw new InvalidOperationException($"No lifecycle rule for phase {Phase} of an {Kind} task."),
    };

    private TimeSpan WorkingRemaining() =>
        durations.Working <= TimeSpan.Zero ? TimeSpan.Zero : durations.Working * slowdown * ((WorkingTarget() - progressAtPhaseStart) / 100);

    private void Enter(string phase, DateTimeOffset at)
    {
        progressAtPhaseStart = phase == WorkingPhase ? 0 : progressAtPhaseStart;
        Phase = phase;
        PhaseStartedAt = at;
        Record(at);
    }

    private void Finish(string status, DateTimeOffset at, double progress, string? reason)
    {
        progressAtPhaseStart = progress;
        Phase = status;
        PhaseStartedAt = at;
        FinishedAt = at;
        StatusReason = reason;
        Record(at);
    }

    private void Record(DateTimeOffset at) => history.Add(new StatusSince(at, Phase, StatusReason));
}
