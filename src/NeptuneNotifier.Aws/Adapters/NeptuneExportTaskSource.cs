using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>The notifier's view of Neptune Analytics, through our control-plane client: export and import tasks.</summary>
public sealed class NeptuneExportTaskSource(NeptuneGraphClient client) : IExportTaskSource
{
    /// <summary>The page size for ListExportTasks and ListImportTasks: the model's maximum, so a listing costs as few calls as possible.</summary>
    internal const int PageSize = 100;

    public async Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ToSnapshot(await FoundAsync(taskId, client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = taskId }, cancellationToken)));

    public async Task<TaskSnapshot> GetImportTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ToSnapshot(await FoundAsync(taskId, client.GetImportTaskAsync(new GetImportTaskRequest { TaskIdentifier = taskId }, cancellationToken)));

    public async Task<ListedPage> ListImportTasksPageAsync(string? nextToken, CancellationToken cancellationToken)
    {
        var response = await client.ListImportTasksAsync(new ListImportTasksRequest { MaxResults = PageSize, NextToken = nextToken }, cancellationToken);

        // As for exports, entries without a taskId or status were skipped by the client; the graph is kept to filter by.
        return new ListedPage([.. response.Tasks.Select(task => new ListedTask(task.TaskId, ListedStatus(task.Status.Value), task.GraphId))], response.NextToken);
    }

    public async Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        var response = await client.ListExportTasksAsync(new ListExportTasksRequest { GraphIdentifier = graphId, MaxResults = PageSize, NextToken = nextToken }, cancellationToken);

        // Entries without a taskId or status were skipped by the client, which logged each one.
        return new ListedPage([.. response.Tasks.Select(task => new ListedTask(task.TaskId, ListedStatus(task.Status.Value), task.GraphId))], response.NextToken);
    }

    private static async Task<T> FoundAsync<T>(string taskId, Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (ResourceNotFoundException exception)
        {
            throw new TaskNotFoundException(taskId, exception);
        }
    }

    // A listing's status only spares a read; one that is not a usable status is left for GetExportTask to report.
    private static NeptuneTaskStatus? ListedStatus(string value)
    {
        try
        {
            return new NeptuneTaskStatus(value);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal static TaskSnapshot ToSnapshot(GetExportTaskResponse response)
    {
        var task = response.Task;
        var details = response.ExportTaskDetails;
        return Snapshot("GetExportTask", TaskKind.Export, task.TaskId, task.Status.Value, task.GraphId) with
        {
            StatusReason = task.StatusReason,
            Format = task.Format?.Value,
            ParquetType = task.ParquetType?.Value,
            Destination = task.Destination,
            KmsKeyIdentifier = task.KmsKeyIdentifier,
            RoleArn = task.RoleArn,
            ProgressPercentage = details?.ProgressPercentage,
            TimeElapsedSeconds = details?.TimeElapsedSeconds,
            NumVerticesWritten = details?.NumVerticesWritten,
            NumEdgesWritten = details?.NumEdgesWritten,
            StartTime = details?.StartTime,
        };
    }

    /// <summary>
    /// An import's snapshot: its source where an export has its destination, and its own figures (statements,
    /// dictionary entries, errors) where an export has vertices and edges written. The status reason is the output's
    /// top-level <c>statusReason</c> (the model has no other); the details' own <c>status</c> is left out, since the
    /// task's status is the one notified.
    /// </summary>
    internal static TaskSnapshot ToSnapshot(GetImportTaskResponse response)
    {
        var task = response.Task;
        var details = response.ImportTaskDetails;
        return Snapshot("GetImportTask", TaskKind.Import, task.TaskId, task.Status.Value, task.GraphId) with
        {
            StatusReason = response.StatusReason,
            Format = task.Format?.Value,
            ParquetType = task.ParquetType?.Value,
            Destination = task.Source,
            RoleArn = task.RoleArn,
            ProgressPercentage = details?.ProgressPercentage,
            TimeElapsedSeconds = details?.TimeElapsedSeconds,
            StartTime = details?.StartTime,
            StatementCount = details?.StatementCount,
            DictionaryEntryCount = details?.DictionaryEntryCount,
            ErrorCount = details?.ErrorCount,
            ErrorDetails = details?.ErrorDetails,
        };
    }

    /// <summary>
    /// What a snapshot cannot do without, from an export's or an import's answer: only taskId and status are needed, so
    /// an answer without a graph renders it as unknown.
    /// </summary>
    private static TaskSnapshot Snapshot(string operation, TaskKind kind, string taskId, string status, string? graphId) => new()
    {
        TaskId = taskId,
        GraphId = graphId ?? string.Empty,
        Kind = kind,
        Status = ReadStatus(operation, taskId, status),
    };

    private static NeptuneTaskStatus ReadStatus(string operation, string taskId, string value)
    {
        try
        {
            return new NeptuneTaskStatus(value);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"{operation} for {taskId} returned an unusable status: {exception.Message}", exception);
        }
    }
}
