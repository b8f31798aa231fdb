using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>The wire shapes of a task as the operations answer it: full, or sparse (AnswerQuirks).</summary>
internal static class WireOutputs
{
    public static ExportTaskOutput Export(TaskView view, bool withDetails, bool withFilter)
    {
        var task = view.Task;
        var details = withDetails && view.Progress is { } progress
            ? new ExportTaskDetails(
                EpochSeconds(progress.StartTime),
                progress.TimeElapsedSeconds,
                progress.ProgressPercentage,
                progress.NumVerticesWritten,
                progress.NumEdgesWritten)
            : null;
        var export = task.Request.Export;
        return new ExportTaskOutput(
            task.GraphId,
            task.Request.RoleArn,
            task.TaskId,
            view.Status,
            task.Request.Format,
            export?.Destination,
            export?.KmsKeyIdentifier,
            task.Request.ParquetType,
            view.StatusReason,
            details,
            withFilter ? export?.ExportFilter : null);
    }

    public static ImportTaskOutput Import(TaskView view, bool withDetails)
    {
        var task = view.Task;
        var import = ImportOf(task);
        var details = withDetails && view.Progress is { } progress
            ? new ImportTaskDetails(
                view.Status,
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
            import.Source,
            task.Request.Format,
            task.Request.ParquetType,
            task.Request.RoleArn,
            view.Status,
            import.ImportOptions,
            details,
            withDetails ? 1 : null,
            withDetails ? view.StatusReason : null);
    }

    /// <summary>rest-json timestamps are epoch seconds; milliseconds survive as the fraction.</summary>
    private static double EpochSeconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A GetExportTask answer or ListExportTasks entry with only taskId, graphId, status and statusReason.</summary>
    public static ExportTaskOutput Sparse(TaskView view) =>
        new(view.Task.GraphId, null, view.Task.TaskId, view.Status, null, null, null, null, view.StatusReason, null, null);

    /// <summary>A ListExportTasks entry, full or with only taskId, graphId, status and statusReason.</summary>
    public static ExportTaskOutput ExportSummary(TaskView view, bool sparse) =>
        sparse ? Sparse(view) : Export(view, withDetails: false, withFilter: false);

    /// <summary>A ListImportTasks entry: an entry carries no importOptions.</summary>
    public static ImportTaskOutput ImportSummary(TaskView view) => Import(view, withDetails: false) with { ImportOptions = null };

    private static ImportSource ImportOf(TaskRecord task) =>
        task.Request.Import ?? throw new InvalidOperationException($"Task {task.TaskId} is an {task.Kind} task, not an import.");
}
