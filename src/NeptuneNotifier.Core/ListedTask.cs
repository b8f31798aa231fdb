namespace NeptuneNotifier.Core;

/// <summary>One entry of a graph's task listing (ListExportTasks).</summary>
/// <param name="TaskId">The task identifier as listed; checked by the caller.</param>
/// <param name="Status">The status the listing reports, or null when it reported none that is usable.</param>
/// <param name="GraphId">The graph the entry names, when it names one (the listing's entries need only a task id and a status).</param>
public sealed record ListedTask(string TaskId, NeptuneTaskStatus? Status, string? GraphId = null);

/// <summary>One page of a graph's task listing.</summary>
/// <param name="Tasks">The entries of the page, in the service's order.</param>
/// <param name="NextToken">Where the next page starts; null (or empty) on the last page.</param>
public sealed record ListedPage(IReadOnlyList<ListedTask> Tasks, string? NextToken);
