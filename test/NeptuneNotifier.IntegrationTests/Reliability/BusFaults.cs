namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// The fault-injection run's EventBridge faults, for <see cref="FakeEventBus"/> behind our EventBridge client and
/// channel (so the SDK's retries run too), each noted in the ledger, with every event the bus took: an outage
/// answering every call with 500 InternalException and a 200 answer reporting the entry failed (FailedEntryCount 1,
/// ThrottlingException) are refusals the channel reports as such; a connection dropped before the bus took the event
/// leaves the outcome unknown with nothing put; a connection dropped after it took it (the answer lost) leaves it
/// unknown with the event put, so the event may be put again on the bus (by the SDK's own retry or a later cycle):
/// that delivery is noted as unconfirmed.
/// </summary>
internal sealed class BusFaults(SharedRandom random, ReliabilitySettings settings, RunLedger ledger, TimeProvider time)
{
    public bool Enabled { get; set; } = true;

    /// <summary>The bus is down: every PutEvents is answered with 500 InternalException (the run sets it for whole rounds).</summary>
    public bool Down { get; set; }

    public CannedResponse? Refuse(CapturedRequest request)
    {
        if (Enabled && Down)
        {
            ledger.Fault("eventbridge PutEvents 500 InternalException (outage)");
            return FakeEventBus.Error(500, "InternalException", "Simulated outage.");
        }

        var roll = Enabled ? random.NextDouble() : 1;
        if (roll < settings.BusFailedEntryRate)
        {
            ledger.Fault("eventbridge PutEvents 200 with the entry failed (ThrottlingException)");
            return FakeEventBus.FailedEntries(request, "ThrottlingException", "Rate exceeded (simulated).");
        }

        if (roll < settings.BusFailedEntryRate + settings.BusDroppedConnectionRate)
        {
            ledger.Fault("eventbridge PutEvents connection dropped (not put)");
            return CannedResponse.Dropped;
        }

        return null;
    }

    // The channel puts one entry per call; the ledger reads the notification back from its detail, the machine event.
    public CannedResponse? AfterPut(IReadOnlyList<PutEvent> events)
    {
        var delivered = events.Select(e => DeliveredMessage.FromEvent(e.Detail, e.Json, time.GetUtcNow())).ToList();
        delivered.ForEach(ledger.Deliver);
        if (!Enabled || random.NextDouble() >= settings.BusLostAnswerRate)
        {
            return null;
        }

        ledger.Fault("eventbridge PutEvents answer lost (put, connection dropped)");
        delivered.ForEach(d => ledger.Unconfirmed(d.Channel, d.TaskId, d.Version));
        return CannedResponse.Dropped;
    }
}
