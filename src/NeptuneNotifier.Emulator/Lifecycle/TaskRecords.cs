namespace NeptuneNotifier.Emulator.Lifecycle;

internal sealed record GraphRecord(long Sequence, ScenarioGraph Graph, string Arn, string Endpoint);

/// <summary>What a StartExportTask or StartImportTask call asks for: the members both share, and those of its kind.</summary>
internal sealed record StartTaskRequest(EmulatedTaskKind Kind, string GraphId, string RoleArn, string? Format, string? ParquetType)
{
    /// <summary>Set for an export: where it writes.</summary>
    public ExportTarget? Export { get; init; }

    /// <summary>Set for an import: what it reads.</summary>
    public ImportSource? Import { get; init; }

    public static StartTaskRequest ForExport(string graphId, string roleArn, string format, string destination, string kmsKeyIdentifier, string? parquetType, JsonElement? exportFilter) =>
        new(EmulatedTaskKind.Export, graphId, roleArn, format, parquetType) { Export = new ExportTarget(destination, kmsKeyIdentifier, exportFilter) };

    public static StartTaskRequest ForImport(string graphId, string source, string? format, string? parquetType, string roleArn, JsonElement? importOptions) =>
        new(EmulatedTaskKind.Import, graphId, roleArn, format, parquetType) { Import = new ImportSource(source, importOptions) };
}

internal sealed record ExportTarget(string Destination, string KmsKeyIdentifier, JsonElement? ExportFilter);

internal sealed record ImportSource(string Source, JsonElement? ImportOptions);

/// <summary>How much work a task has done at 100%: vertices and edges for an export, statements for an import.</summary>
internal sealed record WorkTotals(long Vertices, long Edges, long Statements);

/// <summary>One export or import task: what was asked, how much work it is, and its lifecycle.</summary>
internal sealed record TaskRecord(long Sequence, string TaskId, StartTaskRequest Request, WorkTotals Totals, TaskTimeline Timeline)
{
    public EmulatedTaskKind Kind => Request.Kind;

    public string GraphId => Request.GraphId;
}

/// <summary>A task as seen at one instant; <see cref="Progress"/> is null while an export has not really started.</summary>
internal sealed record TaskView(TaskRecord Task, string Status, string? StatusReason, TaskProgress? Progress);

/// <summary>How far a task has come at one instant. The counts of the other kind stay 0.</summary>
internal sealed record TaskProgress(
    DateTimeOffset StartTime,
    long TimeElapsedSeconds,
    int ProgressPercentage,
    long NumVerticesWritten,
    long NumEdgesWritten,
    int ErrorCount,
    long StatementCount,
    long DictionaryEntryCount);

internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
