namespace NeptuneNotifier.Core;

/// <summary>The service answered that the task does not exist (ResourceNotFoundException): it was deleted or has expired.</summary>
public sealed class TaskNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="taskId"/>.</summary>
    public TaskNotFoundException(string taskId, Exception? innerException = null)
        : base($"Task '{taskId}' was not found.", innerException) => TaskId = taskId;

    /// <summary>The task that was not found.</summary>
    public string TaskId { get; }
}
