using System.Text.Json;
using static NeptuneNotifier.Benchmarks.Infrastructure.BenchEnvironment;

namespace NeptuneNotifier.Benchmarks.Function;

/// <summary>How the bootstrap benchmarks run.</summary>
/// <param name="AotBootstrap">The Native AOT <c>bootstrap</c> (dotnet publish -p:PublishAot=true).</param>
/// <param name="JitBootstrap">The same code as a self-contained JIT build, for comparison.</param>
/// <param name="Runs">Cold starts per build; the median is reported.</param>
/// <param name="ColdTasks">Tracked tasks in the cold-start cycle.</param>
/// <param name="MemoryTasks">Tracked tasks in the peak-memory cycle.</param>
/// <param name="Environment">Extra variables for every bootstrap process (runtime knobs such as DOTNET_GCgen0size, to try a fix).</param>
/// <param name="LogDirectory">When set, each process's output is written there (one file per run), to see where the time goes.</param>
internal sealed record BootstrapSettings(
    string AotBootstrap, string JitBootstrap, int Runs, int ColdTasks, int MemoryTasks, IReadOnlyDictionary<string, string> Environment, string? LogDirectory);

/// <summary>What one bootstrap process did, by its wall clock from just before it was started.</summary>
/// <remarks>CPU times (every thread, from /proc/PID/task/*/schedstat) do not depend on how busy the machine is; wall times do.</remarks>
internal sealed record BootstrapRun(double FirstNextMs, double FirstResponseMs, double CpuToFirstNextMs, double CpuToFirstResponseMs, long PeakRssKb, JsonElement Response);

