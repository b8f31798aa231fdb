namespace NeptuneNotifier.Core;

/// <summary>One entry of a graph's task listing (ListExportTasks).</summary>
/// <param name="TaskId">The task identifier as listed; checked by the caller.</param>
/// <param name="Status">The status the listing reports, or null when it reported none that is usable.</param>
public sealed record ListedTask(string TaskId, NeptuneTaskStatus? Status);
