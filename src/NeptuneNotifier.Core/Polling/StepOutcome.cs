namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// What one step of a poll cycle did with one task (or one page of a graph's listing): the facts it adds to the cycle's summary.
/// A step may do several things (read a task, see a transition, publish it, then fail to confirm it), so an outcome is
/// a set of facts; <see cref="PollCycleSummary.From"/> counts each fact over the cycle's outcomes.
/// </summary>
[Flags]
internal enum StepOutcome
{
    /// <summary>Nothing to count: a step that found nothing to do, or was stopped before doing anything it counts.</summary>
    None = 0,

    /// <summary>The task was asked about (one GetExportTask call): the read answered, failed, or found the task gone.</summary>
    Checked = 1 << 0,

    /// <summary>The read found a transition (in a dry run: one that would have been notified).</summary>
    Changed = 1 << 1,

    /// <summary>A new notification went out.</summary>
    Published = 1 << 2,

    /// <summary>A notification an earlier cycle claimed but did not confirm went out.</summary>
    Republished = 1 << 3,

    /// <summary>A read, listing, claim, publish or confirmation failed; a later cycle retries it.</summary>
    Failed = 1 << 4,

    /// <summary>Left alone: another cycle holds or claimed the notification, or a dry run would have republished it.</summary>
    Skipped = 1 << 5,

    /// <summary>The deadline stopped the step before it finished: the task comes first next cycle.</summary>
    Interrupted = 1 << 6,

    /// <summary>A task of a configured graph is followed from now on.</summary>
    Discovered = 1 << 7,

    /// <summary>A finished task of a configured graph was recorded as history, without a notification.</summary>
    Recorded = 1 << 8,

    /// <summary>A graph's listing showed the task with its stored status: unchanged, and not read.</summary>
    Confirmed = 1 << 9,

    /// <summary>One page of a graph's export task listing was asked for (one ListExportTasks call), answered or failed.</summary>
    ListedPage = 1 << 10,

    /// <summary>The read found a running task overdue or stalled: an alert was claimed (in a dry run: would have been).</summary>
    Alerted = 1 << 11,

    /// <summary>Read, found a transition, and published it.</summary>
    Notified = Checked | Changed | Published,
}
