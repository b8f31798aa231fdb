namespace NeptuneNotifier.Core;

/// <summary>Checks requests to follow tasks before anything is written, so one bad id fails the whole request up front.</summary>
public static class TaskValidation
{
    /// <summary>Throws when any task id or graph id does not match the API model's pattern.</summary>
    /// <exception cref="ArgumentException">Names the first invalid identifier.</exception>
    public static void ThrowIfInvalid(IEnumerable<TaskToTrack> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var task in tasks)
        {
            if (task is null)
            {
                throw new ArgumentException("A task to track is null.", nameof(tasks));
            }

            if (!TaskIds.IsTaskId(task.TaskId))
            {
                throw new ArgumentException($"'{task.TaskId}' is not a task id ({TaskIds.TaskIdRule}).", nameof(tasks));
            }

            if (task.GraphId is not null && !TaskIds.IsGraphId(task.GraphId))
            {
                throw new ArgumentException($"'{task.GraphId}' is not a graph id ({TaskIds.GraphIdRule}), for task {task.TaskId}.", nameof(tasks));
            }
        }
    }

    /// <summary>Throws when any task id does not match the API model's pattern.</summary>
    /// <exception cref="ArgumentException">Names the first invalid identifier.</exception>
    public static void ThrowIfInvalid(IEnumerable<string> taskIds)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        ThrowIfInvalid(taskIds.Select(id => new TaskToTrack(id)));
    }

    /// <summary>Throws when <paramref name="graphId"/> does not match the API model's pattern.</summary>
    /// <exception cref="ArgumentException">Names the identifier.</exception>
    public static void ThrowIfInvalidGraphId(string graphId)
    {
        if (!TaskIds.IsGraphId(graphId))
        {
            throw new ArgumentException($"'{graphId}' is not a graph identifier ({TaskIds.GraphIdRule}).", nameof(graphId));
        }
    }

    /// <summary>Throws unless <paramref name="snapshot"/> is a finished task with valid identifiers: what may be recorded without a notification.</summary>
    /// <exception cref="ArgumentException">Names the identifier or the status.</exception>
    public static void ThrowIfNotRecordable(TaskSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ThrowIfInvalid([new TaskToTrack(snapshot.TaskId, snapshot.GraphId)]);
        if (!snapshot.Status.IsTerminal)
        {
            throw new ArgumentException($"Task {snapshot.TaskId} is {snapshot.Status}, not finished: only a finished task is recorded without a notification.", nameof(snapshot));
        }
    }
}
