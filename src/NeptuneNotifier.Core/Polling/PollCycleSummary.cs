namespace NeptuneNotifier.Core.Polling;

/// <summary>What one poll cycle did.</summary>
/// <param name="Checked">Tasks asked about (GetExportTask calls that returned, failed, or found the task gone).</param>
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
    /// Export tasks of the configured graphs that finished before the graph was followed (or longer ago than the
    /// retention period), recorded without a notification.
    /// </summary>
    public int Recorded { get; init; }
}
