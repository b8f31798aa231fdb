using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>The notifier's view of Neptune Analytics, through our control-plane client.</summary>
public sealed class NeptuneExportTaskSource(NeptuneGraphClient client) : IExportTaskSource
{
    /// <summary>The page size for ListExportTasks: the model's maximum, so a graph's tasks cost as few calls as possible.</summary>
    internal const int PageSize = 100;

    public async Task<TaskSnapshot> GetExportTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        GetExportTaskResponse response;
        try
        {
            response = await client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = taskId }, cancellationToken);
        }
        catch (ResourceNotFoundException exception)
        {
            throw new TaskNotFoundException(taskId, exception);
        }

        return ToSnapshot(response);
    }

    public async Task<ListedPage> ListExportTasksPageAsync(string graphId, string? nextToken, CancellationToken cancellationToken)
    {
        var response = await client.ListExportTasksAsync(new ListExportTasksRequest { GraphIdentifier = graphId, MaxResults = PageSize, NextToken = nextToken }, cancellationToken);

        // Entries without a taskId or status were skipped by the client, which logged each one.
        return new ListedPage([.. response.Tasks.Select(task => new ListedTask(task.TaskId, ListedStatus(task.Status.Value), task.GraphId))], response.NextToken);
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
        NeptuneTaskStatus status;
        try
        {
            status = new NeptuneTaskStatus(task.Status.Value);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"GetExportTask for {task.TaskId} returned an unusable status: {exception.Message}", exception);
        }

        var details = response.ExportTaskDetails;
        return new TaskSnapshot
        {
            TaskId = task.TaskId,
            // Only taskId and status are needed: an answer without a graph renders it as unknown.
            GraphId = task.GraphId ?? string.Empty,
            Kind = TaskKind.Export,
            Status = status,
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
}
