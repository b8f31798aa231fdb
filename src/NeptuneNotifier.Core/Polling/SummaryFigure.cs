namespace NeptuneNotifier.Core.Polling;

/// <summary>What a figure of a poll cycle's summary measures, which decides how each report writes it.</summary>
public enum FigureUnit
{
    /// <summary>A number of tasks (or of listing pages, for failures and pages).</summary>
    Count,

    /// <summary>Yes or no: 1 or 0 as a metric, a boolean in JSON.</summary>
    Flag,

    /// <summary>Elapsed milliseconds.</summary>
    Milliseconds,
}

/// <summary>
/// One figure of a poll cycle's summary, named once for every report of a cycle: the log line, the function's
/// response, the CloudWatch metrics and the CLI each go through <see cref="PollCycleSummary.Figures"/>.
/// </summary>
/// <param name="Name">The log template's placeholder; camel-cased, the member of the function's response.</param>
/// <param name="Metric">
/// The CloudWatch metric name (alarms and dashboards depend on it), or null for a figure that is only logged, returned
/// and shown by the CLI: every custom metric costs a monthly fee, so a figure is a metric only when something watches it.
/// </param>
/// <param name="Label">The words the log line and the CLI write beside the value ("recorded as history").</param>
/// <param name="Unit">What the value measures.</param>
/// <param name="Value">The value in a summary; a flag is 1 or 0.</param>
public sealed record SummaryFigure(string Name, string? Metric, string Label, FigureUnit Unit, Func<PollCycleSummary, double> Value)
{
    /// <summary>The member of the function's response: <see cref="Name"/>, camel-cased.</summary>
    public string Member => string.Concat(Name[..1].ToLowerInvariant(), Name[1..]);
}
