using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>The Neptune Analytics control-plane operations, rest-json as the API model defines them.</summary>
internal sealed partial class NeptuneApi(EmulatorState state, FaultInjector faults, AnswerQuirks quirks, ListingQuirks listing, SigV4Verifier? verifier, ILogger<NeptuneApi> logger)
{
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>Like the service, leaves quotes and non-ASCII text in messages readable instead of \u escapes.</summary>
    private static readonly WireJsonContext WireJson = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowDuplicateProperties = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private delegate Task Operation(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/graphs", context => Run(context, "ListGraphs", ListGraphsAsync));
        routes.MapPost("/exporttasks", context => Run(context, "StartExportTask", StartExportTaskAsync));
        routes.MapGet("/exporttasks", context => Run(context, "ListExportTasks", ListExportTasksAsync));
        routes.MapGet("/exporttasks/{taskIdentifier}", context => Run(context, "GetExportTask", GetExportTaskAsync));
        routes.MapDelete("/exporttasks/{taskIdentifier}", context => Run(context, "CancelExportTask", CancelExportTaskAsync));
        routes.MapPost("/graphs/{graphIdentifier}/importtasks", context => Run(context, "StartImportTask", StartImportTaskAsync));
        routes.MapGet("/importtasks", context => Run(context, "ListImportTasks", ListImportTasksAsync));
        routes.MapGet("/importtasks/{taskIdentifier}", context => Run(context, "GetImportTask", GetImportTaskAsync));
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.Headers["x-amzn-ErrorType"] = error.ErrorTypeSuffix is null ? error.ErrorType : $"{error.ErrorType}:{error.ErrorTypeSuffix}";
        return WriteJsonAsync(context, error.StatusCode, new ErrorBody(error.Message, error.Reason), WireJson.ErrorBody, cancellationToken);
    }

    private async Task Run(HttpContext context, string operation, Operation handler)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            if (verifier?.Verify(SignedRequestOf(context, body.Span)) is { } signatureError)
            {
                throw signatureError;
            }

            var fault = faults.Decide(operation);
            if (fault.Latency > TimeSpan.Zero)
            {
                // Real time on purpose: added latency is there to exercise client timeouts, which run on real time.
                await Task.Delay(fault.Latency, cancellationToken);
            }

            if (fault.Error is not null)
            {
                throw fault.Error;
            }

