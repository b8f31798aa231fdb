namespace NeptuneNotifier.Aws.NeptuneGraph;

// Enumerations are string records, not C# enums: the service adds values over time, and a value this code does not
// know yet must survive parsing and round-trip unchanged.

/// <summary>Status of an export task (<c>ExportTaskStatus</c>). Unknown values are kept as received.</summary>
public sealed record ExportTaskStatus(string Value)
{
    public static readonly ExportTaskStatus Initializing = new("INITIALIZING");
    public static readonly ExportTaskStatus Exporting = new("EXPORTING");
    public static readonly ExportTaskStatus Succeeded = new("SUCCEEDED");
    public static readonly ExportTaskStatus Failed = new("FAILED");
    public static readonly ExportTaskStatus Cancelling = new("CANCELLING");
    public static readonly ExportTaskStatus Cancelled = new("CANCELLED");
    public static readonly ExportTaskStatus Deleted = new("DELETED");

    public override string ToString() => Value;
}

/// <summary>Status of an import task (<c>ImportTaskStatus</c>). Unknown values are kept as received.</summary>
public sealed record ImportTaskStatus(string Value)
{
    public static readonly ImportTaskStatus Initializing = new("INITIALIZING");
    public static readonly ImportTaskStatus Exporting = new("EXPORTING");
    public static readonly ImportTaskStatus AnalyzingData = new("ANALYZING_DATA");
    public static readonly ImportTaskStatus Importing = new("IMPORTING");
    public static readonly ImportTaskStatus Reprovisioning = new("REPROVISIONING");
    public static readonly ImportTaskStatus RollingBack = new("ROLLING_BACK");
    public static readonly ImportTaskStatus Succeeded = new("SUCCEEDED");
    public static readonly ImportTaskStatus Failed = new("FAILED");
    public static readonly ImportTaskStatus Cancelling = new("CANCELLING");
    public static readonly ImportTaskStatus Cancelled = new("CANCELLED");
    public static readonly ImportTaskStatus Deleted = new("DELETED");

    public override string ToString() => Value;
}

/// <summary>Output format of an export (<c>ExportFormat</c>).</summary>
public sealed record ExportFormat(string Value)
{
    public static readonly ExportFormat Parquet = new("PARQUET");
    public static readonly ExportFormat Csv = new("CSV");

    public override string ToString() => Value;
}

/// <summary>Input format of an import (<c>Format</c>).</summary>
public sealed record ImportFormat(string Value)
{
    public static readonly ImportFormat Csv = new("CSV");
    public static readonly ImportFormat OpenCypher = new("OPEN_CYPHER");
    public static readonly ImportFormat Parquet = new("PARQUET");
    public static readonly ImportFormat NTriples = new("NTRIPLES");

    public override string ToString() => Value;
}

/// <summary>Parquet layout (<c>ParquetType</c>).</summary>
public sealed record ParquetType(string Value)
{
    public static readonly ParquetType Columnar = new("COLUMNAR");

    public override string ToString() => Value;
}

/// <summary>How an export handles multi-valued properties (<c>MultiValueHandlingType</c>).</summary>
public sealed record MultiValueHandlingType(string Value)
{
    public static readonly MultiValueHandlingType ToList = new("TO_LIST");
    public static readonly MultiValueHandlingType PickFirst = new("PICK_FIRST");

    public override string ToString() => Value;
}

/// <summary>Status of a graph (<c>GraphStatus</c>).</summary>
public sealed record GraphStatus(string Value)
{
    public static readonly GraphStatus Creating = new("CREATING");
    public static readonly GraphStatus Available = new("AVAILABLE");
    public static readonly GraphStatus Deleting = new("DELETING");
    public static readonly GraphStatus Resetting = new("RESETTING");
    public static readonly GraphStatus Updating = new("UPDATING");
    public static readonly GraphStatus Snapshotting = new("SNAPSHOTTING");
    public static readonly GraphStatus Failed = new("FAILED");
    public static readonly GraphStatus Importing = new("IMPORTING");
    public static readonly GraphStatus Starting = new("STARTING");
    public static readonly GraphStatus Stopping = new("STOPPING");
    public static readonly GraphStatus Stopped = new("STOPPED");

    public override string ToString() => Value;
}

/// <summary>Why a request was invalid (<c>ValidationExceptionReason</c>).</summary>
public sealed record ValidationExceptionReason(string Value)
{
    public static readonly ValidationExceptionReason ConstraintViolation = new("CONSTRAINT_VIOLATION");
    public static readonly ValidationExceptionReason IllegalArgument = new("ILLEGAL_ARGUMENT");
    public static readonly ValidationExceptionReason MalformedQuery = new("MALFORMED_QUERY");
    public static readonly ValidationExceptionReason QueryCancelled = new("QUERY_CANCELLED");
    public static readonly ValidationExceptionReason QueryTooLarge = new("QUERY_TOO_LARGE");
    public static readonly ValidationExceptionReason UnsupportedOperation = new("UNSUPPORTED_OPERATION");
    public static readonly ValidationExceptionReason BadRequest = new("BAD_REQUEST");

    public override string ToString() => Value;
}

/// <summary>Why a request conflicted (<c>ConflictExceptionReason</c>).</summary>
public sealed record ConflictExceptionReason(string Value)
{
    public static readonly ConflictExceptionReason ConcurrentModification = new("CONCURRENT_MODIFICATION");

    public override string ToString() => Value;
}
