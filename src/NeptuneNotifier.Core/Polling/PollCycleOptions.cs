namespace NeptuneNotifier.Core.Polling;

/// <summary>How a poll cycle behaves. The defaults suit the Neptune Analytics control plane from a 5-minute schedule.</summary>
public sealed record PollCycleOptions
{
    /// <summary>Graphs whose export tasks are all followed (found with ListExportTasks); empty by default.</summary>
    public IReadOnlyList<string> GraphIds { get; init; } = [];

    /// <summary>How many GetExportTask calls may be in flight at once (1 to 64; default 4).</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Sustained client-side request rate to Neptune Analytics, per second (0.1 to 100; default 5).</summary>
    public double RequestsPerSecond { get; init; } = 5;

    /// <summary>How many requests may start at once before the rate applies (1 to 100; default 5).</summary>
    public int Burst { get; init; } = 5;

    /// <summary>How long a claimer owns a pending notification before another cycle may republish it (default 2 minutes).</summary>
    public TimeSpan PublishLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a notified terminal task is kept before it expires from the store (default 14 days).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Reads and detects but neither publishes nor writes.</summary>
    public bool DryRun { get; init; }

    /// <summary>Returns every problem with these options, each naming the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        foreach (var graphId in GraphIds ?? [])
        {
            if (!TaskIds.IsGraphId(graphId))
            {
                errors.Add($"{nameof(GraphIds)}: '{graphId}' is not a graph identifier (g- and 10 lowercase letters or digits).");
            }
        }

        if (MaxConcurrency is < 1 or > 64)
        {
            errors.Add($"{nameof(MaxConcurrency)}: {MaxConcurrency} is outside 1 to 64.");
        }

        if (double.IsNaN(RequestsPerSecond) || RequestsPerSecond is < 0.1 or > 100)
        {
            errors.Add($"{nameof(RequestsPerSecond)}: {RequestsPerSecond} is outside 0.1 to 100.");
        }

        if (Burst is < 1 or > 100)
        {
            errors.Add($"{nameof(Burst)}: {Burst} is outside 1 to 100.");
        }

        if (PublishLease < TimeSpan.FromSeconds(10) || PublishLease > TimeSpan.FromHours(1))
        {
            errors.Add($"{nameof(PublishLease)}: {PublishLease} is outside 10 seconds to 1 hour.");
        }

        if (Retention < TimeSpan.FromHours(1) || Retention > TimeSpan.FromDays(365))
        {
            errors.Add($"{nameof(Retention)}: {Retention} is outside 1 hour to 365 days.");
        }

        return errors;
    }
}
