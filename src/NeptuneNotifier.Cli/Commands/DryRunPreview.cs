using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Cli.Commands;

/// <summary>
/// What a dry-run cycle would have notified, one line a task, told from the tasks as stored before the cycle and what
/// the cycle read: the poll itself says so only in its log, at Information. It judges as the poll does: a status that
/// differs from the stored one is a transition, a task the service no longer has is gone, and a read without a
/// transition is put to the alert rules at the time it answered.
/// </summary>
internal sealed class DryRunPreview(AlertRules rules)
{
    public IEnumerable<string> Lines(IEnumerable<TrackedTask> before, IReadOnlyDictionary<string, ObservedRead> reads)
    {
        foreach (var task in before.Where(TransitionRules.NeedsPolling).OrderBy(t => t.TaskId, StringComparer.Ordinal))
        {
            var read = reads.GetValueOrDefault(task.TaskId);
            if (read is null || (read.Snapshot is { } other && !string.Equals(other.TaskId, task.TaskId, StringComparison.Ordinal)))
            {
                continue;
            }

            var snapshot = read.Snapshot;
            var status = snapshot?.Status ?? NeptuneTaskStatus.Gone;
            var graphId = snapshot?.GraphId is { Length: > 0 } graph ? graph : task.GraphId ?? "unknown";
            var kind = snapshot?.Kind ?? task.KnownKind;
            var about = $"(graph {graphId}, {(kind is { } known ? TaskKinds.Name(known) : "export or import")})";
            if (TransitionRules.Classify(task.Status, status) != TransitionKind.None)
            {
                yield return $"would notify: {task.TaskId}  {task.Status?.Value ?? "(none)"} -> {status.Value} {about}";
            }
            else if (snapshot is not null && rules.Evaluate(task, snapshot, read.At, refresh: false).Alert is { } alert)
            {
                yield return $"would alert: {task.TaskId}  {status.Value} {TaskAlert.Name(alert.Kind)} {about}";
            }
        }
    }
}
