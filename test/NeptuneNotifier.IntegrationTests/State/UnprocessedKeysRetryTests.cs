using System.Collections.Concurrent;
using System.Text;
using Amazon.DynamoDBv2;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// BatchGetItem's <c>UnprocessedKeys</c>, against a local HTTP server standing in for DynamoDB: each retry is the
/// original request with only the keys that came back, after a jittered exponential delay, and the retries are bounded.
/// </summary>
public sealed class UnprocessedKeysRetryTests : IAsyncDisposable
{
    private const string Table = "state-table";
    private const string Known = "t-known00000";
    private const string Missing = "t-missing000";
    private const string Slow = "t-slow000000";
    private const string Foreign = "t-foreign000";

    private readonly ConcurrentQueue<JsonObject> bodies = new();
    private readonly RecordingDelays delays = new();
    private readonly CaptureServer server;
    private readonly AmazonDynamoDBClient client;

    public UnprocessedKeysRetryTests()
    {
        server = new CaptureServer(_ => throw new InvalidOperationException("no responder set"));
        client = LocalClients.DynamoDb(server.Endpoint, new Amazon.Runtime.BasicAWSCredentials("local", "local"), maxErrorRetry: 0);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task FindUnknownAsync_KeysUnprocessedTwice_RetriesOnlyThoseKeysAsTheOriginalRequestAfterJitteredBackoff()
    {
        // The service's UnprocessedKeys carry a weaker read and a key we never asked for: neither may leak into a retry.
        var answers = new Queue<string>([
            Answer([Known], Unprocessed(Missing, Slow, Foreign)),
            Answer([], Unprocessed(Slow)),
            Answer([Slow], null),
        ]);
        Respond(() => answers.Dequeue());
        var store = Store(new UnprocessedKeysRetry { MaxRetries = 3, TimeProvider = delays, NextDouble = () => 0.5 });

        var unknown = await store.FindUnknownAsync([Known, Missing, Slow], Deadline());

        unknown.ShouldBe([Missing]);
        var requests = bodies.ToList();
        requests.Count.ShouldBe(3);
        requests.Select(KeysOf).ShouldBe([[Known, Missing, Slow], [Missing, Slow], [Slow]]);
        foreach (var request in requests)
        {
            var items = request["RequestItems"]!.AsObject();
            items.Select(p => p.Key).ShouldBe([Table]);
            var table = items[Table]!.AsObject();
            table["ProjectionExpression"]!.GetValue<string>().ShouldBe("#id");
            table["ExpressionAttributeNames"]!.ToJsonString().ShouldBe("{\"#id\":\"taskId\"}");
            table["ConsistentRead"]!.GetValue<bool>().ShouldBeTrue();
        }

        delays.Requested.ShouldBe([TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(50)]);
    }

    [Fact]
    public async Task FindUnknownAsync_KeysStillUnprocessedAfterTheBound_ThrowsNamingTheTableAndConcludesNothing()
    {
        Respond(() => Answer([], Unprocessed(Missing)));
        var store = Store(new UnprocessedKeysRetry { MaxRetries = 3, TimeProvider = delays, NextDouble = () => 0 });

        var failure = await Should.ThrowAsync<UnprocessedKeysException>(() => store.FindUnknownAsync([Missing], Deadline()));

        failure.Message.ShouldContain($"1 of 1 keys unprocessed in table '{Table}' after 3 retries");
        bodies.Count.ShouldBe(4, "the first request and 3 retries");
    }

    [Fact]
    public void Delay_Draws_AreFullJitterUnderADoublingCappedCeiling()
    {
        var retry = new UnprocessedKeysRetry { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500), NextDouble = () => 0.999 };

        Enumerable.Range(0, 5).Select(retry.Delay).Select(d => Math.Round(d.TotalMilliseconds)).ShouldBe([100, 200, 400, 500, 500]);
        (retry with { NextDouble = () => 0 }).Delay(3).ShouldBe(TimeSpan.Zero);
        (retry with { NextDouble = () => 0.25 }).Delay(1).ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [InlineData(0, 50, 1000)]
    [InlineData(21, 50, 1000)]
    [InlineData(3, 0, 1000)]
    [InlineData(3, 500, 100)]
    public void Constructor_RetryOutOfRange_Throws(int maxRetries, int baseMs, int maxMs) =>
        Should.Throw<ArgumentException>(() => Store(new UnprocessedKeysRetry
        {
            MaxRetries = maxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(baseMs),
            MaxDelay = TimeSpan.FromMilliseconds(maxMs),
        }));

    // A retry loop that never ends would otherwise hold the test until the run's own timeout.
    private static CancellationToken Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        return deadline.Token;
    }

    private static List<string> KeysOf(JsonObject request) =>
        [.. request["RequestItems"]![Table]!["Keys"]!.AsArray().Select(k => k!["taskId"]!["S"]!.GetValue<string>())];

    private static string Answer(IReadOnlyList<string> found, JsonObject? unprocessed) => new JsonObject
    {
        ["Responses"] = new JsonObject { [Table] = new JsonArray([.. found.Select(id => (JsonNode)Item(id))]) },
        ["UnprocessedKeys"] = unprocessed ?? new JsonObject(),
    }.ToJsonString();

    private static JsonObject Unprocessed(params string[] ids) => new()
    {
        [Table] = new JsonObject
        {
            ["Keys"] = new JsonArray([.. ids.Select(id => (JsonNode)Item(id))]),
            ["ConsistentRead"] = false,
        },
        ["another-table"] = new JsonObject { ["Keys"] = new JsonArray(Item("t-other00000")) },
    };

    private static JsonObject Item(string id) => new() { ["taskId"] = new JsonObject { ["S"] = id } };

    private DynamoDbTaskStateStore Store(UnprocessedKeysRetry retry) => new(client, Table, retry);

    private void Respond(Func<string> next)
    {
        var gate = new Lock();
        server.Responder = request =>
        {
            request.Header("X-Amz-Target").ShouldBe("DynamoDB_20120810.BatchGetItem");
            bodies.Enqueue(JsonNode.Parse(Encoding.UTF8.GetString(request.Body))!.AsObject());
            lock (gate)
            {
                return new CannedResponse(200, next(), new Dictionary<string, string> { ["Content-Type"] = "application/x-amz-json-1.0" });
            }
        };
    }

    /// <summary>Records every delay asked of it and lets it pass at once.</summary>
    private sealed class RecordingDelays : TimeProvider
    {
        private readonly ConcurrentQueue<TimeSpan> requested = new();

        public IReadOnlyList<TimeSpan> Requested => [.. requested];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                requested.Enqueue(dueTime);
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
