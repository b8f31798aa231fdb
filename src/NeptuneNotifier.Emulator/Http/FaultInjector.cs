using NeptuneNotifier.Emulator.Lifecycle;

namespace NeptuneNotifier.Emulator.Http;

/// <summary>The faults a request meets before its operation runs.</summary>
internal sealed record FaultDecision(TimeSpan Latency, ApiException? Error)
{
    public static FaultDecision None { get; } = new(TimeSpan.Zero, null);
}

/// <summary>
/// Per-operation latency, random throttling and internal errors from one seeded generator (the same requests in the
/// same order meet the same faults), a fixed requests-per-second limit per second of emulator time, and scripted errors.
/// </summary>
internal sealed class FaultInjector(EmulatorClock clock, int seed)
{
    /// <summary>Matches every operation.</summary>
    public const string AllOperations = "*";

    public static IReadOnlyList<string> Operations { get; } =
    [
        "ListGraphs", "StartExportTask", "GetExportTask", "ListExportTasks", "CancelExportTask",
        "StartImportTask", "GetImportTask", "ListImportTasks",
    ];

    private readonly Lock gate = new();
    private readonly Dictionary<string, FaultRule> rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Second, int Count)> windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<ApiException>> scripted = new(StringComparer.Ordinal);
    private Random random = new(seed);

    public void SetRule(string operation, FaultRule rule)
    {
        CheckOperation(operation);
        rule.Validate();
        lock (gate)
        {
            rules[operation] = rule;
            windows.Remove(operation);
        }
    }

    public void InjectErrors(string operation, string errorType, int count, string? message)
    {
        CheckOperation(operation);
        if (count is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Inject between 1 and 10000 errors.");
        }

        var error = ApiException.Modeled(errorType, message);
        lock (gate)
        {
            if (!scripted.TryGetValue(operation, out var queue))
            {
                queue = new Queue<ApiException>();
                scripted[operation] = queue;
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            windows.Clear();
            scripted.Clear();
            random = new Random(seed);
        }
    }

    public FaultDecision Decide(string operation)
    {
        lock (gate)
        {
            if (rules.Count == 0 && scripted.Count == 0)
            {
                return FaultDecision.None;
            }

            if ((TakeScripted(operation) ?? TakeScripted(AllOperations)) is { } injected)
            {
                return new FaultDecision(TimeSpan.Zero, injected);
            }

            if (!rules.TryGetValue(operation, out var rule) && !rules.TryGetValue(AllOperations, out rule))
            {
                return FaultDecision.None;
            }

            return new FaultDecision(rule.Latency, RateLimit(operation, rule) ?? RandomFault(rule));
        }
    }

    private ApiException? TakeScripted(string operation)
    {
        if (!scripted.TryGetValue(operation, out var queue) || !queue.TryDequeue(out var error))
        {
            return null;
        }

        if (queue.Count == 0)
        {
            scripted.Remove(operation);
        }

        return error;
    }

    private ApiException? RateLimit(string operation, FaultRule rule)
    {
        if (rule.RequestsPerSecond is not { } limit)
        {
            return null;
        }

        var second = clock.Now.ToUnixTimeSeconds();
        var (windowSecond, count) = windows.GetValueOrDefault(operation);
        count = windowSecond == second ? count + 1 : 1;
        windows[operation] = (second, count);
        return count > limit ? ApiException.Throttling() : null;
    }

    private ApiException? RandomFault(FaultRule rule)
    {
        if (rule.ThrottleRate <= 0 && rule.InternalErrorRate <= 0)
        {
            return null;
        }

        var roll = random.NextDouble();
        return roll < rule.ThrottleRate ? ApiException.Throttling()
            : roll < rule.ThrottleRate + rule.InternalErrorRate ? ApiException.Internal()
            : null;
    }

    private static void CheckOperation(string operation)
    {
        if (operation != AllOperations && !Operations.Contains(operation))
        {
            throw new ArgumentException($"Operation '{operation}' is not emulated; use one of {string.Join(", ", Operations)} or '*'.", nameof(operation));
        }
    }
}
