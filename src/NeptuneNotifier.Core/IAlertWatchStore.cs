using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Core;

/// <summary>Where the alert rules keep their memory of a running task between cycles: on the task's own item.</summary>
public interface IAlertWatchStore
{
    /// <summary>
    /// Stores <paramref name="watch"/> with the task: only when the task is still at <paramref name="expectedVersion"/>
    /// and has no pending notification, and without changing anything else (version, status, claim). False when the
    /// task moved on meanwhile; the next cycle then judges it again.
    /// </summary>
    Task<bool> TrySaveWatchAsync(string taskId, long expectedVersion, AlertWatch watch, CancellationToken cancellationToken);
}
