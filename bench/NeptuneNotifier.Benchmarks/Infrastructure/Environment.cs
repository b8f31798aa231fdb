using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>The loopback world a benchmark runs in: task ids, the emulator scenario, clients, and the state table.</summary>
internal static class BenchEnvironment
{
    // The benchmarks run in the tests' fake account (TestAccount: region, topic, dummy credentials, which the emulator
    // and dynalite do not check unless asked to), the emulator's default account and region.
    public const string GraphId = "g-bench00001";

    /// <summary>The emulator clock never moves, so tasks change only when a benchmark says so.</summary>
    public static readonly TimeProvider FrozenEmulatorTime = new FrozenTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The first <paramref name="count"/> task ids, always the same ones in the same order, skipping those that would
    /// share an entry in dynalite's active index (<see cref="TestData.DistinctInDynaliteIndex"/>), so that the benchmark
    /// measures the cycle, not that limitation.
    /// </summary>
    public static IReadOnlyList<string> TaskIds(int count) =>
        TestData.DistinctInDynaliteIndex(Enumerable.Range(0, int.MaxValue).Select(i => "t-bn" + i.ToString("D8", CultureInfo.InvariantCulture)), count);

    public static Task<NeptuneEmulator> StartEmulatorAsync(int taskCount, CancellationToken cancellationToken) =>
        NeptuneEmulator.StartAsync(
            new EmulatorOptions(Scenario: new EmulatorScenario(
                [new ScenarioGraph(GraphId, "bench-graph", VertexCount: 1_000_000, EdgeCount: 4_000_000)],
                [.. TaskIds(taskCount).Select(id => new ScenarioExportTask(GraphId, "s3://bench-bucket/exports/", TaskId: id))])),
            FrozenEmulatorTime,
            cancellationToken);

    public static AmazonDynamoDBClient DynamoDb(Uri endpoint, RequestCounter counter) =>
        new(TestAccount.Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = TestAccount.Region,
            HttpClientFactory = new CountingHttpClientFactory(counter),
        });

    public static NeptuneGraphClient Neptune(Uri endpoint, RequestCounter counter) =>
        new(TestAccount.Credentials, new NeptuneGraphClientConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = TestAccount.Region,
            HttpClientFactory = new CountingHttpClientFactory(counter),
        });

    public static SnsClient Sns(Uri endpoint) =>
        new(TestAccount.Credentials, new SnsClientConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = TestAccount.Region });

    /// <summary>Creates a fresh state table with the key schema and sparse index the store uses (template.yaml's StateTable).</summary>
    public static async Task<string> CreateStateTableAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        var name = "bench-" + Guid.NewGuid().ToString("N");
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new AttributeDefinition(StateTableSchema.TaskId, ScalarAttributeType.S),
                new AttributeDefinition(StateTableSchema.Active, ScalarAttributeType.S),
            ],
            KeySchema = [new KeySchemaElement(StateTableSchema.TaskId, KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = StateTableSchema.ActiveIndexName,
                    KeySchema = [new KeySchemaElement(StateTableSchema.Active, KeyType.HASH)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        }, cancellationToken);

        // A CREATING table answers "not found" (dynalite too, even with --createTableMs 0): wait for ACTIVE.
        while ((await client.DescribeTableAsync(name, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return name;
    }

    /// <summary>Tracks the tasks through the store itself, a few chunks at a time.</summary>
    public static async Task TrackAsync(ITaskStateStore store, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        var now = FrozenEmulatorTime.GetUtcNow();
        await Parallel.ForEachAsync(
            taskIds.Chunk(250),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var added = await store.TrackAsync([.. chunk.Select(id => new TaskToTrack(id, GraphId))], now, token);
                if (added.Count != chunk.Length)
                {
                    throw new InvalidOperationException($"Tracking {chunk.Length} tasks added only {added.Count}.");
                }
            });
    }

    /// <summary>Stops the benchmark when what it sets up is not what it measures.</summary>
    public static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark precondition failed: {what}");
        }
    }

    private sealed class FrozenTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
