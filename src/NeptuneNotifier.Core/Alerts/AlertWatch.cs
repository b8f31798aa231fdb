namespace NeptuneNotifier.Core.Alerts;

/// <summary>
/// What the alert rules remember about a running task between cycles, stored with the task (absent = fresh): the
/// progress last seen and since when, when its details were last looked at, and which alerts were claimed.
/// </summary>
/// <param name="ProgressPercentage">The highest progress percentage seen in the current status, when reported.</param>
/// <param name="RecordsWritten">The highest count of records written (vertices and edges, or an import's statements) seen in the current status, when reported.</param>
/// <param name="ProgressSince">When the progress was first seen at these marks: the start of the current stall, if it is one.</param>
/// <param name="CheckedAt">When the rules last looked at a detailed read of the task.</param>
/// <param name="OverdueAlertedAt">When the overdue alert was claimed; null until then. Once per task.</param>
/// <param name="StallAlertedAt">When the alert of the current stall was claimed; null while none was, cleared when progress moves.</param>
public sealed record AlertWatch(
    int? ProgressPercentage,
    long? RecordsWritten,
    DateTimeOffset ProgressSince,
    DateTimeOffset CheckedAt,
    DateTimeOffset? OverdueAlertedAt,
    DateTimeOffset? StallAlertedAt);
