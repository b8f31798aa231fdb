namespace NeptuneNotifier.Emulator.Lifecycle;

/// <summary>Export or import: the emulator's own name for the two task kinds it runs (it shares no code with the notifier).</summary>
internal enum EmulatedTaskKind
{
    Export,
    Import,
}

/// <summary>Status values from the API model's ExportTaskStatus and ImportTaskStatus enums.</summary>
internal static class TaskStatuses
{
    public const string Initializing = "INITIALIZING";
    public const string Exporting = "EXPORTING";
    public const string AnalyzingData = "ANALYZING_DATA";
    public const string Importing = "IMPORTING";
    public const string Reprovisioning = "REPROVISIONING";
    public const string RollingBack = "ROLLING_BACK";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelling = "CANCELLING";
    public const string Cancelled = "CANCELLED";
    public const string Deleted = "DELETED";

    public static IReadOnlyList<string> Export { get; } =
        [Initializing, Exporting, Succeeded, Failed, Cancelling, Cancelled, Deleted];

    public static IReadOnlyList<string> Import { get; } =
        [Initializing, Exporting, AnalyzingData, Importing, Reprovisioning, RollingBack, Succeeded, Failed, Cancelling, Cancelled, Deleted];

    public static IReadOnlyList<string> For(EmulatedTaskKind kind) => kind == EmulatedTaskKind.Export ? Export : Import;

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled or Deleted;
}
