using NeptuneNotifier.Aws.EventBridge;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>Translates a PutEvents case in the official SDK's input shape into ours, and our results into its output shape.</summary>
internal static class EventBridgeWireMapping
{
    /// <summary>The service name the official client, the capture server's verifier and our signing scope share.</summary>
    public const string Service = "events";

    public const string PutEventsResponseJson = """{"FailedEntryCount":0,"Entries":[{"EventId":"11710aed-b79e-4468-a20b-bb3c0c3b4860"}]}""";

    public static EventBridgeClient CreateClient(Uri endpoint, int maxErrorRetry = 0, TimeSpan? timeout = null, RequestRetryMode? retryMode = null) =>
        LocalClients.EventBridge(endpoint, NodeWire.SigningCredentials, maxErrorRetry, timeout, retryMode);

    /// <summary>An answer as EventBridge sends it: JSON 1.1.</summary>
    public static CannedResponse Answer(int status, string body, string? requestId = "req-0001")
        => CannedResponse.Json(status, body, requestId, "application/x-amz-json-1.1");

    public static PutEventsRequest ToRequest(JsonObject input) => new()
    {
        Entries = [.. input["Entries"]!.AsArray().Select(node => ToEntry(node!.AsObject()))],
        EndpointId = Text(input, "EndpointId"),
    };

    /// <summary>The case file's form of an entry: <c>Time</c> as epoch seconds, as <c>send.mjs</c> reads it.</summary>
    public static JsonObject ToInput(PutEventsRequestEntry entry)
    {
        var input = new JsonObject
        {
            ["Source"] = entry.Source,
            ["DetailType"] = entry.DetailType,
            ["Detail"] = entry.Detail,
        };
        if (entry.Time is { } time)
        {
            input["Time"] = time.ToUnixTimeMilliseconds() / 1000m;
        }

        if (entry.Resources is { } resources)
        {
            input["Resources"] = new JsonArray([.. resources.Select(resource => (JsonNode)resource)]);
        }

        if (entry.EventBusName is { } bus)
        {
            input["EventBusName"] = bus;
        }

        if (entry.TraceHeader is { } trace)
        {
            input["TraceHeader"] = trace;
        }

        return input;
    }

    public static JsonObject Output(PutEventsResponse response) => new()
    {
        ["FailedEntryCount"] = response.FailedEntryCount,
        ["Entries"] = new JsonArray([.. response.Entries.Select(entry => (JsonNode)new JsonObject
        {
            ["EventId"] = entry.EventId,
            ["ErrorCode"] = entry.ErrorCode,
            ["ErrorMessage"] = entry.ErrorMessage,
        })]),
    };

    private static PutEventsRequestEntry ToEntry(JsonObject entry) => new()
    {
        Time = entry["Time"] is { } time
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(decimal.Parse(time.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) * 1000))
            : null,
        Source = Text(entry, "Source")!,
        Resources = entry["Resources"] is JsonArray resources ? [.. resources.Select(resource => resource!.GetValue<string>())] : null,
        DetailType = Text(entry, "DetailType")!,
        Detail = Text(entry, "Detail")!,
        EventBusName = Text(entry, "EventBusName"),
        TraceHeader = Text(entry, "TraceHeader"),
    };

    private static string? Text(JsonObject input, string name) => input[name]?.GetValue<string>();
}
