namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The event bus the notifier puts events on in the integration tests: a <see cref="CaptureServer"/> that answers
/// PutEvents (AWS JSON 1.1) as EventBridge does, records each event it took, and answers otherwise when
/// <see cref="Refuse"/> (before the events are put: an outage, a failed entry, a dropped connection) or
/// <see cref="AfterPut"/> (after: an answer lost) says so.
/// </summary>
internal sealed class FakeEventBus : IAsyncDisposable
{
    private readonly CaptureServer server;
    private readonly List<PutEvent> events = [];
    private readonly Lock gate = new();
    private int sequence;

    public FakeEventBus() => server = new CaptureServer(Answer);

    public Uri Endpoint => server.Endpoint;

    /// <summary>Every request that arrived, answered or not, in order of arrival.</summary>
    public IReadOnlyList<CapturedRequest> Requests => server.Requests;

    /// <summary>The events the bus took, in the order it took them.</summary>
    public IReadOnlyList<PutEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    /// <summary>Asked first for each request: an answer is sent instead and nothing is put; null puts the events. Puts all by default.</summary>
    public Func<CapturedRequest, CannedResponse?> Refuse { get; set; } = _ => null;

    /// <summary>Asked once the events of a request are put: an answer (<see cref="CannedResponse.Dropped"/>: the answer lost) replaces the success answer.</summary>
    public Func<IReadOnlyList<PutEvent>, CannedResponse?> AfterPut { get; set; } = _ => null;

    /// <summary>An EventBridge error document (AWS JSON 1.1): the whole call refused.</summary>
    public static CannedResponse Error(int status, string code, string message) =>
        CannedResponse.Json(status, new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());

    /// <summary>A 200 answer that reports every entry of the request as failed (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).</summary>
    public static CannedResponse FailedEntries(CapturedRequest request, string code, string message)
    {
        var count = Entries(request).Count;
        var entries = new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode)new JsonObject { ["ErrorCode"] = code, ["ErrorMessage"] = message })]);
        return CannedResponse.Json(200, new JsonObject { ["FailedEntryCount"] = count, ["Entries"] = entries }.ToJsonString());
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static JsonArray Entries(CapturedRequest request) => JsonNode.Parse(request.Body)!["Entries"]!.AsArray();

    private CannedResponse Answer(CapturedRequest request)
    {
        if (Refuse(request) is { } refusal)
        {
            return refusal;
        }

        List<PutEvent> taken = [.. Entries(request).Select(entry =>
            new PutEvent(entry!.AsObject().DeepClone().AsObject(), "e-" + Interlocked.Increment(ref sequence).ToString("D6", CultureInfo.InvariantCulture)))];
        lock (gate)
        {
            events.AddRange(taken);
        }

        if (AfterPut(taken) is { } replaced)
        {
            return replaced;
        }

        var answer = new JsonArray([.. taken.Select(e => (JsonNode)new JsonObject { ["EventId"] = e.EventId })]);
        return CannedResponse.Json(200, new JsonObject { ["FailedEntryCount"] = 0, ["Entries"] = answer }.ToJsonString());
    }
}

/// <summary>One event a bus took: the PutEvents entry as sent, and the id the bus gave it.</summary>
internal sealed record PutEvent(JsonObject Entry, string EventId)
{
    public string Source => Entry["Source"]!.GetValue<string>();

    public string DetailType => Entry["DetailType"]!.GetValue<string>();

    public string Detail => Entry["Detail"]!.GetValue<string>();

    public string? EventBusName => Entry["EventBusName"]?.GetValue<string>();

    public IReadOnlyList<string> Resources => [.. (Entry["Resources"]?.AsArray() ?? []).Select(r => r!.GetValue<string>())];

    /// <summary>The machine-readable event in the detail.</summary>
    public MachineEvent Event => MachineEvent.Parse(Detail);

    /// <summary>The entry as sent, for byte-for-byte comparison of repeats.</summary>
    public string Json => Entry.ToJsonString();
}
