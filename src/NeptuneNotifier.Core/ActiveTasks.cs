namespace NeptuneNotifier.Core;

/// <summary>Every active task (not yet terminal, or with a pending notification) and where the last cut-short cycle stopped.</summary>
/// <param name="Tasks">The active tasks, in no particular order.</param>
/// <param name="ResumeFrom">The first task a cut-short cycle did not finish, or null when the last cycle finished.</param>
public sealed record ActiveTasks(IReadOnlyList<TrackedTask> Tasks, string? ResumeFrom)
{
    /// <summary>
    /// How many pages each graph's export task listing took when last counted (graph id to pages), as recorded with
    /// <see cref="ITaskRegistry.SetListingPagesAsync"/>; a graph never counted, or whose count expired, is absent.
    /// </summary>
    public IReadOnlyDictionary<string, int> ListingPages { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// Active tasks whose stored item cannot be read (a damaged attribute, a claim format of a newer version), one
    /// message each naming the store, the task and what is wrong. They are left out of <see cref="Tasks"/>, so that one
    /// such item stops no other task's notifications; the cycle counts each as a failure until it is repaired or untracked.
    /// </summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];
}
