namespace NeptuneNotifier.Core;

/// <summary>A request to follow a task.</summary>
/// <param name="TaskId">The task identifier, <c>t-[a-z0-9]{10}</c>.</param>
/// <param name="GraphId">The graph, when known.</param>
/// <param name="Kind">Export or import, when known; null leaves it to the first read to find out (GetExportTask, then GetImportTask).</param>
public sealed record TaskToTrack(string TaskId, string? GraphId = null, TaskKind? Kind = null);
