namespace NeptuneNotifier.Core;

/// <summary>
/// What the service said about one task at one moment: the GetExportTask (or GetImportTask) output, flattened.
/// Everything the service may leave out is nullable; counts and progress are absent until the task reports them.
/// </summary>
public sealed record TaskSnapshot
{
    /// <summary>The task identifier, <c>t-[a-z0-9]{10}</c>.</summary>
    public required string TaskId { get; init; }

    /// <summary>
    /// The graph identifier, <c>g-[a-z0-9]{10}</c>; empty for a task that was never seen before it was gone, or whose
    /// answer left the graph out (answers need only taskId and status). Notifications then show the graph as unknown.
    /// </summary>
    public required string GraphId { get; init; }

    /// <summary>Export or import.</summary>
    public TaskKind Kind { get; init; } = TaskKind.Export;

    /// <summary>The status, verbatim.</summary>
    public required NeptuneTaskStatus Status { get; init; }

    /// <summary>Why the task has this status; often absent, sometimes long.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The file format: PARQUET or CSV for an export; CSV, OPEN_CYPHER, PARQUET or NTRIPLES for an import.</summary>
    public string? Format { get; init; }

    /// <summary>COLUMNAR for Parquet exports.</summary>
    public string? ParquetType { get; init; }

    /// <summary>The Amazon S3 URI written to (export) or read from (import).</summary>
    public string? Destination { get; init; }

    /// <summary>The KMS key ARN used for the export (exports only).</summary>
    public string? KmsKeyIdentifier { get; init; }

    /// <summary>The IAM role the service assumed.</summary>
    public string? RoleArn { get; init; }

    /// <summary>0 to 100, when reported.</summary>
    public int? ProgressPercentage { get; init; }

    /// <summary>Seconds since <see cref="StartTime"/>, when reported.</summary>
    public long? TimeElapsedSeconds { get; init; }

    /// <summary>
    /// <see cref="TimeElapsedSeconds"/> as a duration; null when it is not reported or not plausible: a negative count
    /// or one over ten years is a malformed answer, not a time.
    /// </summary>
    public TimeSpan? ReportedElapsed => TimeElapsedSeconds is (>= 0 and <= 315_576_000) and var seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Vertices written so far, when reported (exports only).</summary>
    public long? NumVerticesWritten { get; init; }

    /// <summary>Edges written so far, when reported (exports only).</summary>
    public long? NumEdgesWritten { get; init; }

    /// <summary>When the task started, when reported.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Statements in the import so far, when reported (imports only).</summary>
    public long? StatementCount { get; init; }

    /// <summary>Dictionary entries in the import so far, when reported (imports only).</summary>
    public long? DictionaryEntryCount { get; init; }

    /// <summary>Errors the import met so far, when reported (imports only).</summary>
    public int? ErrorCount { get; init; }

    /// <summary>What the errors were, when reported (imports only); free text from the service, sometimes long.</summary>
    public string? ErrorDetails { get; init; }
}
