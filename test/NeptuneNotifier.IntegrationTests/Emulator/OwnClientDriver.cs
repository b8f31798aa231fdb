using System.Reflection;
using System.Text.Json.Serialization;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// Runs the same steps as <c>driver.mjs</c>, but through our own <see cref="NeptuneGraphClient"/>, and reports each
/// outcome in the driver's shape (<c>ok</c>, <c>status</c>, <c>name</c>, <c>reason</c>, <c>output</c> with model
/// member names and epoch-millisecond times), so the two can be compared field by field.
/// </summary>
internal static class OwnClientDriver
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new ValueRecordConverterFactory(), new EpochMillisecondsConverter() },
    };

    /// <summary>Our client for <paramref name="emulator"/>, without retries, signing with driver.mjs's default credentials.</summary>
    public static NeptuneGraphClient CreateClient(NeptuneEmulator emulator) =>
        LocalClients.Neptune(emulator.Endpoint, new BasicAWSCredentials("AKIDEMULATOR", "emulator-secret"), maxErrorRetry: 0);

    public static async Task<IReadOnlyList<DriverResult>> RunAsync(NeptuneEmulator emulator, IEnumerable<JsonObject> steps)
    {
        using var client = CreateClient(emulator);
        using var http = new HttpClient();
        List<DriverResult> results = [];
        foreach (var step in steps)
        {
            results.Add(new DriverResult(await RunStepAsync(client, http, emulator.Endpoint, step)));
        }

        return results;
    }

    private static async Task<JsonObject> RunStepAsync(NeptuneGraphClient client, HttpClient http, Uri endpoint, JsonObject step)
    {
        var token = TestContext.Current.CancellationToken;
        if (step["control"] is { } method)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.GetValue<string>()), new Uri(endpoint, step["path"]!.GetValue<string>()));
            if (step["body"] is { } body)
            {
                request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, token);
            return new JsonObject { ["ok"] = response.IsSuccessStatusCode, ["status"] = (int)response.StatusCode };
        }

        try
        {
            if (step["paginate"] is { } paginate)
            {
                return await PaginateAsync(client, paginate.GetValue<string>(), step["pageSize"]!.GetValue<int>(), step["input"]!.AsObject(), token);
            }

            var operation = step["call"]!.GetValue<string>();
            var output = await CallAsync(client, operation, step["input"]?.AsObject() ?? [], token);
            var node = JsonSerializer.SerializeToNode(output, output.GetType(), Json)!.AsObject();
            node.Remove("requestId");
            if (node["anomalies"] is JsonArray { Count: 0 })
            {
                // The official client has no such member; a non-empty list stays, so the comparison shows it.
                node.Remove("anomalies");
            }

            // Our Get/Start/Cancel task responses group the task's members under Task; on the wire they sit at the top level.
            if (node["task"] is JsonObject task)
            {
                node.Remove("task");
                foreach (var (name, value) in task.ToList())
                {
                    task.Remove(name);
                    node[name] = value;
                }
            }

            return new JsonObject { ["ok"] = true, ["output"] = node };
        }
        catch (NeptuneGraphException exception)
        {
            var reason = exception.GetType().GetProperty("Reason")?.GetValue(exception) switch
            {
                null => null,
                var value => value.GetType().GetProperty("Value")?.GetValue(value) as string ?? value.ToString(),
            };
            return new JsonObject
            {
                ["ok"] = false,
                ["name"] = exception.GetType().Name,
                ["status"] = (int)exception.StatusCode,
                ["reason"] = reason,
                ["message"] = exception.Message,
            };
        }
        catch (ArgumentException exception)
        {
            // Our client refuses a malformed request before sending it; the service would answer ValidationException.
            return new JsonObject { ["ok"] = false, ["name"] = "ValidationException", ["clientSide"] = true, ["message"] = exception.Message };
        }
    }

    private static async Task<object> CallAsync(NeptuneGraphClient client, string operation, JsonObject input, CancellationToken token) => operation switch
    {
        "GetExportTask" => await client.GetExportTaskAsync(Request<GetExportTaskRequest>(input), token),
        "ListExportTasks" => await client.ListExportTasksAsync(Request<ListExportTasksRequest>(input), token),
        "StartExportTask" => await client.StartExportTaskAsync(Request<StartExportTaskRequest>(input), token),
        "CancelExportTask" => await client.CancelExportTaskAsync(Request<CancelExportTaskRequest>(input), token),
        "GetImportTask" => await client.GetImportTaskAsync(Request<GetImportTaskRequest>(input), token),
        "ListImportTasks" => await client.ListImportTasksAsync(Request<ListImportTasksRequest>(input), token),
        "ListGraphs" => await client.ListGraphsAsync(Request<ListGraphsRequest>(input), token),
        _ => throw new InvalidOperationException($"OwnClientDriver has no operation {operation}"),
    };

    private static async Task<JsonObject> PaginateAsync(NeptuneGraphClient client, string operation, int pageSize, JsonObject input, CancellationToken token)
    {
        JsonArray pages = [];
        switch (operation)
        {
            case "ListExportTasks":
                await foreach (var page in client.ListExportTasksPagesAsync(Request<ListExportTasksRequest>(input) with { MaxResults = pageSize }, token))
                {
                    pages.Add(Page(page.Tasks.Select(t => t.TaskId), page.NextToken));
                }

                break;
            case "ListGraphs":
                await foreach (var page in client.ListGraphsPagesAsync(Request<ListGraphsRequest>(input) with { MaxResults = pageSize }, token))
                {
                    pages.Add(Page(page.Graphs.Select(g => g.Id), page.NextToken));
                }

                break;
            default:
                throw new InvalidOperationException($"OwnClientDriver cannot paginate {operation}");
        }

        return new JsonObject { ["ok"] = true, ["pages"] = pages };
    }

    private static JsonObject Page(IEnumerable<string> ids, string? nextToken) => new()
    {
        ["count"] = ids.Count(),
        ["nextToken"] = nextToken,
        ["ids"] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]),
    };

    private static T Request<T>(JsonObject input) =>
        input.Deserialize<T>(Json) ?? throw new InvalidOperationException($"no {typeof(T).Name} in {input.ToJsonString()}");

    /// <summary>Our enumerations are records with one string <c>Value</c>; on the wire they are plain strings.</summary>
    private sealed class ValueRecordConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.Namespace == typeof(ExportFormat).Namespace && typeToConvert.GetConstructor([typeof(string)]) is not null
            && typeToConvert.GetProperty("Value") is not null && typeToConvert.GetProperties().Length == 1;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ValueRecordConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ValueRecordConverter<T> : JsonConverter<T>
    {
        private static readonly ConstructorInfo Constructor = typeof(T).GetConstructor([typeof(string)])!;
        private static readonly PropertyInfo Value = typeof(T).GetProperty("Value")!;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (T)Constructor.Invoke([reader.GetString()]);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue((string?)Value.GetValue(value));
    }

    private sealed class EpochMillisecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
    }
}
