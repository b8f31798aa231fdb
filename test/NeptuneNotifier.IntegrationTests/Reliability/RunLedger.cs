using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using NeptuneNotifier.IntegrationTests.Wire;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>Where a simulated process dies: every step between reading a task and clearing its notification.</summary>
internal enum CrashPoint
{
    None,

    /// <summary>After the read, before the claim is written.</summary>
    BeforeClaim,

    /// <summary>The claim is written, the process dies before publishing.</summary>
    AfterClaim,

    /// <summary>SNS accepted the message, the process dies before clearing it (the duplicate window).</summary>
    AfterPublish,

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

/// <summary>A message the fake SNS accepted (answered 200).</summary>
internal sealed record DeliveredMessage(
    string TaskId,
    long Version,
    string Status,
    string? PreviousStatus,
    string? DeduplicationId,
    string Body,
    DateTimeOffset At)
{
    /// <summary>Reads the delivered notification back: the machine-readable event of the <c>sqs</c> protocol.</summary>
    public static DeliveredMessage From(PublishedMessage message, DateTimeOffset at)
    {
        var machine = message.Event;
        return new(machine.TaskId, machine.Version, machine.Status, machine.PreviousStatus, message.Form.GetValueOrDefault("MessageDeduplicationId"), message.Form["Message"], at);
    }
}

/// <summary>Everything that happened during a run, recorded from many threads; the oracle judges it afterwards.</summary>
internal sealed class RunLedger(int failEveryNthDiscoveryCall = 0)
{
    private readonly ConcurrentQueue<Observation> observations = new();
    private readonly ConcurrentDictionary<(int Cycle, string TaskId), bool> unclaimed = new();
    private readonly ConcurrentDictionary<string, int> faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CrashPoint, int> crashes = new();
    private readonly ConcurrentDictionary<string, bool> polled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> discoveryFailures = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<DeliveredMessage> delivered = [];
    private int clearFailures;
    private int discoveryReads;
    private int discoveryCalls;

    public IReadOnlyList<Observation> Observations => [.. observations];

    public IReadOnlyDictionary<string, int> Faults => new SortedDictionary<string, int>(faults, StringComparer.Ordinal);

    public IReadOnlyDictionary<CrashPoint, int> Crashes => new SortedDictionary<CrashPoint, int>(crashes);

    public int ClearFailures => Volatile.Read(ref clearFailures);

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

    /// <summary>A published notification was not cleared (crash or store error): a later cycle republishes it.</summary>
    public void ClearFailed() => Interlocked.Increment(ref clearFailures);

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
