using NeptuneNotifier.Benchmarks.Builder;
using NeptuneNotifier.Benchmarks.Cycle;
using NeptuneNotifier.Benchmarks.Function;
using NeptuneNotifier.Benchmarks.Strategies;

namespace NeptuneNotifier.Benchmarks;

/// <summary>
/// The benchmark driver. Each command appends its figures to one results file (tab-separated) so that
/// <c>eng/bench.sh</c> prints every part as one table. Exit code 0 when every part ran (a missed target is a figure,
/// not a failure), 1 when a part broke, 2 for bad usage.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage:
          cycle     --out FILE [--sizes 10,100,1000,10000] [--latency-ms 50] [--rps 50] [--concurrency 8] [--burst 5]
          bootstrap --out FILE --aot PATH --jit PATH [--runs 7] [--cold-tasks 10] [--memory-tasks 1000]
                    [--env NAME=VALUE,NAME=VALUE] [--log-dir DIR]
          builder   --out FILE [--tiny]
          strategies --out FILE [--sizes 100,1000,10000] [--graphs 1,10,100] [--past-exports 50] [--latency-ms 50]
        every command also takes [--timeout-minutes 30]
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        Options options;
        try
        {
            options = Options.Parse(args.Skip(1).ToList());
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message + "\n" + Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 30)));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            var results = new ResultFile(options.Required("out"));
            switch (args[0])
            {
                case "cycle":
                    var settings = new CycleSettings(
                        options.Ints("sizes", [10, 100, 1_000, 10_000]),
                        TimeSpan.FromMilliseconds(options.Int("latency-ms", 50)),
                        options.Int("rps", 50),
                        options.Int("concurrency", 8),
                        options.Int("burst", 5));
                    options.ThrowIfUnused();
                    await new CycleScaling(settings, results).RunAsync(stop.Token);
                    break;
                case "bootstrap":
                    var bootstrap = new BootstrapSettings(
                        options.Required("aot"),
                        options.Required("jit"),
                        options.Int("runs", 7),
                        options.Int("cold-tasks", 10),
                        options.Int("memory-tasks", 1_000),
                        options.Pairs("env"),
                        options.Optional("log-dir"));
                    options.ThrowIfUnused();
                    await new BootstrapRuns(bootstrap, results).RunAsync(stop.Token);
                    break;
                case "builder":
                    var tiny = options.Flag("tiny");
                    options.ThrowIfUnused();
                    await new BuilderRun(tiny, results).RunAsync(stop.Token);
                    break;
                case "strategies":
                    var strategies = new StrategySettings(
                        options.Ints("sizes", [100, 1_000, 10_000]),
                        options.Ints("graphs", [1, 10, 100]),
                        options.Int("past-exports", 50),
                        TimeSpan.FromMilliseconds(options.Int("latency-ms", 50)),
                        FunctionSettings.FromTemplate());
                    options.ThrowIfUnused();
                    await new StrategyComparison(strategies, results).RunAsync(stop.Token);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'.\n{Usage}");
                    return 2;
            }

            return 0;
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message + "\n" + Usage);
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: stopped (time limit or Ctrl+C).");
            return 1;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {exception}");
            return 1;
        }
    }

    /// <summary>Options as <c>--name value</c> pairs (or a bare <c>--flag</c>); every one given must be used.</summary>
    private sealed class Options(Dictionary<string, string?> values)
    {
        private readonly HashSet<string> used = new(StringComparer.Ordinal) { "timeout-minutes", "out" };

        public static Options Parse(IReadOnlyList<string> args)
        {
            Dictionary<string, string?> values = new(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new FormatException($"Unexpected argument '{args[i]}'.");
                }

                var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                values[args[i][2..]] = hasValue ? args[++i] : null;
            }

            return new Options(values);
        }

        public string Required(string name)
        {
            used.Add(name);
            return values.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new FormatException($"--{name} is required.");
        }

        public string? Optional(string name)
        {
            used.Add(name);
            return values.GetValueOrDefault(name);
        }

        public IReadOnlyDictionary<string, string> Pairs(string name)
        {
            used.Add(name);
            Dictionary<string, string> pairs = new(StringComparer.Ordinal);
            foreach (var pair in (values.GetValueOrDefault(name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw new FormatException($"--{name}: '{pair}' is not NAME=VALUE.");
                }

                pairs[parts[0]] = parts[1];
            }

            return pairs;
        }

        public bool Flag(string name)
        {
            used.Add(name);
            return values.ContainsKey(name);
        }

        public int Int(string name, int fallback)
        {
            used.Add(name);
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new FormatException($"--{name}: '{text}' is not a positive whole number.");
        }

        public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback)
        {
            used.Add(name);
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries);
            return parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
                ? [.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]
                : throw new FormatException($"--{name}: '{text}' is not a comma-separated list of positive whole numbers.");
        }

        public void ThrowIfUnused()
        {
            var unknown = values.Keys.Where(k => !used.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"Unknown option(s) for this command: {string.Join(", ", unknown.Select(k => "--" + k))}.");
            }
        }
    }
}
