namespace NeptuneNotifier.Core;

/// <summary>
/// Which tasks the notifier follows: tracking and untracking, the active set a cycle loads, the bookkeeping of graph
/// discovery, and where a cut-short cycle stopped. The notifications about those tasks go through
/// <see cref="INotificationOutbox"/>.
/// </summary>
public interface ITaskRegistry
{
    /// <summary>
    /// Loads every active task, the resume point and the remembered listing page counts, reading no history (terminal
    /// tasks already notified).
    /// </summary>
    Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken);

    /// <summary>Reads one task, active or not, or null when it is not tracked.</summary>
    Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts following the tasks not followed yet (version 0, no status) and returns their ids.
    /// Tasks already known, including terminal ones kept for retention, are left alone and cause no write.
    /// </summary>
    Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stops following a task and forgets it; false when it was not tracked.</summary>
    Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Returns the ids among <paramref name="taskIds"/> that the store does not hold at all: neither followed nor kept for retention.</summary>
    Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);

    /// <summary>
    /// Records a finished task as known without notifying it: an export that graph discovery found already finished
    /// before the graph was followed (or after its record expired). Only when the store does not hold the task; false
    /// otherwise. The task is not active and may be forgotten after <paramref name="expiresAt"/>.
    /// </summary>
    Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Returns since when the tasks of <paramref name="kind"/> of <paramref name="graphId"/> are followed, recording
    /// <paramref name="now"/> the first time. Each kind has its own time, so a graph followed for its exports before
    /// imports were followed does not take its past imports for news.
    /// </summary>
    Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers how many pages the export task listing of <paramref name="graphId"/> took (or, for
    /// <see cref="ListingKeys.Imports"/>, the account's import task listing), for the cycles that choose between
    /// listing and reading each task; <see cref="LoadActiveAsync"/> returns it, without a read of its own, and may
    /// forget it after <paramref name="expiresAt"/>. Replaces any earlier count of the listing.
    /// </summary>
    Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Records where a cut-short cycle stopped (the first task it did not finish), or clears it with null.</summary>
    Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken);
}
