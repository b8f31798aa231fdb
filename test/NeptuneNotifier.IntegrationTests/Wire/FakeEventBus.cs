namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The event bus the notifier puts events on in the integration tests: a <see cref="CaptureServer"/> that answers
/// PutEvents (AWS JSON 1.1) as EventBridge does, records each event it took, and answers otherwise when
/// <see cref="FakeEndpoint{TTaken}.Refuse"/> (before the events are put: an outage, a failed entry, a dropped connection) or
/// <see cref="AfterPut"/> (after: an answer lost) says so.
/// </summary>
internal sealed class FakeEventBus : FakeEndpoint<PutEvent>
{
    /// <summary>The events the bus took, in the order it took them.</summary>
    public IReadOnlyList<PutEvent> Events => Taken;

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

    protected override CannedResponse Take(CapturedRequest request)
    {
        List<PutEvent> taken = [.. Entries(request).Select(entry =>
            new PutEvent(entry!.AsObject().DeepClone().AsObject(), "e-" + NextId().ToString("D6", CultureInfo.InvariantCulture)))];
        Keep(taken);
        if (AfterPut(taken) is { } replaced)
        {
            return replaced;
        }

        var answer = new JsonArray([.. taken.Select(e => (JsonNode)new JsonObject { ["EventId"] = e.EventId })]);
        return CannedResponse.Json(200, new JsonObject { ["FailedEntryCount"] = 0, ["Entries"] = answer }.ToJsonString());
    }

    private static JsonArray Entries(CapturedRequest request) => JsonNode.Parse(request.Body)!["Entries"]!.AsArray();
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
