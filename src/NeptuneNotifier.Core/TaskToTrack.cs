namespace NeptuneNotifier.Core;

/// <summary>A request to follow a task.</summary>
/// <param name="TaskId">The task identifier, <c>t-[a-z0-9]{10}</c>.</param>
/// <param name="GraphId">The graph, when known.</param>
public sealed record TaskToTrack(string TaskId, string? GraphId = null);
