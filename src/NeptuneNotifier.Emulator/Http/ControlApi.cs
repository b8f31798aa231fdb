using System.Text.Json.Serialization.Metadata;
using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>HTTP access to <see cref="EmulatorControl"/> under the reserved <c>/_emulator/</c> prefix, for node tests and standalone use.</summary>
internal sealed class ControlApi(EmulatorControl control)
{
    public const string Prefix = "/_emulator";

    public void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix);
        group.MapGet("/health", context => Handle(context, _ => Reply(context, 200, new ClockReading(EpochSeconds()), ControlJsonContext.Default.ClockReading)));
        group.MapGet("/clock", context => Handle(context, _ => Reply(context, 200, new ClockReading(EpochSeconds()), ControlJsonContext.Default.ClockReading)));
        group.MapPost("/clock/advance", context => Handle(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.ClockAdvance, cancellationToken);
            if (body.Seconds is not { } seconds || seconds < 0 || double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                throw new ArgumentException("\"seconds\" must be a non-negative number.");
            }

            control.AdvanceTime(TimeSpan.FromSeconds(seconds));
            await Reply(context, 200, new ClockReading(EpochSeconds()), ControlJsonContext.Default.ClockReading);
        }));
        group.MapPost("/graphs", context => Handle(context, async cancellationToken =>
        {
            var graph = await ReadAsync(context, ControlJsonContext.Default.ScenarioGraph, cancellationToken);
            control.AddGraph(graph);
            context.Response.StatusCode = 201;
        }));
        group.MapGet("/tasks/{taskId}", context => Handle(context, _ => ReplyTask(context)));
        group.MapPut("/tasks/{taskId}/status", context => Handle(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.StatusChange, cancellationToken);
            control.SetNextStatus(TaskId(context), body.Status ?? throw new ArgumentException("\"status\" is required."), body.Reason);
            await ReplyTask(context);
        }));
        group.MapPut("/tasks/{taskId}/failure", context => Handle(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.FailureScript, cancellationToken);
            var atProgress = body.AtProgress ?? 0;
            if (atProgress is < 0 or > 100 || double.IsNaN(atProgress))
            {
                throw new ArgumentException("\"atProgress\" must be between 0 and 100.");
            }

            control.ScriptFailure(TaskId(context), (int)atProgress, body.Reason ?? throw new ArgumentException("\"reason\" is required."));
            await ReplyTask(context);
        }));
        group.MapPut("/tasks/{taskId}/progress-stop", context => Handle(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.ProgressStop, cancellationToken);
            if (body.AtProgress is < 0 or > 100)
            {
                throw new ArgumentException("\"atProgress\" must be between 0 and 100, or absent to stop where the task is.");
            }

            control.StopProgress(TaskId(context), body.AtProgress);
            await ReplyTask(context);
        }));
        group.MapDelete("/tasks/{taskId}/progress-stop", context => NoContent(context, () => control.ResumeProgress(TaskId(context))));
        group.MapPut("/tasks/{taskId}/slowdown", context => Handle(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.Slowdown, cancellationToken);
            control.SlowDown(TaskId(context), body.Factor ?? throw new ArgumentException("\"factor\" is required."));
            await ReplyTask(context);
        }));
        group.MapDelete("/tasks/{taskId}", context => Handle(context, _ =>
        {
            var taskId = TaskId(context);
            context.Response.StatusCode = control.DeleteTask(taskId) ? 204 : throw EmulatorState.UnknownTask(taskId);
            return Task.CompletedTask;
        }));
        group.MapPut("/tasks/{taskId}/sparse", context => Handle(context, _ =>
        {
            control.AnswerSparsely(TaskId(context));
            return ReplyTask(context);
        }));
        group.MapDelete("/tasks/{taskId}/sparse", context => NoContent(context, () => control.AnswerSparsely(TaskId(context), sparse: false)));
        group.MapPost("/graphs/{graphId}/malformed-export-entries", context => NoContent(context, async cancellationToken =>
        {
            // No body, or {}, adds the default entry (no taskId); {"entry": <any JSON>} adds that value verbatim.
            var body = await ReadOptionalAsync(context, ControlJsonContext.Default.MalformedEntryRequest, cancellationToken);
            control.AddMalformedExportEntry(GraphId(context), body?.Entry is { } entry ? entry.GetRawText() : null);
        }));
        group.MapDelete("/graphs/{graphId}/malformed-export-entries", context => NoContent(context, () => control.ClearMalformedExportEntries(GraphId(context))));
        group.MapPut("/tasks/{taskId}/listing-lag", context => NoContent(context, async cancellationToken =>
            control.SetListingLag(TaskId(context), await ReadLagAsync(context, cancellationToken))));
        group.MapDelete("/tasks/{taskId}/listing-lag", context => NoContent(context, () => control.SetListingLag(TaskId(context), TimeSpan.Zero)));
        group.MapPut("/graphs/{graphId}/listing-lag", context => NoContent(context, async cancellationToken =>
            control.SetGraphListingLag(GraphId(context), await ReadLagAsync(context, cancellationToken))));
        group.MapDelete("/graphs/{graphId}/listing-lag", context => NoContent(context, () => control.SetGraphListingLag(GraphId(context), TimeSpan.Zero)));
        group.MapPut("/tasks/{taskId}/listing-omission", context => NoContent(context, async cancellationToken =>
        {
            // No body, or {}, leaves the task out until cleared; {"listings": 3} for the next three pages that would carry it.
            var body = await ReadOptionalAsync(context, ControlJsonContext.Default.ListingOmission, cancellationToken);
            control.OmitFromListing(TaskId(context), body?.Listings);
        }));
        group.MapDelete("/tasks/{taskId}/listing-omission", context => NoContent(context, () => control.RestoreInListing(TaskId(context))));
        group.MapPut("/faults/{operation}", context => NoContent(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.FaultSettings, cancellationToken);
            var latency = body.LatencyMs is { } ms && ms >= 0 && ms <= 300_000 ? TimeSpan.FromMilliseconds(ms)
                : body.LatencyMs is null ? TimeSpan.Zero
                : throw new ArgumentException("\"latencyMs\" must be between 0 and 300000.");
            control.SetFaults(Operation(context), new FaultRule(latency, body.ThrottleRate ?? 0, body.InternalErrorRate ?? 0, body.RequestsPerSecond));
        }));
        group.MapPost("/faults/{operation}/errors", context => NoContent(context, async cancellationToken =>
        {
            var body = await ReadAsync(context, ControlJsonContext.Default.ErrorInjection, cancellationToken);
            control.InjectErrors(Operation(context), body.Error ?? throw new ArgumentException("\"error\" is required."), body.Count ?? 1, body.Message);
        }));
        group.MapDelete("/faults", context => NoContent(context, () => control.ClearFaults()));
    }

    private double EpochSeconds() => control.Now.ToUnixTimeMilliseconds() / 1000.0;

    private static string TaskId(HttpContext context) => (string)context.Request.RouteValues["taskId"]!;

    private static string GraphId(HttpContext context) => (string)context.Request.RouteValues["graphId"]!;

    private static string Operation(HttpContext context) => (string)context.Request.RouteValues["operation"]!;

    private Task ReplyTask(HttpContext context)
    {
        return Reply(context, 200, control.EnsureTask(TaskId(context)), ControlJsonContext.Default.EmulatedTask);
    }

    private static Task NoContent(HttpContext context, Action action) => NoContent(context, _ =>
    {
        action();
        return Task.CompletedTask;
    });

    private static Task NoContent(HttpContext context, Func<CancellationToken, Task> action) => Handle(context, async cancellationToken =>
    {
        await action(cancellationToken);
        context.Response.StatusCode = 204;
    });

    private static async Task Handle(HttpContext context, Func<CancellationToken, Task> action)
    {
        var cancellationToken = context.RequestAborted;
        var (status, message) = (0, string.Empty);
        try
        {
            await action(cancellationToken);
            return;
        }
        catch (KeyNotFoundException exception)
        {
            (status, message) = (404, exception.Message);
        }
        catch (ArgumentException exception)
        {
            (status, message) = (400, exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            (status, message) = (409, exception.Message);
        }
        catch (JsonException exception)
        {
            (status, message) = (400, $"The control request body is not valid: {exception.Message}");
        }

        await Reply(context, status, new ErrorBody(message, Reason: null), ControlJsonContext.Default.ErrorBody);
    }

    private static async Task<TimeSpan> ReadLagAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(context, ControlJsonContext.Default.ListingLagRequest, cancellationToken);
        return ListingLag.Check(body.Seconds ?? throw new ArgumentException("\"seconds\" is required."), "The listing lag");
    }

    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, cancellationToken)
        ?? throw new ArgumentException("The control request needs a JSON body.");

    private static async Task<T?> ReadOptionalAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length == 0 ? null : JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
    }

    private static async Task Reply<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted);
    }
}
