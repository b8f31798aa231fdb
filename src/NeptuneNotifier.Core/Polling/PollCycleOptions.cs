using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Core.Polling;

/// <summary>
/// How a poll cycle behaves. The defaults suit the Neptune Analytics control plane from a 5-minute schedule; defaults
/// and ranges are those of the configuration variables in <see cref="SettingDefinitions"/>.
/// </summary>
public sealed record PollCycleOptions
{
    /// <summary>Graphs whose export and import tasks are all followed (found with ListExportTasks and ListImportTasks); empty by default.</summary>
    public IReadOnlyList<string> GraphIds { get; init; } = [];

    /// <summary>How many GetExportTask calls may be in flight at once (MAX_CONCURRENCY).</summary>
    public int MaxConcurrency { get; init; } = SettingDefinitions.MaxConcurrency.DefaultInteger;

    /// <summary>Sustained client-side request rate to Neptune Analytics, per second (REQUESTS_PER_SECOND).</summary>
    public double RequestsPerSecond { get; init; } = SettingDefinitions.RequestsPerSecond.Default;

    /// <summary>How many requests may start at once before the rate applies (REQUEST_BURST).</summary>
    public int Burst { get; init; } = SettingDefinitions.RequestBurst.DefaultInteger;

    /// <summary>How long a claimer owns a pending notification before another cycle may republish it (PUBLISH_LEASE_SECONDS).</summary>
    public TimeSpan PublishLease { get; init; } = TimeSpan.FromSeconds(SettingDefinitions.PublishLeaseSeconds.Default);

    /// <summary>How long a notified terminal task is kept before it expires from the store (RETENTION_DAYS).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(SettingDefinitions.RetentionDays.Default);

    /// <summary>How the status of the polled tasks is learnt: listings as hints, per-task reads, or the cheaper per graph (POLL_STRATEGY).</summary>
    public PollStrategy Strategy { get; init; } = SettingDefinitions.ParseStrategy(SettingDefinitions.PollStrategy.Default);

    /// <summary>The overdue and stalled alerts (OVERDUE_AFTER_MINUTES, STALLED_AFTER_MINUTES); off by default.</summary>
    public Alerts.AlertOptions Alerts { get; init; } = Core.Alerts.AlertOptions.Off;

    /// <summary>Reads and detects but neither publishes nor writes.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The cycle's fan-out: <see cref="MaxConcurrency"/> workers on the caller's task scheduler.
    /// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
    /// uses the thread pool unless told otherwise, even inside another scheduler's task; passing the current one keeps the
    /// thread pool in production (where it is the current one) and lets a single-threaded virtual clock drive the whole
    /// cycle in the benchmarks.
    /// </summary>
    internal ParallelOptions Parallel(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current };

    /// <summary>Returns every problem with these options, each naming the option; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        foreach (var graphId in GraphIds ?? [])
        {
            if (!TaskIds.IsGraphId(graphId))
            {
                errors.Add($"{nameof(GraphIds)}: '{graphId}' is not a graph identifier ({TaskIds.GraphIdRule}).");
            }
        }

        if (!Enum.IsDefined(Strategy))
        {
            errors.Add($"{nameof(Strategy)}: {(int)Strategy} is not a poll strategy.");
        }

        Check(nameof(MaxConcurrency), MaxConcurrency, MaxConcurrency, SettingDefinitions.MaxConcurrency, unit: null, errors);
        Check(nameof(RequestsPerSecond), RequestsPerSecond, RequestsPerSecond, SettingDefinitions.RequestsPerSecond, unit: null, errors);
        Check(nameof(Burst), Burst, Burst, SettingDefinitions.RequestBurst, unit: null, errors);
        Check(nameof(PublishLease), PublishLease, PublishLease.TotalSeconds, SettingDefinitions.PublishLeaseSeconds, "seconds", errors);
        Check(nameof(Retention), Retention, Retention.TotalDays, SettingDefinitions.RetentionDays, "days", errors);
        CheckOptional("Alerts.OverdueAfter", Alerts?.OverdueAfter, SettingDefinitions.OverdueAfterMinutes, errors);
        CheckOptional("Alerts.StalledAfter", Alerts?.StalledAfter, SettingDefinitions.StalledAfterMinutes, errors);
        return errors;
    }

    // The variables take whole minutes from the setting's range; code (the demo, on an emulator running faster than
    // real time) may set any positive span up to the same maximum.
    private static void CheckOptional(string option, TimeSpan? value, OptionalNumberSetting range, List<string> errors)
    {
        if (value is { } set && (set <= TimeSpan.Zero || set.TotalMinutes > range.Maximum))
        {
            errors.Add($"{option}: {set} is not more than zero and at most {range.Maximum} minutes.");
        }
    }

    private static void Check(string option, object shown, double value, NumberSetting range, string? unit, List<string> errors)
    {
        if (!range.Allows(value))
        {
            errors.Add($"{option}: {shown} is outside {range.Range}{(unit is null ? string.Empty : " " + unit)}.");
        }
    }
}
