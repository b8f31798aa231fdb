using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>The wire shapes of a task as the operations answer it: full, or sparse (AnswerQuirks).</summary>
internal static class WireOutputs
{
    public static ExportTaskOutput Of(ExportTaskView view, bool withDetails, bool withFilter)
    {
        var task = view.Task;
        var details = withDetails && view.Details is { } progress
            ? new ExportTaskDetails(
                EpochSeconds(progress.StartTime),
                progress.TimeElapsedSeconds,
                progress.ProgressPercentage,
                progress.NumVerticesWritten,
                progress.NumEdgesWritten)
            : null;
        return new ExportTaskOutput(
            task.GraphId,
            task.RoleArn,
            task.TaskId,
            view.Status,
            task.Format,
            task.Destination,
            task.KmsKeyIdentifier,
            task.ParquetType,
            view.StatusReason,
            details,
            withFilter ? task.ExportFilter : null);
    }

    public static ImportTaskOutput Of(ImportTaskView view, bool withDetails)
    {
        var task = view.Task;
        var details = withDetails && view.Details is { } progress
            ? new ImportTaskDetails(
                progress.Status,
                EpochSeconds(progress.StartTime),
                progress.TimeElapsedSeconds,
                progress.ProgressPercentage,
                progress.ErrorCount,
                view.Status == TaskStatuses.Failed ? view.StatusReason : null,
                progress.StatementCount,
                progress.DictionaryEntryCount)
            : null;
        return new ImportTaskOutput(
            task.GraphId,
            task.TaskId,
            task.Source,
            task.Format,
            task.ParquetType,
            task.RoleArn,
            view.Status,
            task.ImportOptions,
            details,
            withDetails ? 1 : null,
            withDetails ? view.StatusReason : null);
    }

    /// <summary>rest-json timestamps are epoch seconds; milliseconds survive as the fraction.</summary>
    private static double EpochSeconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>GetExportTask's answer with only taskId, graphId, status and statusReason.</summary>
    public static ExportTaskOutput Sparse(ExportTaskView view) =>
        new(view.Task.GraphId, null, view.Task.TaskId, view.Status, null, null, null, null, view.StatusReason, null, null);

    /// <summary>A ListExportTasks entry, full or with only taskId, graphId, status and statusReason.</summary>
    public static ExportTaskSummary Summary(ExportTaskView view, bool sparse) => sparse
        ? new(view.Task.GraphId, null, view.Task.TaskId, view.Status, null, null, null, null, view.StatusReason)
        : new(
            view.Task.GraphId,
            view.Task.RoleArn,
            view.Task.TaskId,
            view.Status,
            view.Task.Format,
            view.Task.Destination,
            view.Task.KmsKeyIdentifier,
            view.Task.ParquetType,
            view.StatusReason);
}
