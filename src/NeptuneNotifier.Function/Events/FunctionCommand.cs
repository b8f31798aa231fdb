namespace NeptuneNotifier.Function.Events;

/// <summary>What an event asks the function to do.</summary>
internal abstract record FunctionCommand
{
    private protected FunctionCommand()
    {
    }
}

/// <summary>A scheduled tick: run one poll cycle.</summary>
internal sealed record PollCommand(string Source) : FunctionCommand;

/// <summary>Start tracking these tasks.</summary>
/// <param name="TaskIds">The tasks.</param>
/// <param name="Source">Who asked: <c>direct</c> or <c>cloudtrail</c>.</param>
/// <param name="Kind">Export or import when the event says (a CloudTrail record of the call that started it); null leaves it to the first read.</param>
internal sealed record TrackCommand(IReadOnlyList<string> TaskIds, string Source, TaskKind? Kind = null) : FunctionCommand;

/// <summary>
/// Follow the export (or import) a StartExportTask (or StartImportTask) call started, found through its graph: its
/// CloudTrail record did not name the task.
/// </summary>
/// <param name="GraphId">The graph the call named (<c>requestParameters.graphIdentifier</c>).</param>
/// <param name="CalledAt">When the call completed (CloudTrail's <c>eventTime</c>).</param>
/// <param name="Kind">The kind of task the call starts.</param>
internal sealed record TrackStartedTaskCommand(string GraphId, DateTimeOffset CalledAt, TaskKind Kind = TaskKind.Export) : FunctionCommand;

/// <summary>Stop tracking these tasks.</summary>
internal sealed record UntrackCommand(IReadOnlyList<string> TaskIds) : FunctionCommand;

/// <summary>A well-formed event that asks for nothing, such as a CloudTrail record of a StartExportTask call that failed.</summary>
internal sealed record IgnoreCommand(string Reason) : FunctionCommand;

/// <summary>An event the function does not accept. The message names what was received and what was wrong.</summary>
internal sealed class InvalidEventException(string message) : Exception(message);
