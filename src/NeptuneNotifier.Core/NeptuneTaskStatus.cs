namespace NeptuneNotifier.Core;

/// <summary>
/// The status of a Neptune Analytics export or import task, kept as the service's string so that a value added to the
/// API later is carried verbatim (and treated as non-terminal) instead of failing to parse.
/// </summary>
/// <remarks>Named to avoid clashing with <see cref="System.Threading.Tasks.TaskStatus"/>, which implicit usings import everywhere.</remarks>
public readonly record struct NeptuneTaskStatus
{
    /// <summary>Creates a status from the service's value; the value must be non-empty and free of control characters.</summary>
    /// <exception cref="ArgumentException">The value is empty, whitespace or contains control characters.</exception>
    public NeptuneTaskStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Length > MaxLength)
        {
            throw new ArgumentException($"A task status must be 1 to {MaxLength} printable characters; got '{Printable(value)}'.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The longest status value accepted; the model's longest is 14 characters, so this only guards against garbage.</summary>
    public const int MaxLength = 64;

    /// <summary>Export and import: the task is being set up.</summary>
    public static NeptuneTaskStatus Initializing { get; } = new("INITIALIZING");

    /// <summary>Export and import: data is being exported (for an import, read from the source).</summary>
    public static NeptuneTaskStatus Exporting { get; } = new("EXPORTING");

    /// <summary>Import only.</summary>
    public static NeptuneTaskStatus AnalyzingData { get; } = new("ANALYZING_DATA");

    /// <summary>Import only.</summary>
    public static NeptuneTaskStatus Importing { get; } = new("IMPORTING");

    /// <summary>Import only.</summary>
    public static NeptuneTaskStatus Reprovisioning { get; } = new("REPROVISIONING");

    /// <summary>Import only.</summary>
    public static NeptuneTaskStatus RollingBack { get; } = new("ROLLING_BACK");

    /// <summary>Terminal: the task finished.</summary>
    public static NeptuneTaskStatus Succeeded { get; } = new("SUCCEEDED");

    /// <summary>Terminal: the task failed; <c>statusReason</c> says why.</summary>
    public static NeptuneTaskStatus Failed { get; } = new("FAILED");

    /// <summary>A cancellation was requested and is in progress.</summary>
    public static NeptuneTaskStatus Cancelling { get; } = new("CANCELLING");

    /// <summary>Terminal: the task was cancelled.</summary>
    public static NeptuneTaskStatus Cancelled { get; } = new("CANCELLED");

    /// <summary>Terminal: the task was deleted.</summary>
    public static NeptuneTaskStatus Deleted { get; } = new("DELETED");

    /// <summary>
    /// Terminal, and ours rather than the service's: the service answered that the task does not exist (any more).
    /// It is notified once, like DELETED, and the task is no longer polled.
    /// </summary>
    public static NeptuneTaskStatus Gone { get; } = new("GONE");

    /// <summary>Every ExportTaskStatus of the API model, in lifecycle order.</summary>
    public static IReadOnlyList<NeptuneTaskStatus> ExportStatuses { get; } =
        [Initializing, Exporting, Succeeded, Failed, Cancelling, Cancelled, Deleted];

    /// <summary>Every ImportTaskStatus of the API model, in lifecycle order.</summary>
    public static IReadOnlyList<NeptuneTaskStatus> ImportStatuses { get; } =
        [Initializing, Exporting, AnalyzingData, Importing, Reprovisioning, RollingBack, Succeeded, Failed, Cancelling, Cancelled, Deleted];

    /// <summary>The service's value, verbatim (empty only for <c>default</c>).</summary>
    public string Value { get => field ?? string.Empty; }

    /// <summary>True for SUCCEEDED, FAILED, CANCELLED, DELETED and our GONE: the task will not change again.</summary>
    public bool IsTerminal => Value is "SUCCEEDED" or "FAILED" or "CANCELLED" or "DELETED" or "GONE";

    /// <summary>True when the value is one of the API model's export or import statuses, or GONE.</summary>
    public bool IsKnown => this == Gone || ImportStatuses.Contains(this);

    /// <summary>True for a status that reports a problem: FAILED, ROLLING_BACK, or a task that is gone.</summary>
    public bool IsFailure => Value is "FAILED" or "ROLLING_BACK" or "GONE";

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string Printable(string value) =>
        new([.. value.Take(MaxLength).Select(c => char.IsControl(c) ? '?' : c)]);
}
