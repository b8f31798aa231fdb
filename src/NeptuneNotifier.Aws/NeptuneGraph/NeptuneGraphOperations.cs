namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>Base of every response: the request ID AWS assigned, for support cases and logs.</summary>
public abstract record NeptuneGraphResponse
{
    public string? RequestId { get; init; }

    /// <summary>
    /// What the reader left out of this answer because it was malformed, each naming where and why: a list entry
    /// skipped (not an object, or its <c>taskId</c>, <c>status</c> or <c>id</c> absent or not a string), or a member
    /// of the wrong kind read as absent. Empty for a well-formed answer; the client logs each one as a warning.
    /// </summary>
    public IReadOnlyList<string> Anomalies { get; init; } = [];
}

/// <summary>Input of an operation on one task.</summary>
public abstract record TaskRequest
{
    /// <summary>The task ID, <c>t-[a-z0-9]{10}</c>.</summary>
    public required string TaskIdentifier { get; init; }
}

/// <summary>Input of a List operation: which page, and how large.</summary>
public abstract record PageRequest
{
    /// <summary>Where the page starts: the previous page's <see cref="PageResponse.NextToken"/>; the first page when null.</summary>
    public string? NextToken { get; init; }

    /// <summary>1 to 100.</summary>
    public int? MaxResults { get; init; }

    /// <summary>This request, for the page at <paramref name="nextToken"/>: a copy of the derived request, whatever it is.</summary>
    internal PageRequest At(string nextToken) => this with { NextToken = nextToken };
}

/// <summary>Output of a List operation: one page.</summary>
public abstract record PageResponse : NeptuneGraphResponse
{
    /// <summary>The token of the next page; null on the last one.</summary>
    public string? NextToken { get; init; }
}

/// <summary>Input of GetExportTask.</summary>
public sealed record GetExportTaskRequest : TaskRequest;

/// <summary>Output of GetExportTask.</summary>
public sealed record GetExportTaskResponse : NeptuneGraphResponse
{
    public required ExportTaskSummary Task { get; init; }

    public ExportTaskDetails? ExportTaskDetails { get; init; }

    public ExportFilter? ExportFilter { get; init; }
}

/// <summary>Input of ListExportTasks (one page).</summary>
public sealed record ListExportTasksRequest : PageRequest
{
    /// <summary>Only tasks of this graph, <c>g-[a-z0-9]{10}</c>; all graphs when null.</summary>
    public string? GraphIdentifier { get; init; }
}

/// <summary>Output of ListExportTasks. <see cref="Tasks"/> is never null.</summary>
public sealed record ListExportTasksResponse : PageResponse
{
    public required IReadOnlyList<ExportTaskSummary> Tasks { get; init; }
}

/// <summary>Input of StartExportTask.</summary>
public sealed record StartExportTaskRequest
{
    public required string GraphIdentifier { get; init; }

    public required string RoleArn { get; init; }

    public required ExportFormat Format { get; init; }

    public required string Destination { get; init; }

    public required string KmsKeyIdentifier { get; init; }

    public ParquetType? ParquetType { get; init; }

    public ExportFilter? ExportFilter { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>Output of StartExportTask.</summary>
public sealed record StartExportTaskResponse : NeptuneGraphResponse
{
    public required ExportTaskSummary Task { get; init; }

    public ExportFilter? ExportFilter { get; init; }
}

/// <summary>Input of CancelExportTask.</summary>
public sealed record CancelExportTaskRequest : TaskRequest;

/// <summary>Output of CancelExportTask.</summary>
public sealed record CancelExportTaskResponse : NeptuneGraphResponse
{
    public required ExportTaskSummary Task { get; init; }
}

/// <summary>Input of GetImportTask.</summary>
public sealed record GetImportTaskRequest : TaskRequest;

/// <summary>
/// Output of GetImportTask: the members it shares with a ListImportTasks entry grouped under <see cref="Task"/>, as
/// GetExportTask's are; only the task's <c>taskId</c> and <c>status</c> are needed to read it.
/// </summary>
public sealed record GetImportTaskResponse : NeptuneGraphResponse
{
    public required ImportTaskSummary Task { get; init; }

    public ImportOptions? ImportOptions { get; init; }

    public ImportTaskDetails? ImportTaskDetails { get; init; }

    public int? AttemptNumber { get; init; }

    public string? StatusReason { get; init; }
}

/// <summary>Input of ListImportTasks (one page).</summary>
public sealed record ListImportTasksRequest : PageRequest;

/// <summary>Output of ListImportTasks. <see cref="Tasks"/> is never null.</summary>
public sealed record ListImportTasksResponse : PageResponse
{
    public required IReadOnlyList<ImportTaskSummary> Tasks { get; init; }
}

/// <summary>Input of ListGraphs (one page).</summary>
public sealed record ListGraphsRequest : PageRequest;

/// <summary>Output of ListGraphs. <see cref="Graphs"/> is never null.</summary>
public sealed record ListGraphsResponse : PageResponse
{
    public required IReadOnlyList<GraphSummary> Graphs { get; init; }
}
