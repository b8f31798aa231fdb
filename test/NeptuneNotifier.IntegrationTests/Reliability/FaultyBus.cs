using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// The fault-injection run's second channel: an EventBridge bus at the level of the channel port, rendering each
/// notification into the PutEvents entry a bus gets (<see cref="BusEventEntry"/>) and recording each event it takes.
/// It fails as PutEvents does, each failure noted in the ledger: an outage answering every call with 500
/// InternalException and an entry failed in a 200 answer (FailedEntryCount, ThrottlingException) are refusals, as the
/// EventBridge channel reports them (nothing went out); a dropped connection leaves the outcome unknown with nothing
/// delivered; a lost answer leaves it unknown with the event delivered, which may then be delivered again on the bus.
/// </summary>
/// <remarks>
/// A port-level stand-in: the run uses it until our EventBridge client and channel are in the build, when an HTTP-level
/// fake PutEvents endpoint behind the real channel takes its place.
/// </remarks>
internal sealed class FaultyBus(SharedRandom random, ReliabilitySettings settings, RunLedger ledger, TimeProvider time) : INotificationChannel
{
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(LocalCloud.Region));
    private static readonly ResourceScope Scope = new("aws", LocalCloud.Region, "123456789012");

    private int sequence;

    public bool Enabled { get; set; } = true;

    /// <summary>The bus is down: every PutEvents is answered with 500 InternalException (the run sets it for whole rounds).</summary>
    public bool Down { get; set; }

    public Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entry = BusEventEntry.From(Renderer.Render(notification), Scope);
        if (Enabled && Down)
        {
            ledger.Fault("eventbridge PutEvents 500 InternalException (outage)");
            throw Refused("EventBridge answered 500 InternalException (simulated outage).");
        }

        var roll = Enabled ? random.NextDouble() : 1;
        if (roll < settings.BusFailedEntryRate)
        {
            ledger.Fault("eventbridge PutEvents 200 with the entry failed (ThrottlingException)");
            throw Refused("EventBridge failed the entry: ThrottlingException (simulated).");
        }

        roll -= settings.BusFailedEntryRate;
        if (roll < settings.BusDroppedConnectionRate)
        {
            ledger.Fault("eventbridge PutEvents connection dropped (not delivered)");
            throw new HttpRequestException("Simulated dropped connection to EventBridge.");
        }

        roll -= settings.BusDroppedConnectionRate;
        var delivered = DeliveredMessage.From(entry, time.GetUtcNow());
        ledger.Deliver(delivered);
        if (roll < settings.BusLostAnswerRate)
        {
            ledger.Fault("eventbridge PutEvents answer lost (delivered)");
            ledger.Unconfirmed(DeliveryChannel.EventBridge, delivered.TaskId, delivered.Version);
            throw new TimeoutException("Simulated lost answer from EventBridge.");
        }

        return Task.FromResult($"e-{Interlocked.Increment(ref sequence)}");
    }

    private static NotificationRejectedException Refused(string message) => new(message, new InvalidOperationException(message));
}
