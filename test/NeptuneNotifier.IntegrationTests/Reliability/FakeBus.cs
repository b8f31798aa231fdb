using System.Text;
using System.Text.Json;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// The fault-injection run's event bus: a PutEvents endpoint (AWS JSON 1.1, behind our EventBridge client and channel,
/// so the SDK's retries run too) that records each event it takes and fails as PutEvents does, each failure noted in
/// the ledger: an outage answering every call with 500 InternalException and a 200 answer reporting the entry failed
/// (FailedEntryCount 1, ThrottlingException) are refusals the channel reports as such; a connection dropped before the
/// bus took the event leaves the outcome unknown with nothing put; a connection dropped after it took it (the answer
/// lost) leaves it unknown with the event put, so the event may be put again on the bus (by the SDK's own retry or a
/// later cycle): that delivery is noted as unconfirmed.
/// </summary>
internal sealed class FakeBus : IAsyncDisposable
{
    private const string EventId = "11710aed-b79e-4468-a20b-bb3c0c3b4860";

    private readonly CaptureServer server;
    private readonly SharedRandom random;
    private readonly ReliabilitySettings settings;
    private readonly RunLedger ledger;
    private readonly TimeProvider time;

    public FakeBus(SharedRandom random, ReliabilitySettings settings, RunLedger ledger, TimeProvider time)
    {
        (this.random, this.settings, this.ledger, this.time) = (random, settings, ledger, time);
        server = new CaptureServer(Answer);
    }

    public Uri Endpoint => server.Endpoint;

    public bool Enabled { get; set; } = true;

    /// <summary>The bus is down: every PutEvents is answered with 500 InternalException (the run sets it for whole rounds).</summary>
    public bool Down { get; set; }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private CannedResponse Answer(CapturedRequest request)
    {
        if (Enabled && Down)
        {
            ledger.Fault("eventbridge PutEvents 500 InternalException (outage)");
            return CannedResponse.Json(500, """{"__type":"InternalException","message":"Simulated outage."}""");
        }

        var roll = Enabled ? random.NextDouble() : 1;
        if (roll < settings.BusFailedEntryRate)
        {
            ledger.Fault("eventbridge PutEvents 200 with the entry failed (ThrottlingException)");
            return CannedResponse.Json(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded (simulated)."}]}""");
        }

        roll -= settings.BusFailedEntryRate;
        if (roll < settings.BusDroppedConnectionRate)
        {
            ledger.Fault("eventbridge PutEvents connection dropped (not put)");
            return CannedResponse.Dropped;
        }

        roll -= settings.BusDroppedConnectionRate;
        var delivered = Delivered(request);
        ledger.Deliver(delivered);
        if (roll < settings.BusLostAnswerRate)
        {
            ledger.Fault("eventbridge PutEvents answer lost (put, connection dropped)");
            ledger.Unconfirmed(delivered.Channel, delivered.TaskId, delivered.Version);
            return CannedResponse.Dropped;
        }

        return CannedResponse.Json(200, $$"""{"FailedEntryCount":0,"Entries":[{"EventId":"{{EventId}}"}]}""");
    }

    // The channel puts one entry per call; the ledger reads the notification back from its detail, the machine event.
    private DeliveredMessage Delivered(CapturedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        var entry = body.RootElement.GetProperty("Entries")[0];
        return DeliveredMessage.FromEvent(entry.GetProperty("Detail").GetString()!, Encoding.UTF8.GetString(request.Body), time.GetUtcNow());
    }
}
