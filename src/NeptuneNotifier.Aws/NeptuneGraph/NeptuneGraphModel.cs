namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// Progress of an export (<c>ExportTaskDetails</c>). The model marks the first three members required; like every
/// member of an answer they may still be absent (see <see cref="NeptuneGraphResponse.Anomalies"/>).
/// </summary>
public sealed record ExportTaskDetails
{
    /// <summary>When the export started; the wire carries epoch seconds, possibly fractional.</summary>
    public DateTimeOffset? StartTime { get; init; }

    public long? TimeElapsedSeconds { get; init; }

    public int? ProgressPercentage { get; init; }

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

/// <summary>
/// An export task as returned by GetExportTask, StartExportTask, CancelExportTask and ListExportTasks. Only
/// <see cref="TaskId"/> and <see cref="Status"/> are needed to read one; every other member may be absent, whatever
/// the model marks required, as in the official SDKs.
/// </summary>
public sealed record ExportTaskSummary
{
    public required string TaskId { get; init; }

    public required ExportTaskStatus Status { get; init; }

    public string? GraphId { get; init; }

    public string? RoleArn { get; init; }

    public ExportFormat? Format { get; init; }

    public string? Destination { get; init; }

    public string? KmsKeyIdentifier { get; init; }

    public ParquetType? ParquetType { get; init; }

    public string? StatusReason { get; init; }
}

/// <summary>Options for importing from a Neptune database export (<c>NeptuneImportOptions</c>).</summary>
public sealed record NeptuneImportOptions
{
    public string? S3ExportPath { get; init; }

    public string? S3ExportKmsKeyId { get; init; }

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

/// <summary>Progress of an import (<c>ImportTaskDetails</c>); any member may be absent.</summary>
public sealed record ImportTaskDetails
{
    public string? Status { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public long? TimeElapsedSeconds { get; init; }

    public int? ProgressPercentage { get; init; }

    public int? ErrorCount { get; init; }

    public string? ErrorDetails { get; init; }

    public long? StatementCount { get; init; }

    public long? DictionaryEntryCount { get; init; }
}

/// <summary>An import task as ListImportTasks lists it and GetImportTask answers it (<c>ImportTaskSummary</c>); only <see cref="TaskId"/> and <see cref="Status"/> are needed.</summary>
public sealed record ImportTaskSummary
{
    public required string TaskId { get; init; }

    public required ImportTaskStatus Status { get; init; }

    public string? GraphId { get; init; }

    public string? Source { get; init; }

    public ImportFormat? Format { get; init; }

    public ParquetType? ParquetType { get; init; }

    public string? RoleArn { get; init; }
}

/// <summary>A graph as listed by ListGraphs (<c>GraphSummary</c>); only <see cref="Id"/> is needed.</summary>
public sealed record GraphSummary
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public string? Arn { get; init; }

    public GraphStatus? Status { get; init; }

    public int? ProvisionedMemory { get; init; }

    public bool? PublicConnectivity { get; init; }

    public string? Endpoint { get; init; }

    public int? ReplicaCount { get; init; }

    public string? KmsKeyIdentifier { get; init; }

    public bool? DeletionProtection { get; init; }
}
