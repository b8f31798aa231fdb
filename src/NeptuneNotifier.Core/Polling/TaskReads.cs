namespace NeptuneNotifier.Core.Polling;

/// <summary>How the cycle reads a task from the service and what it keeps of the answer; shared by the poller and graph discovery.</summary>
public static class TaskReads
{
    /// <summary>The longest status reason kept in the state: the service's reasons are short; this only bounds the size of a stored task, whatever the store.</summary>
    public const int MaxStoredReasonChars = 32_768;

    /// <summary>The longest import error details stored, for the same reason.</summary>
    public const int MaxStoredErrorDetailsChars = 8_192;

    /// <summary>
    /// Reads <paramref name="taskId"/> as <paramref name="kind"/>. A task of unknown kind is read with GetExportTask
    /// and, only when that answers that no such export exists, with GetImportTask: the two kinds share the
    /// <c>t-</c> pattern, so nothing else tells them apart. Any other failure of the first read (throttling, a 5xx)
    /// is thrown and decides nothing.
    /// </summary>
    /// <exception cref="TaskNotFoundException">No task of the kind asked for, or (kind unknown) of either kind.</exception>
    public static async Task<TaskSnapshot> ReadAsync(IExportTaskSource source, string taskId, TaskKind? kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var snapshot = kind switch
        {
            TaskKind.Export => await source.GetExportTaskAsync(taskId, cancellationToken),
            TaskKind.Import => await source.GetImportTaskAsync(taskId, cancellationToken),
            _ => await ReadEitherAsync(source, taskId, cancellationToken),
        };

        // A read whose answer is about another task is a malformed answer, never a status of this one.
        return snapshot is not null && string.Equals(snapshot.TaskId, taskId, StringComparison.Ordinal)
            ? snapshot
            : throw new InvalidDataException($"The service answered for task '{snapshot?.TaskId}' when asked for '{taskId}'.");
    }

    /// <summary>The snapshot as it is stored: its status reason and error details cut to a bound.</summary>
    public static TaskSnapshot Stored(TaskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.StatusReason is { } reason && StatusReasonTruncation.IsCut(reason, MaxStoredReasonChars))
        {
            snapshot = snapshot with { StatusReason = StatusReasonTruncation.Cut(reason, MaxStoredReasonChars) };
        }

        if (snapshot.ErrorDetails is { } details && StatusReasonTruncation.IsCut(details, MaxStoredErrorDetailsChars))
        {
            snapshot = snapshot with { ErrorDetails = StatusReasonTruncation.Cut(details, MaxStoredErrorDetailsChars) };
        }

        return snapshot;
    }

    private static async Task<TaskSnapshot> ReadEitherAsync(IExportTaskSource source, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            return await source.GetExportTaskAsync(taskId, cancellationToken);
        }
        catch (TaskNotFoundException)
        {
            return await source.GetImportTaskAsync(taskId, cancellationToken);
        }
    }
}
