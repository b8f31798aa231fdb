using System.Text.Json.Serialization;

namespace NeptuneNotifier.Emulator.Http;

// Request and response bodies of the emulated operations, named as in the API model.
// Timestamps are epoch seconds on the wire (rest-json), hence double.

internal sealed record ErrorBody(string Message, string? Reason);

internal sealed record GraphSummary(
    string Id,
    string Name,
    string Arn,
    string? Status,
    int? ProvisionedMemory,
    bool? PublicConnectivity,
    string? Endpoint,
    int? ReplicaCount,
    string? KmsKeyIdentifier,
    bool? DeletionProtection);

internal sealed record ListGraphsOutput(IReadOnlyList<GraphSummary> Graphs, string? NextToken);

internal sealed record StartExportTaskInput(
    string? GraphIdentifier,
    string? RoleArn,
    string? Format,
    string? Destination,
    string? KmsKeyIdentifier,
    string? ParquetType,
    JsonElement? ExportFilter,
    Dictionary<string, string>? Tags);

internal sealed record ExportTaskDetails(double StartTime, long TimeElapsedSeconds, int ProgressPercentage, long? NumVerticesWritten, long? NumEdgesWritten);

// Members the model marks required are nullable here only so a sparse answer (AnswerQuirks) can leave them out.
// A list entry (the model's ExportTaskSummary) is this record without details and filter, which are then not written.
internal sealed record ExportTaskOutput(
    string GraphId,
    string? RoleArn,
    string TaskId,
    string Status,
    string? Format,
    string? Destination,
    string? KmsKeyIdentifier,
    string? ParquetType,
    string? StatusReason,
    ExportTaskDetails? ExportTaskDetails,
    JsonElement? ExportFilter);

internal sealed record ListExportTasksOutput(IReadOnlyList<ExportTaskOutput> Tasks, string? NextToken);

internal sealed record StartImportTaskInput(
    JsonElement? ImportOptions,
    bool? FailOnError,
    string? Source,
    string? Format,
    string? ParquetType,
    string? BlankNodeHandling,
    string? RoleArn);

internal sealed record ImportTaskDetails(
    string Status,
    double StartTime,
    long TimeElapsedSeconds,
    int ProgressPercentage,
    int ErrorCount,
    string? ErrorDetails,
    long StatementCount,
    long DictionaryEntryCount);

// A list entry (the model's ImportTaskSummary) is this record with only its first seven members.
internal sealed record ImportTaskOutput(
    string? GraphId,
    string TaskId,
    string Source,
    string? Format,
    string? ParquetType,
    string RoleArn,
    string Status,
    JsonElement? ImportOptions,
    ImportTaskDetails? ImportTaskDetails,
    int? AttemptNumber,
    string? StatusReason);

internal sealed record ListImportTasksOutput(IReadOnlyList<ImportTaskOutput> Tasks, string? NextToken);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ListGraphsOutput))]
[JsonSerializable(typeof(StartExportTaskInput))]
[JsonSerializable(typeof(ExportTaskOutput))]
[JsonSerializable(typeof(ListExportTasksOutput))]
[JsonSerializable(typeof(StartImportTaskInput))]
[JsonSerializable(typeof(ImportTaskOutput))]
[JsonSerializable(typeof(ListImportTasksOutput))]
internal sealed partial class WireJsonContext : JsonSerializerContext;

// Scenario control: the HTTP bodies under /_emulator and the scenario file.

internal sealed record StatusChange(string? Status, string? Reason);

internal sealed record FailureScript(double? AtProgress, string? Reason);

internal sealed record FaultSettings(double? LatencyMs, double? ThrottleRate, double? InternalErrorRate, int? RequestsPerSecond);

internal sealed record ErrorInjection(string? Error, int? Count, string? Message);

internal sealed record ClockAdvance(double? Seconds);

internal sealed record ClockReading(double Now);

internal sealed record MalformedEntryRequest(JsonElement? Entry);

internal sealed record ListingLagRequest(double? Seconds);

internal sealed record ProgressStop(int? AtProgress);

internal sealed record Slowdown(double? Factor);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(EmulatorScenario))]
[JsonSerializable(typeof(ScenarioGraph))]
[JsonSerializable(typeof(EmulatedTask))]
[JsonSerializable(typeof(StatusChange))]
[JsonSerializable(typeof(FailureScript))]
[JsonSerializable(typeof(FaultSettings))]
[JsonSerializable(typeof(ErrorInjection))]
[JsonSerializable(typeof(ClockAdvance))]
[JsonSerializable(typeof(ClockReading))]
[JsonSerializable(typeof(MalformedEntryRequest))]
[JsonSerializable(typeof(ListingLagRequest))]
[JsonSerializable(typeof(ProgressStop))]
[JsonSerializable(typeof(Slowdown))]
[JsonSerializable(typeof(ListingOmission))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
