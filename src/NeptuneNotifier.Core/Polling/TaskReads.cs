namespace NeptuneNotifier.Core.Polling;

/// <summary>How the cycle reads a task from the service and what it keeps of the answer; shared by the poller and graph discovery.</summary>
internal static class TaskReads
{
    /// <summary>The longest status reason kept in the state: the service's reasons are short; this only bounds the size of a stored task, whatever the store.</summary>
    public const int MaxStoredReasonChars = 32_768;

    // A read whose answer is about another task is a malformed answer, never a status of this one.
    public static async Task<TaskSnapshot> ReadAsync(IExportTaskSource source, string taskId, CancellationToken cancellationToken)
    {
        var snapshot = await source.GetExportTaskAsync(taskId, cancellationToken);
        return snapshot is not null && string.Equals(snapshot.TaskId, taskId, StringComparison.Ordinal)
            ? snapshot
            : throw new InvalidDataException($"The service answered for task '{snapshot?.TaskId}' when asked for '{taskId}'.");
    }

    /// <summary>The snapshot as it is stored: its status reason cut to <see cref="MaxStoredReasonChars"/>.</summary>
    public static TaskSnapshot Stored(TaskSnapshot snapshot) =>
        snapshot.StatusReason is { } reason && StatusReasonTruncation.IsCut(reason, MaxStoredReasonChars)
            ? snapshot with { StatusReason = StatusReasonTruncation.Cut(reason, MaxStoredReasonChars) }
            : snapshot;
}
