namespace NeptuneNotifier.Emulator;

/// <summary>A task as the emulator sees it right now, for tests and demos.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Kind">"export" or "import".</param>
/// <param name="GraphId">The graph it belongs to.</param>
/// <param name="Status">The status GetExportTask / GetImportTask would answer now.</param>
/// <param name="StatusReason">The statusReason, if any.</param>
/// <param name="ProgressPercentage">Whole percent done.</param>
/// <param name="TimeElapsedSeconds">Emulated seconds since the start.</param>
/// <param name="NumVerticesWritten">Vertices written so far (exports only).</param>
/// <param name="NumEdgesWritten">Edges written so far (exports only).</param>
public sealed record EmulatedTask(
    string TaskId,
    string Kind,
    string GraphId,
    string Status,
    string? StatusReason,
    int ProgressPercentage,
    long TimeElapsedSeconds,
    long? NumVerticesWritten,
    long? NumEdgesWritten);

/// <summary>Faults added to one operation's responses.</summary>
/// <param name="Latency">Added before answering (real time, so client timeouts see it).</param>
/// <param name="ThrottleRate">Share of requests, 0 to 1, answered with 429 ThrottlingException.</param>
/// <param name="InternalErrorRate">Share of requests, 0 to 1, answered with 500 InternalServerException.</param>
/// <param name="RequestsPerSecond">Requests allowed per second of emulator time; the rest get 429 ThrottlingException.</param>
public sealed record FaultRule(TimeSpan Latency = default, double ThrottleRate = 0, double InternalErrorRate = 0, int? RequestsPerSecond = null)
{
    internal void Validate()
    {
        if (Latency < TimeSpan.Zero || Latency > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"Latency must be between 0 and 5 minutes, got {Latency}.", nameof(Latency));
        }

        if (ThrottleRate is < 0 or > 1 || double.IsNaN(ThrottleRate))
        {
            throw new ArgumentException($"ThrottleRate must be between 0 and 1, got {ThrottleRate}.", nameof(ThrottleRate));
        }

        if (InternalErrorRate is < 0 or > 1 || double.IsNaN(InternalErrorRate) || ThrottleRate + InternalErrorRate > 1)
        {
            throw new ArgumentException($"InternalErrorRate must be between 0 and 1 and, with ThrottleRate, at most 1; got {InternalErrorRate}.", nameof(InternalErrorRate));
        }

        if (RequestsPerSecond is < 1)
        {
            throw new ArgumentException($"RequestsPerSecond must be at least 1 when set, got {RequestsPerSecond}.", nameof(RequestsPerSecond));
        }
    }
}
