namespace NeptuneNotifier.Core.Alerts;

/// <summary>The alert thresholds (OVERDUE_AFTER_MINUTES, STALLED_AFTER_MINUTES); null turns an alert off.</summary>
/// <param name="OverdueAfter">How long a task may run before it is overdue; null: no overdue alert.</param>
/// <param name="StalledAfter">How long a running task's progress may stay put before it is stalled; null: no stall alert.</param>
public sealed record AlertOptions(TimeSpan? OverdueAfter = null, TimeSpan? StalledAfter = null)
{
    /// <summary>Both alerts off, the default.</summary>
    public static AlertOptions Off { get; } = new();

    /// <summary>True when either alert is on.</summary>
    public bool Enabled => OverdueAfter is not null || StalledAfter is not null;
}
