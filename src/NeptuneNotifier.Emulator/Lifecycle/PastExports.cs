namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>
/// The exports a graph ran before the emulator started (<see cref="ScenarioGraph.PastExports"/>), so its listing has
/// the long past a real graph's has. They started one hour apart (divided by the speed factor), the newest one hour
/// before the graph was added, each ran no longer than half that gap, and they end, in turn, SUCCEEDED, SUCCEEDED,
/// SUCCEEDED, FAILED, CANCELLED: mixed, yet predictable for a test.
/// </summary>
internal static class PastExports
{
    public const string FailureReason = "An export that failed before the emulator started.";

    private static readonly TimeSpan Spacing = TimeSpan.FromHours(1);

    /// <summary>The timelines of <paramref name="count"/> finished exports, oldest first, all before <paramref name="now"/>.</summary>
    public static IEnumerable<TaskTimeline> Timelines(int count, DateTimeOffset now, PhaseDurations durations)
    {
        var spacing = Spacing / durations.Speed;
        var run = Min(durations.Initializing + durations.Working, spacing / 2);
        for (var i = 0; i < count; i++)
        {
            var startedAt = now - (spacing * (count - i));
            var (status, progress, reason) = Outcome(i);
            yield return TaskTimeline.Concluded(EmulatedTaskKind.Export, startedAt, durations, status, startedAt + (run * progress / 100), progress, reason);
        }
    }

    /// <summary>How the <paramref name="index"/>-th past export (0 the oldest) ended, and how far it had come.</summary>
    public static (string Status, double Progress, string? Reason) Outcome(int index) => (index % 5) switch
    {
        3 => (TaskStatuses.Failed, 50, FailureReason),
        4 => (TaskStatuses.Cancelled, 25, null),
        _ => (TaskStatuses.Succeeded, 100, null),
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
