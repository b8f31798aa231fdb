namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>Progress of an export (<c>ExportTaskDetails</c>).</summary>
public sealed record ExportTaskDetails
{
    /// <summary>When the export started; the wire carries epoch seconds, possibly fractional.</summary>
    public required DateTimeOffset StartTime { get; init; }

    public required long TimeElapsedSeconds { get; init; }

    public required int ProgressPercentage { get; init; }

    public long? NumVerticesWritten { get; init; }

    public long? NumEdgesWritten { get; init; }
}

/// <summary>Which labels and properties an export writes (<c>ExportFilter</c>), keyed by label.</summary>
public sealed record ExportFilter
{
    public IReadOnlyDictionary<string, ExportFilterElement>? VertexFilter { get; init; }

    public IReadOnlyDictionary<string, ExportFilterElement>? EdgeFilter { get; init; }
}

/// <summary>The properties exported for one label (<c>ExportFilterElement</c>), keyed by output property name.</summary>
public sealed record ExportFilterElement
{
    public IReadOnlyDictionary<string, ExportFilterPropertyAttributes>? Properties { get; init; }
}

/// <summary>How one property is exported (<c>ExportFilterPropertyAttributes</c>).</summary>
public sealed record ExportFilterPropertyAttributes
{
    /// <summary>One of Any, Byte, Short, Int, Long, Float, Double, String, Bool, Boolean, Float[], Double[].</summary>
    public string? OutputType { get; init; }

    public string? SourcePropertyName { get; init; }

    public MultiValueHandlingType? MultiValueHandling { get; init; }
}

/// <summary>An export task as returned by GetExportTask, StartExportTask, CancelExportTask and ListExportTasks.</summary>
public sealed record ExportTaskSummary
{
    public required string GraphId { get; init; }

    public required string RoleArn { get; init; }

    public required string TaskId { get; init; }

    public required ExportTaskStatus Status { get; init; }

    public required ExportFormat Format { get; init; }

    public required string Destination { get; init; }

    public required string KmsKeyIdentifier { get; init; }

    public ParquetType? ParquetType { get; init; }

    public string? StatusReason { get; init; }
}

/// <summary>Options for importing from a Neptune database export (<c>NeptuneImportOptions</c>).</summary>
public sealed record NeptuneImportOptions
{
    public required string S3ExportPath { get; init; }

    public required string S3ExportKmsKeyId { get; init; }

    public bool? PreserveDefaultVertexLabels { get; init; }

    public bool? PreserveEdgeIds { get; init; }
}

/// <summary>
/// The <c>ImportOptions</c> union. <see cref="Neptune"/> is the only member the model defines today; a member this
/// code does not know is reported by name in <see cref="UnknownMember"/> rather than dropped silently.
/// </summary>
public sealed record ImportOptions
{
    public NeptuneImportOptions? Neptune { get; init; }

    public string? UnknownMember { get; init; }
}

/// <summary>Progress of an import (<c>ImportTaskDetails</c>).</summary>
public sealed record ImportTaskDetails
{
    public required string Status { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required long TimeElapsedSeconds { get; init; }

    public required int ProgressPercentage { get; init; }

    public required int ErrorCount { get; init; }

    public string? ErrorDetails { get; init; }

    public required long StatementCount { get; init; }

    public required long DictionaryEntryCount { get; init; }
}

/// <summary>An import task as listed by ListImportTasks (<c>ImportTaskSummary</c>).</summary>
public sealed record ImportTaskSummary
{
    public string? GraphId { get; init; }

    public required string TaskId { get; init; }

    public required string Source { get; init; }

    public ImportFormat? Format { get; init; }

    public ParquetType? ParquetType { get; init; }

    public required string RoleArn { get; init; }

    public required ImportTaskStatus Status { get; init; }
}

/// <summary>A graph as listed by ListGraphs (<c>GraphSummary</c>).</summary>
public sealed record GraphSummary
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public GraphStatus? Status { get; init; }

    public int? ProvisionedMemory { get; init; }

    public bool? PublicConnectivity { get; init; }

    public string? Endpoint { get; init; }

    public int? ReplicaCount { get; init; }

    public string? KmsKeyIdentifier { get; init; }

    public bool? DeletionProtection { get; init; }
}
