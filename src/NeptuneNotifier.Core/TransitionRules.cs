namespace NeptuneNotifier.Core;

/// <summary>What a newly read status means against the stored one.</summary>
public enum TransitionKind
{
    /// <summary>Same status as stored: nothing to notify, nothing to write.</summary>
    None,

    /// <summary>The task's first sighting: notified, whatever the status.</summary>
    FirstSighting,

    /// <summary>A change to a non-terminal status (including an unknown one).</summary>
    Changed,

    /// <summary>A change to a terminal status: notified once, then the task is no longer polled.</summary>
    Finished,
}

/// <summary>The notification rules, one place for every status pair.</summary>
public static class TransitionRules
{
    /// <summary>
    /// Classifies a read: any difference from the stored status is a transition (so an unknown future status is
    /// notified), the first sighting is one, and a terminal status makes it <see cref="TransitionKind.Finished"/>.
    /// </summary>
    public static TransitionKind Classify(NeptuneTaskStatus? stored, NeptuneTaskStatus current) => (stored, current) switch
    {
        (null, { IsTerminal: true }) => TransitionKind.Finished,
        (null, _) => TransitionKind.FirstSighting,
        ({ } s, _) when s == current => TransitionKind.None,
        (_, { IsTerminal: true }) => TransitionKind.Finished,
        _ => TransitionKind.Changed,
    };

    /// <summary>How long before a graph was followed an export must have finished to count as the graph's history.</summary>
    /// <remarks>Covers a listing that lags a moment behind a task that has just started.</remarks>
    public static readonly TimeSpan HistoryMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// True when an export task that graph discovery finds for the first time is history rather than news: it is
    /// finished, and it finished before the graph was followed (less <see cref="HistoryMargin"/>) or longer ago than
    /// <paramref name="retention"/> (so its record expired after it was notified). A task whose start or elapsed time
    /// is not reported is news: when in doubt, notify.
    /// </summary>
    public static bool IsHistory(TaskSnapshot snapshot, DateTimeOffset followedSince, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // An elapsed time that runs past the calendar is as malformed as an implausible one.
        if (!snapshot.Status.IsTerminal || snapshot.StartTime is not { } start
            || snapshot.ReportedElapsed is not { } elapsed
            || start > DateTimeOffset.MaxValue - elapsed)
        {
            return false;
        }

        var finishedAt = start + elapsed;
        return finishedAt < followedSince - HistoryMargin || finishedAt < now - retention;
    }

    /// <summary>True when the task must still be read from the service: not terminal and nothing pending.</summary>
    public static bool NeedsPolling(TrackedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Pending is null && task.Status is not { IsTerminal: true };
    }
}
