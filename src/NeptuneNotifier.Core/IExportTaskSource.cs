namespace NeptuneNotifier.Core;

/// <summary>
/// Neptune Analytics, as far as the notifier needs it: read one export or import task, list a graph's export tasks,
/// list the account's import tasks.
/// </summary>
/// <remarks>Named for the exports it first served; it serves both kinds of task.</remarks>
public interface IExportTaskSource
{
    /// <summary>Reads one export task (GetExportTask).</summary>
    /// <exception cref="TaskNotFoundException">The service says the task does not exist.</exception>
    /// <remarks>Any other failure (throttling after the SDK's retries, validation, 5xx, a malformed response) is thrown as is.</remarks>
    Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Reads one import task (GetImportTask); a snapshot of <see cref="TaskKind.Import"/>.</summary>
    /// <exception cref="TaskNotFoundException">The service says the task does not exist.</exception>
    /// <remarks>Any other failure is thrown as is, as for <see cref="GetExportTaskAsync"/>.</remarks>
    Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one page of a graph's export tasks with the status the listing reports (ListExportTasks): the first page
    /// when <paramref name="nextToken"/> is null, else the page it names. One call per page, so the caller can pace
    /// and count each request.
    /// </summary>
    /// <remarks>Any failure is thrown as is, as for <see cref="GetExportTaskAsync"/>.</remarks>
    Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one page of the import tasks of every graph of the account and region (ListImportTasks has no graph
    /// filter): each entry names its graph where the service says it. Paged as <see cref="ListExportTasksPageAsync"/>.
    /// </summary>
    /// <remarks>Any failure is thrown as is, as for <see cref="GetExportTaskAsync"/>.</remarks>
    Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken);
}
