namespace NeptuneNotifier.Core.Polling;

/// <summary>What one poll cycle did.</summary>
/// <param name="Checked">Tasks asked about: GetExportTask calls (that returned, failed, or found the task gone), by the poll and by discovery.</param>
/// <param name="Changed">Transitions detected (in a dry run: that would have been notified).</param>
/// <param name="Published">New notifications published.</param>
/// <param name="Failed">Tasks whose read, claim or publish failed; they are retried next cycle.</param>
/// <param name="Skipped">Tasks not finished: the cycle was cut short, another cycle owns them, or it won the claim race.</param>
/// <param name="Republished">Pending notifications from an earlier cycle published now.</param>
/// <param name="Discovered">Tasks newly tracked from the configured graphs.</param>
/// <param name="CutShort">True when the cancellation token fired before every task was finished.</param>
/// <param name="Duration">Elapsed time, by the cycle's <see cref="TimeProvider"/>.</param>
public sealed record PollCycleSummary(
    int Checked,
    int Changed,
    int Published,
    int Failed,
    int Skipped,
    int Republished,
    int Discovered,
    bool CutShort,
    TimeSpan Duration)
{
    /// <summary>
    /// Every figure of a summary, in the order each report writes them. A new figure is a line here (and the
    /// <see cref="StepOutcome"/> fact it counts): the log line, the function's response, the metrics and the CLI follow.
    /// A figure without a metric name is not a CloudWatch metric (each custom metric is billed monthly): give it one
    /// only when an alarm or a dashboard needs it.
    /// </summary>
    public static IReadOnlyList<SummaryFigure> Figures { get; } =
    [
        new(nameof(Checked), "TasksChecked", "checked", FigureUnit.Count, s => s.Checked),
        new(nameof(Changed), "Transitions", "changed", FigureUnit.Count, s => s.Changed),
        new(nameof(Published), "Published", "published", FigureUnit.Count, s => s.Published),
        new(nameof(Republished), "Republished", "republished", FigureUnit.Count, s => s.Republished),
        new(nameof(Failed), "Failures", "failed", FigureUnit.Count, s => s.Failed),
        new(nameof(Skipped), "Skipped", "skipped", FigureUnit.Count, s => s.Skipped),
        new(nameof(Discovered), "Discovered", "discovered", FigureUnit.Count, s => s.Discovered),
        new(nameof(Recorded), "Recorded", "recorded as history", FigureUnit.Count, s => s.Recorded),
        new(nameof(Confirmed), null, "unchanged as listed", FigureUnit.Count, s => s.Confirmed),
        new(nameof(ListingPages), null, "listing pages", FigureUnit.Count, s => s.ListingPages),
        new(nameof(Alerts), null, "alerts", FigureUnit.Count, s => s.Alerts),
        new(nameof(CutShort), "CycleCutShort", "cut short", FigureUnit.Flag, s => s.CutShort ? 1 : 0),
        new("DurationMs", "CycleDuration", "ms", FigureUnit.Milliseconds, s => s.Duration.TotalMilliseconds),
    ];

    /// <summary>
    /// Export tasks of the configured graphs that finished before the graph was followed (or longer ago than the
    /// retention period), recorded without a notification.
    /// </summary>
    public int Recorded { get; init; }

    /// <summary>Tasks a graph's listing showed with their stored status: unchanged, and not read (no GetExportTask call).</summary>
    public int Confirmed { get; init; }

    /// <summary>ListExportTasks calls: pages of graph listings asked for, answered or failed.</summary>
    /// <remarks>With <see cref="Checked"/>, every call the cycle made to Neptune Analytics.</remarks>
    public int ListingPages { get; init; }

    /// <summary>Overdue and stalled alerts claimed (in a dry run: that would have been); published ones also count in <see cref="Published"/>.</summary>
    public int Alerts { get; init; }

    /// <summary>Counts every fact over the outcomes of a cycle's steps.</summary>
    internal static PollCycleSummary From(IReadOnlyCollection<StepOutcome> outcomes, bool cutShort, TimeSpan duration)
    {
        int Count(StepOutcome facts) => outcomes.Count(outcome => (outcome & facts) != 0);

        // A task the deadline interrupted is one the cycle did not finish: skipped, for this cycle.
        return new PollCycleSummary(
            Count(StepOutcome.Checked),
            Count(StepOutcome.Changed),
            Count(StepOutcome.Published),
            Count(StepOutcome.Failed),
            Count(StepOutcome.Skipped | StepOutcome.Interrupted),
            Count(StepOutcome.Republished),
            Count(StepOutcome.Discovered),
            cutShort,
            duration)
        {
            Recorded = Count(StepOutcome.Recorded),
            Confirmed = Count(StepOutcome.Confirmed),
            ListingPages = Count(StepOutcome.ListedPage),
            Alerts = Count(StepOutcome.Alerted),
        };
    }
}
