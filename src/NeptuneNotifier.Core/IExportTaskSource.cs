namespace NeptuneNotifier.Core;

/// <summary>Neptune Analytics, as far as the notifier needs it: read one export task, list a graph's export tasks.</summary>
public interface IExportTaskSource
{
    /// <summary>Reads one export task (GetExportTask).</summary>
    /// <exception cref="TaskNotFoundException">The service says the task does not exist.</exception>
    /// <remarks>Any other failure (throttling after the SDK's retries, validation, 5xx, a malformed response) is thrown as is.</remarks>
    Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Lists every export task of a graph with the status the listing reports (ListExportTasks, all pages).</summary>
    IAsyncEnumerable<ListedTask> ListExportTasksAsync(string graphId, CancellationToken cancellationToken);
}