/// <summary>
/// Starts the published <c>bootstrap</c> as Lambda would, against a loopback Runtime API, dynalite, the emulator and an
/// SNS stub; measures cold start (to the first <c>/next</c> and to the first response of a poll) and peak RSS.
/// </summary>
internal sealed class BootstrapRuns(BootstrapSettings settings, ResultFile results)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var path in new[] { settings.AotBootstrap, settings.JitBootstrap })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No bootstrap at {path}: publish it first (eng/bench.sh does).", path);
            }
        }

        await using var dynalite = await DynaliteServer.StartAsync("node", Path.Combine(Repository.Root, "test", "node"), cancellationToken);
        await using var sns = new SnsStub();
        await using var emulator = await StartEmulatorAsync(Math.Max(settings.ColdTasks, settings.MemoryTasks), cancellationToken);

        // Lambda's cold start is a fresh process each time; the emulator, dynalite and the SNS stub stay warm, as AWS does.
        // The rate limit is lifted to the cycle's size so that it measures start-up, not the token bucket.
        var coldTuning = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MAX_CONCURRENCY"] = settings.ColdTasks.ToString(CultureInfo.InvariantCulture),
            ["REQUESTS_PER_SECOND"] = "100",
            ["REQUEST_BURST"] = settings.ColdTasks.ToString(CultureInfo.InvariantCulture),
        };
        // One unmeasured start per build first: it pages the binary into the file cache, as a warm Lambda host has it,
        // so that the median measures process start-up rather than the disk.
        foreach (var path in new[] { settings.AotBootstrap, settings.JitBootstrap })
        {
            Require((await RunOnceAsync(path, settings.ColdTasks, coldTuning, dynalite, sns, emulator.Endpoint, null, cancellationToken)).Response, settings.ColdTasks, $"{path} warm-up");
        }

        Dictionary<string, List<BootstrapRun>> runs = new(StringComparer.Ordinal) { ["aot"] = [], ["jit"] = [] };
        for (var i = 0; i < settings.Runs; i++)
        {
            // Alternating the builds spreads any drift of the shared machine over both.
            foreach (var (name, path) in new[] { ("aot", settings.AotBootstrap), ("jit", settings.JitBootstrap) })
            {
                var run = await RunOnceAsync(path, settings.ColdTasks, coldTuning, dynalite, sns, emulator.Endpoint, LogPath($"cold-{name}-{i + 1}"), cancellationToken);
                Require(run.Response, settings.ColdTasks, $"{name} cold start {i + 1}");
                runs[name].Add(run);
                await Console.Error.WriteLineAsync($"bootstrap: {name} run {i + 1}: first /next {run.FirstNextMs:F1} ms ({run.CpuToFirstNextMs:F1} ms CPU), first response {run.FirstResponseMs:F1} ms ({run.CpuToFirstResponseMs:F1} ms CPU)");
            }
        }

        var aotNext = Median(runs["aot"].Select(r => r.FirstNextMs));
        var aotResponse = Median(runs["aot"].Select(r => r.FirstResponseMs));
        var jitNext = Median(runs["jit"].Select(r => r.FirstNextMs));
        var jitResponse = Median(runs["jit"].Select(r => r.FirstResponseMs));
        var of = $"median of {settings.Runs}";
        await results.AddAsync(new Result("cold start", $"AOT: process start -> first /next ({of})", ResultFile.Ms(aotNext) + Spread(runs["aot"].Select(r => r.FirstNextMs)), "< 20 ms", aotNext < 20), cancellationToken);
        await results.AddAsync(new Result("cold start", $"AOT: process start -> first response, {settings.ColdTasks}-task cycle ({of})", ResultFile.Ms(aotResponse) + Spread(runs["aot"].Select(r => r.FirstResponseMs)), "< 80 ms", aotResponse < 80), cancellationToken);
        await results.AddAsync(new Result("cold start", $"JIT (self-contained): process start -> first /next ({of})", ResultFile.Ms(jitNext) + Spread(runs["jit"].Select(r => r.FirstNextMs)), "-", null), cancellationToken);
        await results.AddAsync(new Result("cold start", $"JIT (self-contained): process start -> first response ({of})", ResultFile.Ms(jitResponse) + Spread(runs["jit"].Select(r => r.FirstResponseMs)), "-", null), cancellationToken);
        await results.AddAsync(new Result("cold start", $"AOT: CPU time (all threads) to first /next / to first response ({of})", $"{ResultFile.Ms(Median(runs["aot"].Select(r => r.CpuToFirstNextMs)))} / {ResultFile.Ms(Median(runs["aot"].Select(r => r.CpuToFirstResponseMs)))}", "-", null), cancellationToken);
        await results.AddAsync(new Result("cold start", $"JIT: CPU time (all threads) to first /next / to first response ({of})", $"{ResultFile.Ms(Median(runs["jit"].Select(r => r.CpuToFirstNextMs)))} / {ResultFile.Ms(Median(runs["jit"].Select(r => r.CpuToFirstResponseMs)))}", "-", null), cancellationToken);
        await results.AddAsync(new Result("cold start", "JIT / AOT: first /next", ResultFile.Number(jitNext / aotNext, "F1") + "x", ">= 5x", jitNext / aotNext >= 5), cancellationToken);
        await results.AddAsync(new Result("cold start", "JIT / AOT: first response", ResultFile.Number(jitResponse / aotResponse, "F1") + "x", ">= 5x", jitResponse / aotResponse >= 5), cancellationToken);

        // The floor: the same first-sighting cycle in a warm process against the same servers. What the cold process
        // takes beyond its first /next and this floor is its own start-up cost (first use of the clients, JSON, TLS-free HTTP).
        var floor = await WarmCycleMsAsync(dynalite, sns, emulator.Endpoint, cancellationToken);
        await results.AddAsync(new Result("cold start", $"floor: the same {settings.ColdTasks}-task cycle in a warm process (median of {settings.Runs})", ResultFile.Ms(floor), "-", null), cancellationToken);
        await results.AddAsync(new Result("cold start", "AOT: first response - first /next - floor (the cold cycle's own overhead)", ResultFile.Ms(aotResponse - aotNext - floor), "-", null), cancellationToken);

        // Peak memory over a cycle where every task changes: the most a cycle of this size holds at once.
        var memoryTuning = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MAX_CONCURRENCY"] = "16",
            ["REQUESTS_PER_SECOND"] = "100",
            ["REQUEST_BURST"] = "100",
        };
        // The GC sizes its gen0 budget from the CPU's last-level cache; a fixed budget (hex bytes) makes the peak independent of the host.
        var fixedGen0 = new Dictionary<string, string>(memoryTuning, StringComparer.Ordinal) { ["DOTNET_GCgen0size"] = "600000" };
        foreach (var (name, path, tuning) in new[] { ("AOT", settings.AotBootstrap, memoryTuning), ("AOT, DOTNET_GCgen0size=600000 (6 MB)", settings.AotBootstrap, fixedGen0), ("JIT", settings.JitBootstrap, memoryTuning) })
        {
            var run = await RunOnceAsync(path, settings.MemoryTasks, tuning, dynalite, sns, emulator.Endpoint, LogPath($"memory-{name[..3].ToLowerInvariant()}-{tuning.Count}"), cancellationToken);
            Require(run.Response, settings.MemoryTasks, $"{name} memory run");
            var mb = run.PeakRssKb / 1024.0;
            var aot = name.StartsWith("AOT", StringComparison.Ordinal);
            await results.AddAsync(new Result(
                "memory",
                $"{name}: peak RSS (VmHWM), {settings.MemoryTasks}-task cycle, every task notified",
                $"{ResultFile.Number(mb, "F1")} MB (cycle {ResultFile.Ms(run.FirstResponseMs - run.FirstNextMs)})",
                aot ? "< 64 MB" : "-",
                aot ? mb < 64 : null), cancellationToken);
        }
    }

    private async Task<double> WarmCycleMsAsync(DynaliteServer dynalite, SnsStub sns, Uri neptuneEndpoint, CancellationToken cancellationToken)
    {
        using var dynamoDb = DynamoDb(dynalite.Endpoint, new RequestCounter());
        using var neptune = Neptune(neptuneEndpoint, new RequestCounter());
        using var snsClient = Sns(sns.Endpoint);
        var options = new PollCycleOptions { MaxConcurrency = settings.ColdTasks, RequestsPerSecond = 100, Burst = settings.ColdTasks };
        var envelope = new SnsPublishEnvelope(TestAccount.TopicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region)));
        List<double> durations = [];
        // The first round warms the clients and the JIT; it is not counted.
        for (var i = 0; i <= settings.Runs; i++)
        {
            var store = new DynamoDbTaskStateStore(dynamoDb, await CreateStateTableAsync(dynamoDb, cancellationToken));
            await TrackAsync(store, TaskIds(settings.ColdTasks), cancellationToken);
            var cycle = new PollCycle(store, new NeptuneExportTaskSource(neptune), [new DeliveryChannel(DeliveryChannel.Sns, new SnsNotificationChannel(snsClient, envelope))], options, TimeProvider.System, NullLogger<PollCycle>.Instance);
            var started = Stopwatch.GetTimestamp();
            var summary = await cycle.RunAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (summary.Published != settings.ColdTasks || summary.Failed != 0)
            {
                throw new InvalidOperationException($"The warm {settings.ColdTasks}-task cycle did not publish every task: {summary}");
            }

            if (i > 0)
            {
                durations.Add(elapsed);
            }
        }

        return Median(durations);
    }

    private string? LogPath(string run) => settings.LogDirectory is { } directory ? Path.Combine(directory, run + ".log") : null;

    private async Task<BootstrapRun> RunOnceAsync(
        string bootstrap, int taskCount, IReadOnlyDictionary<string, string> tuning, DynaliteServer dynalite, SnsStub sns, Uri neptuneEndpoint, string? logPath, CancellationToken cancellationToken)
    {
        using var dynamoDb = DynamoDb(dynalite.Endpoint, new RequestCounter());
        var table = await CreateStateTableAsync(dynamoDb, cancellationToken);
        await TrackAsync(new DynamoDbTaskStateStore(dynamoDb, table), TaskIds(taskCount), cancellationToken);
        // Lambda's longest timeout: the cycle under test is never cut short by its deadline.
        await using var runtime = new FakeLambdaRuntime(TimeProvider.System, TimeSpan.FromMinutes(15));
        await runtime.QueueAsync(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "events", "schedule.json"), cancellationToken), cancellationToken);

        var info = new ProcessStartInfo(bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "neptune-notifier";
        var credentials = TestAccount.Credentials.GetCredentials();
        info.Environment["AWS_REGION"] = TestAccount.Region;
        info.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKey;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretKey;
        info.Environment["AWS_ENDPOINT_URL_DYNAMODB"] = dynalite.Endpoint.ToString();
        info.Environment["AWS_ENDPOINT_URL_NEPTUNE_GRAPH"] = neptuneEndpoint.ToString();
        info.Environment["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString();
        info.Environment["TABLE_NAME"] = table;
        info.Environment["TOPIC_ARN"] = TestAccount.TopicArn;
        foreach (var (name, value) in tuning.Concat(settings.Environment))
        {
            info.Environment[name] = value;
        }

        var tail = new Queue<string>();
        var log = logPath is null ? null : new List<string>();
        var cpuAtFirstNext = double.NaN;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {bootstrap}");
        runtime.OnFirstNext = () => cpuAtFirstNext = CpuMs(process.Id);
        try
        {
            // The function logs JSON lines; they are drained so it never blocks on a full pipe, and the last few kept for errors.
            process.OutputDataReceived += (_, e) => Keep(tail, log, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(tail, log, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            RuntimeOutcome outcome;
            try
            {
                outcome = await runtime.NextOutcomeAsync(cancellationToken, RunTimeout);
            }
            catch (TimeoutException exception)
            {
                throw new TimeoutException($"{exception.Message}\n{Tail(tail)}", exception);
            }

            if (outcome.Kind != RuntimeOutcomeKind.Response)
            {
                throw new InvalidOperationException($"{bootstrap} answered {outcome.Kind}: {outcome.Body}\n{Tail(tail)}");
            }

            // The process now waits on /next: its high-water mark covers the whole cycle.
            var cpuAtResponse = CpuMs(process.Id);
            var peak = await PeakRssKbAsync(process.Id, cancellationToken);
            using var document = JsonDocument.Parse(outcome.Body);
            return new BootstrapRun(
                Stopwatch.GetElapsedTime(started, runtime.FirstNextTimestamp).TotalMilliseconds,
                Stopwatch.GetElapsedTime(started, outcome.Timestamp).TotalMilliseconds,
                cpuAtFirstNext,
                cpuAtResponse,
                peak,
                document.RootElement.Clone());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            if (logPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
                await File.WriteAllLinesAsync(logPath, Snapshot(tail, log!), CancellationToken.None);
            }
        }
    }

    // CPU time of every thread so far: the first field of schedstat is nanoseconds on the CPU. Threads that already
    // ended are not counted, which only makes the figure a little low.
    private static double CpuMs(int pid)
    {
        long nanoseconds = 0;
        foreach (var thread in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                nanoseconds += long.Parse(File.ReadAllText(Path.Combine(thread, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The thread ended while we looked.
            }
        }

        return nanoseconds / 1e6;
    }

    private static async Task<long> PeakRssKbAsync(int pid, CancellationToken cancellationToken)
    {
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status", cancellationToken))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidDataException($"/proc/{pid}/status has no VmHWM line.");
    }

    private static void Require(JsonElement response, int tasks, string what)
    {
        var ok = response.TryGetProperty("checked", out var checkedCount) && checkedCount.GetInt32() == tasks
            && response.TryGetProperty("published", out var published) && published.GetInt32() == tasks
            && response.TryGetProperty("failed", out var failed) && failed.GetInt32() == 0;
        if (!ok)
        {
            throw new InvalidOperationException($"{what}: expected {tasks} tasks checked and published, none failed; the function answered {response}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Spread(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count > 1 ? $" (min {ResultFile.Number(list.Min(), "F1")}, max {ResultFile.Number(list.Max(), "F1")})" : string.Empty;
    }

    private static List<string> Snapshot(Queue<string> tail, List<string> log)
    {
        lock (tail)
        {
            return [.. log];
        }
    }

    private static void Keep(Queue<string> tail, List<string>? log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tail)
        {
            log?.Add(line);
            tail.Enqueue(line);
            while (tail.Count > 20)
            {
                tail.Dequeue();
            }
        }
    }

    private static string Tail(Queue<string> tail)
    {
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }
}
