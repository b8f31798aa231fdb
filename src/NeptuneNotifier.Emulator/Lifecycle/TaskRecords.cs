using System.Text.Json;

namespace NeptuneNotifier.Emulator.Lifecycle;

internal sealed record GraphRecord(long Sequence, ScenarioGraph Graph, string Arn, string Endpoint);

internal sealed record ExportTaskRecord(
    long Sequence,
    string TaskId,
    string GraphId,
    string RoleArn,
    string Format,
    string Destination,
    string KmsKeyIdentifier,
    string? ParquetType,
    JsonElement? ExportFilter,
    long VertexTotal,
    long EdgeTotal,
    TaskTimeline Timeline);

internal sealed record ImportTaskRecord(
    long Sequence,
    string TaskId,
    string GraphId,
    string Source,
    string? Format,
    string? ParquetType,
    string RoleArn,
    JsonElement? ImportOptions,
    long StatementTotal,
    TaskTimeline Timeline);

/// <summary>An export task as seen at one instant.</summary>
internal sealed record ExportTaskView(ExportTaskRecord Task, string Status, string? StatusReason, ExportProgress? Details);

internal sealed record ExportProgress(DateTimeOffset StartTime, long TimeElapsedSeconds, int ProgressPercentage, long NumVerticesWritten, long NumEdgesWritten);

/// <summary>An import task as seen at one instant.</summary>
internal sealed record ImportTaskView(ImportTaskRecord Task, string Status, string? StatusReason, ImportProgress? Details);

internal sealed record ImportProgress(
    string Status,
    DateTimeOffset StartTime,
    long TimeElapsedSeconds,
    int ProgressPercentage,
    int ErrorCount,
    long StatementCount,
    long DictionaryEntryCount);

internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
