using System.Threading.RateLimiting;
using static NeptuneNotifier.Benchmarks.Infrastructure.BenchEnvironment;

namespace NeptuneNotifier.Benchmarks.Cycle;

/// <summary>How the cycle benchmark is run.</summary>
/// <param name="Sizes">Tracked-task counts, one cycle series each.</param>
/// <param name="Latency">Emulator latency added to every GetExportTask.</param>
/// <param name="RequestsPerSecond">The client-side rate limit (PollCycleOptions.RequestsPerSecond).</param>
/// <param name="MaxConcurrency">Calls in flight; chosen so that MaxConcurrency / Latency is well above the rate limit.</param>
/// <param name="Burst">Token bucket size (PollCycleOptions.Burst).</param>
internal sealed record CycleSettings(IReadOnlyList<int> Sizes, TimeSpan Latency, double RequestsPerSecond, int MaxConcurrency, int Burst);

/// <summary>
/// The real poll cycle over the real adapters (our Neptune Analytics client against the emulator, the DynamoDB store
/// against dynalite, our SNS client against a stub), on loopback. Per size: prime (first sighting of every task), then
/// a timed cycle with no change and a timed cycle where 10% of the tasks change, counting every DynamoDB request.
/// It measures per-task reads (<see cref="PollStrategy.Get"/>): the cost of a listing is the <c>strategies</c> part's.
/// </summary>
internal sealed class CycleScaling(CycleSettings settings, ResultFile results)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var concurrencyRate = settings.MaxConcurrency / settings.Latency.TotalSeconds;
        var bindingRate = Math.Min(concurrencyRate, settings.RequestsPerSecond);
        await Console.Error.WriteLineAsync(
            $"cycle: latency {settings.Latency.TotalMilliseconds} ms, rate limit {settings.RequestsPerSecond}/s, concurrency {settings.MaxConcurrency} "
            + $"(concurrency allows {concurrencyRate:F0}/s, so the {(concurrencyRate > settings.RequestsPerSecond ? "rate limit" : "concurrency")} binds), burst {settings.Burst}");

        await using var dynalite = await DynaliteServer.StartAsync("node", Path.Combine(Repository.Root, "test", "node"), cancellationToken);
        await using var sns = new SnsStub();
        List<(int N, TimeSpan Steady)> series = [];
        foreach (var n in settings.Sizes)
        {
            var steady = await RunSizeAsync(n, bindingRate, dynalite, sns, cancellationToken);
            series.Add((n, steady));
        }

        // Linear growth: time per task stays the same from N = 100 on (the fixed costs of a cycle fade out).
        var large = series.Where(s => s.N >= 100).ToList();
        if (large.Count >= 2)
        {
            var perTask = large.Select(s => s.Steady.TotalMilliseconds / s.N).ToList();
            var spread = perTask.Max() / perTask.Min();
            await results.AddAsync(new Result(
                "cycle",
                $"linearity: ms per task at N={string.Join('/', large.Select(s => s.N))}",
                string.Join(" / ", perTask.Select(p => ResultFile.Number(p, "F2"))) + $" (spread {ResultFile.Number(spread, "F2")}x)",
                "spread <= 1.2x",
                spread <= 1.2), cancellationToken);
        }
    }

    private async Task<TimeSpan> RunSizeAsync(int n, double bindingRate, DynaliteServer dynalite, SnsStub sns, CancellationToken cancellationToken)
    {
        var dynamoRequests = new RequestCounter();
        var neptuneRequests = new RequestCounter();
        await using var emulator = await StartEmulatorAsync(n, cancellationToken);
        using var dynamoDb = DynamoDb(dynalite.Endpoint, dynamoRequests);
        using var neptune = Neptune(emulator.Endpoint, neptuneRequests);
        using var snsClient = Sns(sns.Endpoint);
        var table = await CreateStateTableAsync(dynamoDb, cancellationToken);
        var store = new DynamoDbTaskStateStore(dynamoDb, table);
        var source = new NeptuneExportTaskSource(neptune);
        var channel = new SnsNotificationChannel(snsClient, new SnsPublishEnvelope(TestAccount.TopicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region))));

        var setup = Stopwatch.StartNew();
        await TrackAsync(store, TaskIds(n), cancellationToken);
        await CheckActiveIndexAsync(store, dynamoDb, table, n, cancellationToken);
        // Priming is the first sighting of every task: not what is measured, so it runs without latency or rate limit.
        using (var unlimited = RateLimitPartition.GetNoLimiter(0).Factory(0))
        {
            var prime = new PollCycle(store, source, [new DeliveryChannel(DeliveryChannel.Sns, channel)], new PollCycleOptions { MaxConcurrency = 32 }, TimeProvider.System, NullLogger<PollCycle>.Instance, unlimited);
            var primed = await RunBoundedAsync(prime, TimeSpan.FromMinutes(10), cancellationToken);
            Require(primed.Published == n && primed.Failed == 0, $"N={n} priming cycle: {primed}");
        }

        await Console.Error.WriteLineAsync($"cycle: N={n} tracked and primed in {setup.Elapsed.TotalSeconds:F1} s");
        if (n == settings.Sizes[0])
        {
            await AddItemSizeAsync(dynamoDb, table, cancellationToken);
        }

        emulator.Control.SetFaults("GetExportTask", new FaultRule(Latency: settings.Latency));
        var options = new PollCycleOptions { MaxConcurrency = settings.MaxConcurrency, RequestsPerSecond = settings.RequestsPerSecond, Burst = settings.Burst, Strategy = PollStrategy.Get };
        var cycle = new PollCycle(store, source, [new DeliveryChannel(DeliveryChannel.Sns, channel)], options, TimeProvider.System, NullLogger<PollCycle>.Instance);
        var bound = TimeSpan.FromSeconds(n / bindingRate);
        var limit = (bound * 3) + TimeSpan.FromMinutes(1);

        // No change: the cycle every 5 minutes looks like this almost always.
        dynamoRequests.Reset();
        neptuneRequests.Reset();
        var stopwatch = Stopwatch.StartNew();
        var steady = await RunBoundedAsync(cycle, limit, cancellationToken);
        var steadyTime = stopwatch.Elapsed;
        Require(steady is { Checked: var c, Changed: 0, Failed: 0, CutShort: false } && c == n, $"N={n} steady cycle: {steady}");
        var ratio = steadyTime / bound;
        await results.AddAsync(new Result(
            "cycle",
            $"N={n} no change: time vs bound N/{bindingRate:F0}/s = {ResultFile.Seconds(bound)}",
            $"{ResultFile.Seconds(steadyTime)} ({ResultFile.Number(ratio, "F2")}x bound, {ResultFile.Number(neptuneRequests.Total / steadyTime.TotalSeconds, "F1")} GetExportTask/s)",
            n >= 100 ? "<= 1.2x bound" : "- (N < 100)",
            n >= 100 ? ratio <= 1.2 : null), cancellationToken);
        var maxReads = (n / 100) + 1;
        await results.AddAsync(new Result(
            "dynamodb",
            $"N={n} no change: requests per cycle",
            $"{dynamoRequests.Reads} reads, {dynamoRequests.Writes} writes ({dynamoRequests})",
            $"0 writes, reads <= {maxReads}",
            dynamoRequests.Writes == 0 && dynamoRequests.Reads <= maxReads), cancellationToken);

        // 10% of the tasks move on: each costs a claim and a confirmation (two conditional writes) and one SNS publish.
        var changing = TaskIds(n).Where((_, i) => i % 10 == 0).ToList();
        foreach (var taskId in changing)
        {
            emulator.Control.SetNextStatus(taskId, "EXPORTING");
        }

        dynamoRequests.Reset();
        neptuneRequests.Reset();
        var publishedBefore = sns.Published;
        stopwatch.Restart();
        var changed = await RunBoundedAsync(cycle, limit, cancellationToken);
        var changedTime = stopwatch.Elapsed;
        var published = sns.Published - publishedBefore;
        Require(changed.Changed == changing.Count && changed.Published == changing.Count && published == changing.Count && changed.Failed == 0 && !changed.CutShort, $"N={n} 10% cycle: {changed}, {published} published");
        await results.AddAsync(new Result(
            "cycle",
            $"N={n} 10% change ({changing.Count} notified)",
            $"{ResultFile.Seconds(changedTime)} ({ResultFile.Number(changedTime / bound, "F2")}x bound)",
            n >= 100 ? "<= 1.2x bound" : "- (N < 100)",
            n >= 100 ? changedTime / bound <= 1.2 : null), cancellationToken);
        await results.AddAsync(new Result(
            "dynamodb",
            $"N={n} 10% change: requests per cycle",
            $"{dynamoRequests.Reads} reads, {dynamoRequests.Writes} writes ({dynamoRequests}), {published} SNS publishes",
            $"writes = 2 x {changing.Count} changes, reads <= {maxReads}",
            dynamoRequests.Writes == 2 * changing.Count && dynamoRequests.Reads <= maxReads), cancellationToken);
        return steadyTime;
    }

    // The store loads the active tasks with a paged Query of the sparse index; it must see every tracked task.
    private static async Task CheckActiveIndexAsync(DynamoDbTaskStateStore store, AmazonDynamoDBClient dynamoDb, string table, int n, CancellationToken cancellationToken)
    {
        var loaded = (await store.LoadActiveAsync(cancellationToken)).Tasks.Count;
        if (loaded == n)
        {
            return;
        }

        var inIndex = await CountAsync(dynamoDb, table, StateTableSchema.ActiveIndexName, cancellationToken);
        var inTable = await CountAsync(dynamoDb, table, indexName: null, cancellationToken);
        throw new InvalidOperationException(
            $"N={n}: the store loaded {loaded} active tasks; a Scan counts {inIndex} items in {StateTableSchema.ActiveIndexName} and {inTable} in the table.");
    }

    private static async Task<int> CountAsync(AmazonDynamoDBClient dynamoDb, string table, string? indexName, CancellationToken cancellationToken)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        // Bounded: a 1 MB page holds thousands of items, so a thousand pages is far more than any benchmark size.
        for (var page = 0; page < 1_000; page++)
        {
            var response = await dynamoDb.ScanAsync(new ScanRequest { TableName = table, IndexName = indexName, Select = Select.COUNT, ExclusiveStartKey = start }, cancellationToken);
            count += response.Count ?? 0;
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            if (start is null)
            {
                return count;
            }
        }

        throw new InvalidOperationException($"Counting {table} {indexName} took more than 1,000 pages.");
    }

    // What a bill is made of: the size of an active task's item (a pending notification adds a small map to it).
    private async Task AddItemSizeAsync(AmazonDynamoDBClient dynamoDb, string table, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { [StateTableSchema.TaskId] = new AttributeValue { S = TaskIds(1)[0] } },
            ConsistentRead = true,
        }, cancellationToken);
        var item = response.Item is { Count: > 0 } found ? found : throw new InvalidOperationException($"{TaskIds(1)[0]} is not in {table} after priming.");
        var size = ItemSize.Of(item);
        await results.AddAsync(new Result(
            "dynamodb",
            "active task item size (DynamoDB size rules), after its first notification",
            $"{size} bytes: a Query reads {ResultFile.Number(4096.0 / size, "F1")} items per 4 KB read unit, each write is {(size + 1023) / 1024} WRU",
            "-",
            null), cancellationToken);
    }

    private static async Task<PollCycleSummary> RunBoundedAsync(PollCycle cycle, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        return await cycle.RunAsync(bounded.Token);
    }
}