            await handler(context, body, cancellationToken);
            LogAnswered(logger, context.Request.Method, context.Request.Path, operation, context.Response.StatusCode);
        }
        catch (EmulatorException refusal)
        {
            await RefuseAsync(context, operation, ApiException.From(refusal), cancellationToken);
        }
        catch (ApiException error)
        {
            await RefuseAsync(context, operation, error, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug in the emulator still answers in the service's error shape, so clients report it sensibly.
            LogFailure(logger, exception, operation);
            await WriteErrorAsync(context, ApiException.Internal($"The emulator failed: {exception.Message}"), cancellationToken);
        }
    }

    private Task RefuseAsync(HttpContext context, string operation, ApiException error, CancellationToken cancellationToken)
    {
        LogRefused(logger, context.Request.Method, context.Request.Path, operation, error.StatusCode, error.ErrorType, error.Message);
        return WriteErrorAsync(context, error, cancellationToken);
    }

    private Task ListGraphsAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (nextToken, maxResults) = Paging(context.Request, new RequestValidator());
        var page = state.ListGraphs(nextToken, maxResults);
        var graphs = page.Items.Select(record => new GraphSummary(
            record.Graph.Id,
            record.Graph.Name,
            record.Arn,
            record.Graph.Status,
            record.Graph.ProvisionedMemory,
            PublicConnectivity: false,
            record.Endpoint,
            ReplicaCount: 0,
            KmsKeyIdentifier: "AWS_OWNED_KEY",
            DeletionProtection: false)).ToList();
        return WriteJsonAsync(context, 200, new ListGraphsOutput(graphs, page.NextToken), WireJson.ListGraphsOutput, cancellationToken);
    }

    private Task StartExportTaskAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var input = Deserialize(body, WireJson.StartExportTaskInput) ?? new StartExportTaskInput(null, null, null, null, null, null, null, null);
        RequestValidator.CheckStartExportTask(input);

        var view = state.Start(StartTaskRequest.ForExport(
            input.GraphIdentifier!,
            input.RoleArn!,
            input.Format!,
            input.Destination!,
            input.KmsKeyIdentifier!,
            input.ParquetType,
            NullIfJsonNull(input.ExportFilter)));
        return WriteJsonAsync(context, 201, WireOutputs.Export(view, withDetails: false, withFilter: true), WireJson.ExportTaskOutput, cancellationToken);
    }

    private Task GetExportTaskAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var view = state.Get(EmulatedTaskKind.Export, TaskIdentifier(context));
        var output = quirks.IsSparse(view.Task.TaskId)
            ? WireOutputs.Sparse(view)
            : WireOutputs.Export(view, withDetails: true, withFilter: true);
        return WriteJsonAsync(context, 200, output, WireJson.ExportTaskOutput, cancellationToken);
    }

    private Task ListExportTasksAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var graphId = Query(context.Request, "graphIdentifier");
        validator.Pattern(graphId, "graphIdentifier", ModelPatterns.GraphId(), ModelPatterns.GraphIdText);
        var (nextToken, maxResults) = Paging(context.Request, validator);
        var page = state.List(EmulatedTaskKind.Export, graphId, nextToken, maxResults, listing);
        var tasks = page.Items.Select(view => WireOutputs.ExportSummary(view, sparse: quirks.IsSparse(view.Task.TaskId))).ToList();
        var malformed = quirks.MalformedEntriesFor(graphId, firstPage: nextToken is null);
        return malformed.Count == 0
            ? WriteJsonAsync(context, 200, new ListExportTasksOutput(tasks, page.NextToken), WireJson.ListExportTasksOutput, cancellationToken)
            : WriteListWithRawEntriesAsync(context, malformed, tasks, page.NextToken, cancellationToken);
    }

    /// <summary>A ListExportTasks page whose first entries are written verbatim (AnswerQuirks), then the real ones.</summary>
    private static async Task WriteListWithRawEntriesAsync(HttpContext context, IReadOnlyList<string> rawEntries, IReadOnlyList<ExportTaskOutput> tasks, string? nextToken, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tasks");
            foreach (var raw in rawEntries)
            {
                writer.WriteRawValue(raw);
            }

            foreach (var task in tasks)
            {
                JsonSerializer.Serialize(writer, task, WireJson.ExportTaskOutput);
            }

            writer.WriteEndArray();
            if (nextToken is not null)
            {
                writer.WriteString("nextToken", nextToken);
            }

            writer.WriteEndObject();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    private Task CancelExportTaskAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var view = state.Cancel(EmulatedTaskKind.Export, TaskIdentifier(context));
        return WriteJsonAsync(context, 200, WireOutputs.Export(view, withDetails: false, withFilter: false), WireJson.ExportTaskOutput, cancellationToken);
    }

    private Task StartImportTaskAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var input = Deserialize(body, WireJson.StartImportTaskInput) ?? new StartImportTaskInput(null, null, null, null, null, null, null);
        var graphId = context.Request.RouteValues["graphIdentifier"] as string;
        RequestValidator.CheckStartImportTask(graphId, input);

        var view = state.Start(StartTaskRequest.ForImport(graphId!, input.Source!, input.Format, input.ParquetType, input.RoleArn!, NullIfJsonNull(input.ImportOptions)));
        return WriteJsonAsync(context, 201, WireOutputs.Import(view, withDetails: false), WireJson.ImportTaskOutput, cancellationToken);
    }

    private Task GetImportTaskAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var view = state.Get(EmulatedTaskKind.Import, TaskIdentifier(context));
        return WriteJsonAsync(context, 200, WireOutputs.Import(view, withDetails: true), WireJson.ImportTaskOutput, cancellationToken);
    }

    private Task ListImportTasksAsync(HttpContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (nextToken, maxResults) = Paging(context.Request, new RequestValidator());
        var page = state.List(EmulatedTaskKind.Import, graphId: null, nextToken, maxResults, listing);
        var tasks = page.Items.Select(WireOutputs.ImportSummary).ToList();
        return WriteJsonAsync(context, 200, new ListImportTasksOutput(tasks, page.NextToken), WireJson.ListImportTasksOutput, cancellationToken);
    }

    private static string TaskIdentifier(HttpContext context)
    {
        var taskId = context.Request.RouteValues["taskIdentifier"] as string;
        var validator = new RequestValidator();
        validator.Required(taskId, "taskIdentifier");
        validator.Pattern(taskId, "taskIdentifier", ModelPatterns.TaskId(), ModelPatterns.TaskIdText);
        validator.ThrowIfInvalid();
        return taskId!;
    }

    private static (string? NextToken, int? MaxResults) Paging(HttpRequest request, RequestValidator validator)
    {
        var nextToken = Query(request, "nextToken");
        validator.Length(nextToken, "nextToken", 1, 8192);
        var maxResults = validator.Integer(Query(request, "maxResults"), "maxResults");
        validator.Range(maxResults, "maxResults", 1, 100);
        validator.ThrowIfInvalid();
        return (nextToken, maxResults);
    }

    private static string? Query(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static JsonElement? NullIfJsonNull(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : element;

    private static T? Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> typeInfo)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo);
        }
        catch (JsonException exception)
        {
            throw ApiException.Validation($"The request body is not valid JSON for this operation: {exception.Message}", "BAD_REQUEST");
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        static ApiException TooLarge() => ApiException.Validation($"The request body is larger than {MaxBodyBytes} bytes.", "BAD_REQUEST");
    }

    private static SignedRequest SignedRequestOf(HttpContext context, ReadOnlySpan<byte> body)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(',', values.Select(value => value?.Trim()));
        }

        return new SignedRequest(context.Request.Method, rawPath, rawQuery, headers, SigV4Verifier.Hex(SHA256.HashData(body)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Operation} -> {StatusCode}")]
    private static partial void LogAnswered(ILogger logger, string method, string path, string operation, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Operation} -> {StatusCode} {ErrorType}: {ErrorMessage}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string operation, int statusCode, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Operation} failed inside the emulator")]
    private static partial void LogFailure(ILogger logger, Exception exception, string operation);

    private static async Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, cancellationToken);
    }
}
