namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// The fault-injection run's SNS faults, for <see cref="FakeEndpoint{TTaken}.Refuse"/>: Publish answered with 429 Throttled or 500
/// InternalError at seeded rates, and with 500 InternalError throughout an outage, each noted in the ledger, until the
/// run turns them off to drain.
/// </summary>
internal sealed class SnsFaults(SharedRandom random, ReliabilitySettings settings, RunLedger ledger)
{
    public bool Enabled { get; set; } = true;

    /// <summary>SNS is down: every Publish is answered with 500 InternalError (the run sets it for whole rounds).</summary>
    public bool Down { get; set; }

    public CannedResponse? Refuse(CapturedRequest request)
    {
        if (Enabled && Down)
        {
            ledger.Fault("sns Publish 500 InternalError (outage)");
            return FakeSns.Error(500, "Receiver", "InternalError", "Simulated outage");
        }

        var roll = Enabled ? random.NextDouble() : 1;
        if (roll < settings.SnsThrottleRate)
        {
            ledger.Fault("sns Publish 429 Throttled");
            return FakeSns.Error(429, "Sender", "Throttled", "Rate exceeded");
        }

        if (roll < settings.SnsThrottleRate + settings.SnsInternalErrorRate)
        {
            ledger.Fault("sns Publish 500 InternalError");
            return FakeSns.Error(500, "Receiver", "InternalError", "Simulated internal error");
        }

        return null;
    }
}
