using System.Runtime.CompilerServices;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Core;

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

    public async IAsyncEnumerable<string> ListExportTaskIdsAsync(string graphId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListExportTasksRequest { GraphIdentifier = graphId, MaxResults = PageSize };
        await foreach (var page in client.ListExportTasksPagesAsync(request, cancellationToken))
        {
            foreach (var task in page.Tasks ?? [])
            {
                yield return task.TaskId;
            }
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
            GraphId = task.GraphId,
            Kind = TaskKind.Export,
            Status = status,
            StatusReason = task.StatusReason,
            Format = task.Format.Value,
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
