using NeptuneNotifier.Function.Events;
using NeptuneNotifier.Function.Observability;
using NeptuneNotifier.Function.Runtime;

namespace NeptuneNotifier.Function;

/// <summary>
/// The function's handler: parse the event, run one service call (a poll cycle, or track / untrack), report the result.
/// </summary>
internal sealed partial class NotifierFunction(
    PollCycle cycle,
    ITaskStateStore store,
    StartedExportTracker startedExports,
    string region,
    string functionName,
    TextWriter metricsOut,
    TimeProvider timeProvider,
    ILogger<NotifierFunction> logger) : IInvocationHandler
{
    /// <summary>
    /// A poll's work once its token fired: the deliveries in flight and the resume-point write (<see cref="PollCycle.FinishTimeout"/>), then
    /// the metrics line to stdout and the loop's local <c>/response</c>, a few milliseconds given a second. Track and
    /// untrack stop at once.
    /// </summary>
    public TimeSpan WindDown { get; } = PollCycle.FinishTimeout + TimeSpan.FromSeconds(1);

    public async Task<byte[]> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var command = EventParser.Parse(invocation.Payload, FunctionIdentity.From(invocation.InvokedFunctionArn, region));
        switch (command)
        {
            case PollCommand poll:
            {
                LogPoll(poll.Source);
                var summary = await cycle.RunAsync(cancellationToken);
                await metricsOut.WriteAsync(System.Text.Encoding.UTF8.GetString(EmbeddedMetrics.Format(summary, functionName, timeProvider.GetUtcNow())).AsMemory(), CancellationToken.None);
                await metricsOut.FlushAsync(CancellationToken.None);
                return Respond(json =>
                {
                    json.WriteString("command", "poll");
                    WriteFigures(json, summary);
                });
            }

            case TrackCommand track:
            {
                var added = await store.TrackAsync([.. track.TaskIds.Select(id => new TaskToTrack(id, Kind: track.Kind))], timeProvider.GetUtcNow(), cancellationToken);
                LogTracked(track.TaskIds.Count, added.Count, track.Source);
                return Respond(json =>
                {
                    json.WriteString("command", "track");
                    WriteIds(json, "tracked", added);
                    WriteIds(json, "alreadyTracked", [.. track.TaskIds.Except(added, StringComparer.Ordinal)]);
                });
            }

            case TrackStartedTaskCommand started:
            {
                var result = await startedExports.TrackAsync(started.GraphId, started.Kind, started.CalledAt, cancellationToken);
                LogTrackedThroughGraph(started.Kind == TaskKind.Import ? "StartImportTask" : "StartExportTask", started.GraphId, result.Tracked.Count, result.Listed, TaskKinds.Name(started.Kind), result.Recorded);
                return Respond(json =>
                {
                    json.WriteString("command", "track");
                    json.WriteString("graphId", started.GraphId);
                    json.WriteString("kind", TaskKinds.Name(started.Kind));
                    WriteIds(json, "tracked", result.Tracked);
                    json.WriteNumber("listed", result.Listed);
                    json.WriteNumber("recorded", result.Recorded);
                });
            }

            case UntrackCommand untrack:
            {
                List<string> removed = [];
                foreach (var id in untrack.TaskIds)
                {
                    if (await store.UntrackAsync(id, cancellationToken))
                    {
                        removed.Add(id);
                    }
                }

                LogUntracked(untrack.TaskIds.Count, removed.Count);
                return Respond(json =>
                {
                    json.WriteString("command", "untrack");
                    WriteIds(json, "untracked", removed);
                    WriteIds(json, "notTracked", [.. untrack.TaskIds.Except(removed, StringComparer.Ordinal)]);
                });
            }

            case IgnoreCommand ignore:
                LogIgnored(ignore.Reason);
                return Respond(json =>
                {
                    json.WriteString("command", "ignore");
                    json.WriteString("reason", ignore.Reason);
                });

            default:
                throw new InvalidEventException($"The event was understood as {command.GetType().Name}, which this function does not handle.");
        }
    }

    private static void WriteFigures(Utf8JsonWriter json, PollCycleSummary summary)
    {
        foreach (var figure in PollCycleSummary.Figures)
        {
            var value = figure.Value(summary);
            switch (figure.Unit)
            {
                case FigureUnit.Count:
                    json.WriteNumber(figure.Member, (int)value);
                    break;
                case FigureUnit.Flag:
                    json.WriteBoolean(figure.Member, value != 0);
                    break;
                default:
                    json.WriteNumber(figure.Member, Math.Round(value));
                    break;
            }
        }
    }

    private static void WriteIds(Utf8JsonWriter json, string name, IReadOnlyList<string> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
    }

    private static byte[] Respond(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll requested by {Source}")]
    private partial void LogPoll(string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Track requested by {Source} for {Requested} task(s); {Added} newly tracked")]
    private partial void LogTracked(int requested, int added, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Call} record without a task id: graph {GraphId} lists {Listed} {Kind} task(s); {Tracked} newly tracked, {Recorded} recorded as history")]
    private partial void LogTrackedThroughGraph(string call, string graphId, int tracked, int listed, string kind, int recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Untrack requested for {Requested} task(s); {Removed} were tracked")]
    private partial void LogUntracked(int requested, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event ignored: {Reason}")]
    private partial void LogIgnored(string reason);
}
