using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Benchmarks.Strategies;

/// <summary>How the strategies benchmark is run.</summary>
/// <param name="Sizes">Tracked-task counts.</param>
/// <param name="GraphCounts">Graph counts the tasks are spread over.</param>
/// <param name="PastExports">Finished exports each graph lists besides its tracked tasks.</param>
/// <param name="Latency">Service latency of every call, on the virtual clock.</param>
/// <param name="Function">The function's timeout and memory, from template.yaml.</param>
internal sealed record StrategySettings(IReadOnlyList<int> Sizes, IReadOnlyList<int> GraphCounts, int PastExports, TimeSpan Latency, FunctionSettings Function);

/// <summary>The function's <c>Timeout</c> and <c>MemorySize</c> as template.yaml's Globals give them.</summary>
internal sealed record FunctionSettings(TimeSpan Timeout, int MemoryMb)
{
    public static FunctionSettings FromTemplate()
    {
        var template = File.ReadAllText(Path.Combine(Repository.Root, "template.yaml"));
        return new FunctionSettings(TimeSpan.FromSeconds(Read(template, "Timeout")), Read(template, "MemorySize"));
    }

    private static int Read(string template, string key) =>
        System.Text.RegularExpressions.Regex.Match(template, $@"^    {key}: (\d+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"template.yaml has no Globals.Function.{key} line.");
}

/// <summary>
/// Per-task reads against list-then-get, side by side: the real <see cref="PollCycle"/> at the function's defaults
/// (5 requests/s, burst 5, 4 calls in flight) over a modelled Neptune Analytics that answers after 50 ms, both on a
/// virtual clock (<see cref="VirtualClock"/>), so a 2,000-second cycle takes seconds to measure. Per size, graph count
/// and strategy: prime (first sighting of every task) and one more cycle (so <c>auto</c> remembers each graph's pages),
/// then a measured cycle with no change and one where 1% of the tasks finish.
/// </summary>
internal sealed class StrategyComparison(StrategySettings settings, ResultFile results)
{
    // rate(5 minutes) in a 30-day month.
    private const int InvocationsPerMonth = 8_640;

    private static readonly PollStrategy[] Strategies = [PollStrategy.Get, PollStrategy.List, PollStrategy.Auto];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var defaults = new PollCycleOptions();
        await Console.Error.WriteLineAsync(
            $"strategies: {defaults.RequestsPerSecond} requests/s, burst {defaults.Burst}, {defaults.MaxConcurrency} in flight, latency {settings.Latency.TotalMilliseconds} ms, "
            + $"{settings.PastExports} past exports per graph, function {settings.Function.MemoryMb} MB / {settings.Function.Timeout.TotalSeconds} s, virtual clock");
        foreach (var n in settings.Sizes)
        {
            foreach (var g in settings.GraphCounts.Where(g => g <= n))
            {
                foreach (var changing in new[] { 0.0, 0.01 })
                {
                    foreach (var strategy in Strategies)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await MeasureAsync(n, g, changing, strategy, cancellationToken);
                    }
                }
            }
        }
    }

    private async Task MeasureAsync(int n, int g, double share, PollStrategy strategy, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        // 50 ms divides both the latency and the 200 ms between permits at 5 requests/s: no wait ends between two steps.
        var clock = new VirtualClock(time, TimeSpan.FromMilliseconds(50));
        var neptune = new ModelledNeptune(n, g, settings.PastExports, time, settings.Latency, clock);
        var store = new InMemoryTaskStateStore { Time = time };
        var channel = new CountingChannel();
        await store.TrackAsync([.. neptune.TrackedIds], time.GetUtcNow(), cancellationToken);
        var options = new PollCycleOptions { Strategy = strategy };
        var limit = TimeSpan.FromHours(3);

        using (var unlimited = RateLimitPartition.GetNoLimiter(0).Factory(0))
        {
            var warm = new PollCycle(store, neptune, [new DeliveryChannel(DeliveryChannel.Sns, channel)], options with { MaxConcurrency = 32 }, time, NullLogger<PollCycle>.Instance, unlimited);
            var primed = clock.Run(() => warm.RunAsync(cancellationToken), limit).Result;
            BenchEnvironment.Require(primed.Published == n && primed.Failed == 0, $"N={n} G={g} {strategy} priming: {primed}");
            var second = clock.Run(() => warm.RunAsync(cancellationToken), limit).Result;
            BenchEnvironment.Require(second.Changed == 0 && second.Failed == 0, $"N={n} G={g} {strategy} second cycle: {second}");
        }

        var changing = neptune.TrackedIds.Where((_, i) => share > 0 && i % (int)Math.Round(1 / share) == 0).Select(t => t.TaskId).ToList();
        foreach (var taskId in changing)
        {
            neptune.Move(taskId, NeptuneTaskStatus.Succeeded);
        }

        neptune.ResetCounts();
        var cycle = new PollCycle(store, neptune, [new DeliveryChannel(DeliveryChannel.Sns, channel)], options, time, NullLogger<PollCycle>.Instance);
        var (summary, elapsed) = clock.Run(() => cycle.RunAsync(cancellationToken), limit);
        BenchEnvironment.Require(summary is { Failed: 0, CutShort: false } && summary.Changed == changing.Count && summary.Published == changing.Count,
            $"N={n} G={g} {strategy} {share:P0}: {summary}");

        var calls = neptune.GetCalls + neptune.ListCalls;
        var invocations = (int)Math.Ceiling(elapsed / settings.Function.Timeout);
        // A cycle longer than the timeout is cut short and resumed: every invocation then runs to its deadline.
        var billed = invocations > 1 ? settings.Function.Timeout : elapsed;
        var gbSeconds = billed.TotalSeconds * (settings.Function.MemoryMb / 1024.0) * InvocationsPerMonth;
        var (target, met) = Target(n, g, share, strategy, calls, elapsed);
        await results.AddAsync(new Result(
            "strategies",
            $"N={n,-6} G={g,-3} {share,3:P0} change {strategy.ToString().ToLowerInvariant(),-4}",
            $"{calls,5} calls ({neptune.ListCalls} List, {neptune.GetCalls} Get), {ResultFile.Seconds(elapsed),9}, {ResultFile.Number(gbSeconds, "N0"),7} GB-s/month"
                + (invocations > 1 ? $", needs {invocations} invocations" : string.Empty),
            target,
            met), cancellationToken);
    }

    private (string Target, bool? Met) Target(int n, int g, double share, PollStrategy strategy, int calls, TimeSpan elapsed) => (n, g, share, strategy) switch
    {
        (1_000, 10, 0, not PollStrategy.Get) => ("<= 40 calls", calls <= 40),
        (10_000, 100, _, PollStrategy.Auto) => ($"<= {settings.Function.Timeout.TotalSeconds} s", elapsed <= settings.Function.Timeout),
        _ => ("-", null),
    };

    private sealed class CountingChannel : INotificationChannel
    {
        private int delivered;

        public Task<string> DeliverAsync(PendingNotification notification, CancellationToken cancellationToken) =>
            Task.FromResult("m-" + Interlocked.Increment(ref delivered).ToString(CultureInfo.InvariantCulture));
    }
}
