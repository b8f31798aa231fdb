using System.Collections.Concurrent;
using Amazon.DynamoDBv2;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>Where a simulated process dies: every step between reading a task and clearing its notification.</summary>
internal enum CrashPoint
{
    None,

    /// <summary>After the read, before the claim is written.</summary>
    BeforeClaim,

    /// <summary>The claim is written, the process dies before publishing.</summary>
    AfterClaim,

    /// <summary>A channel took the notification, the process dies before recording or clearing it (that channel's duplicate window).</summary>
    AfterPublish,

    /// <summary>Dies on the way to recording one channel's delivery while another is still owed it (two channels only).</summary>
    BeforeRecord,

    /// <summary>The channel's delivery is recorded, the process dies before the next channel.</summary>
    AfterRecord,

    /// <summary>Dies on the way to the clear: same state as <see cref="AfterPublish"/>, reached from the store side.</summary>
    BeforeClear,

    /// <summary>The clear is written, the process dies before the cycle goes on.</summary>
    AfterClear,

    /// <summary>Dies before taking over an expired lease (republish path).</summary>
    BeforeRenewLease,

    /// <summary>Took over an expired lease, dies before republishing.</summary>
    AfterRenewLease,
}

/// <summary>A status a poll read from the service, by a given cycle.</summary>
internal sealed record Observation(int Cycle, string TaskId, string Status);

/// <summary>A notification a channel took: a message the fake SNS accepted (answered 200), an event the bus took.</summary>
internal sealed record DeliveredMessage(
    string TaskId,
    long Version,
    string Status,
    string? PreviousStatus,
    string? DeduplicationId,
    string Body,
    DateTimeOffset At,
    string Channel = DeliveryChannel.Sns)
{
    /// <summary>Reads the delivered notification back: the machine-readable event of the <c>sqs</c> protocol.</summary>
    public static DeliveredMessage From(PublishedMessage message, DateTimeOffset at)
    {
        var machine = message.Event;
        return new(machine.TaskId, machine.Version, machine.Status, machine.PreviousStatus, message.Form.GetValueOrDefault("MessageDeduplicationId"), message.Form["Message"], at);
    }

    /// <summary>Reads an event the bus took back from its detail, the machine-readable event; a bus has no deduplication.</summary>
    public static DeliveredMessage FromEvent(string detail, string body, DateTimeOffset at)
    {
        var machine = MachineEvent.Parse(detail);
        return new(machine.TaskId, machine.Version, machine.Status, machine.PreviousStatus, null, body, at, DeliveryChannel.EventBridge);
    }
}

/// <summary>Everything that happened during a run, recorded from many threads; the oracle judges it afterwards.</summary>
internal sealed class RunLedger(int failEveryNthDiscoveryCall = 0)
{
    private readonly ConcurrentDictionary<(string Channel, string TaskId, long Version), int> unconfirmed = new();
    private readonly ConcurrentQueue<Observation> observations = new();
    private readonly ConcurrentDictionary<(int Cycle, string TaskId), bool> unclaimed = new();
    private readonly ConcurrentDictionary<string, int> faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CrashPoint, int> crashes = new();
    private readonly ConcurrentDictionary<string, bool> polled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> discoveryFailures = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<DeliveredMessage> delivered = [];
    private int discoveryReads;
    private int discoveryCalls;

    public IReadOnlyList<Observation> Observations => [.. observations];

    public IReadOnlyDictionary<string, int> Faults => new SortedDictionary<string, int>(faults, StringComparer.Ordinal);

    public IReadOnlyDictionary<CrashPoint, int> Crashes => new SortedDictionary<CrashPoint, int>(crashes);

    /// <summary>The channels notifications go to in this run, in delivery order; the oracle judges each.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [DeliveryChannel.Sns];

    /// <summary>Deliveries a channel took whose confirmation was never known to be written, by channel.</summary>
    public IReadOnlyDictionary<string, int> UnconfirmedByChannel =>
        new SortedDictionary<string, int>(unconfirmed.GroupBy(u => u.Key.Channel).ToDictionary(g => g.Key, g => g.Sum(u => u.Value)), StringComparer.Ordinal);

    /// <summary>Reads of tasks the store had never held, made by discovery to decide whether they are news: they promise nothing.</summary>
    public int DiscoveryReads => Volatile.Read(ref discoveryReads);

    /// <summary>Calls of the discovery store methods that threw, by method: the store faults reached discovery.</summary>
    public IReadOnlyDictionary<string, int> DiscoveryFailures => new SortedDictionary<string, int>(discoveryFailures, StringComparer.Ordinal);

    public IReadOnlyList<DeliveredMessage> Delivered
    {
        get
        {
            lock (gate)
            {
                return [.. delivered];
            }
        }
    }

    public void Observe(int cycle, string taskId, string status)
    {
        polled[taskId] = true;
        observations.Enqueue(new Observation(cycle, taskId, status));
    }

    public void ObserveDiscovery() => Interlocked.Increment(ref discoveryReads);

    /// <summary>True once a poll (not discovery) has read the task: the notifier follows it.</summary>
    public bool WasPolled(string taskId) => polled.ContainsKey(taskId);

    public void DiscoveryFailed(string method) => discoveryFailures.AddOrUpdate(method, 1, (_, n) => n + 1);

    /// <summary>Throws a store failure on every Nth discovery store call of the run, when the run asks for it.</summary>
    public void MaybeFailDiscoveryCall(string method)
    {
        if (failEveryNthDiscoveryCall > 0 && Interlocked.Increment(ref discoveryCalls) % failEveryNthDiscoveryCall == 0)
        {
            Fault($"dynamodb {method} failed through the retries (discovery)");
            throw new AmazonDynamoDBException($"Injected: {method} kept failing through the SDK's retries.");
        }
    }

    /// <summary>The claim for what <paramref name="cycle"/> read of <paramref name="taskId"/> threw: it may never have been written.</summary>
    public void ClaimThrew(int cycle, string taskId) => unclaimed[(cycle, taskId)] = true;

    public bool WasClaimDisrupted(int cycle, string taskId) => unclaimed.ContainsKey((cycle, taskId));

    /// <summary>
    /// <paramref name="channel"/> took version <paramref name="version"/> of <paramref name="taskId"/>, but no write
    /// recording it (the channel's record, or the completion) is known to have been stored: a crash, a store error, a
    /// lost answer, or another cycle that completed it first. A later cycle may deliver it again, on that channel only.
    /// </summary>
    public void Unconfirmed(string channel, string taskId, long version) => unconfirmed.AddOrUpdate((channel, taskId, version), 1, (_, n) => n + 1);

    /// <summary>How many deliveries of this version on this channel were not confirmed: the most duplicates it may have there.</summary>
    public int UnconfirmedDeliveries(string channel, string taskId, long version) => unconfirmed.GetValueOrDefault((channel, taskId, version));

    public void Fault(string kind) => faults.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Crash(CrashPoint point) => crashes.AddOrUpdate(point, 1, (_, n) => n + 1);

    public void Deliver(DeliveredMessage message)
    {
        lock (gate)
        {
            delivered.Add(message);
        }
    }
}
