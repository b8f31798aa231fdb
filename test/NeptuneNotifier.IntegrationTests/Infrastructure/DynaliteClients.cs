using Amazon.DynamoDBv2;
using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>Counts DynamoDB requests by operation (the X-Amz-Target header) on their way to the server.</summary>
internal sealed class RequestCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public static readonly string[] WriteOperations = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"];

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(counts, StringComparer.Ordinal);

    public int Writes => counts.Where(c => WriteOperations.Contains(c.Key)).Sum(c => c.Value);

    public int Reads => counts.Where(c => !WriteOperations.Contains(c.Key)).Sum(c => c.Value);

    public void Reset() => counts.Clear();

    public void Count(string operation) => counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public override string ToString() => string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}")));
}

/// <summary>DynamoDB clients for dynalite (or moto), with every request counted, and state tables from template.yaml.</summary>
internal static class DynaliteClients
{
    public static AmazonDynamoDBClient Create(Uri endpoint, RequestCounter counter) =>
        LocalClients.DynamoDb(endpoint, new BasicAWSCredentials("local", "local"), maxErrorRetry: 2, new HandlerClientFactory(() => new CountingHandler(counter, new SocketsHttpHandler())));

    public static async Task<string> CreateStateTableAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        var name = "state-" + Guid.NewGuid().ToString("N");
        await client.CreateTableAsync(SamTemplate.Load().CreateTableRequest(SamTemplate.TableId, name), cancellationToken);
        await WaitUntilActiveAsync(client, name, cancellationToken);
        return name;
    }

    /// <summary>
    /// Waits until <paramref name="tableName"/> is ACTIVE. A table answers "Requested resource not found" while it is
    /// CREATING, in DynamoDB and in dynalite (whose <c>--createTableMs 0</c> still defers the switch to a timer).
    /// </summary>
    public static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var table = (await client.DescribeTableAsync(tableName, cancellationToken)).Table;
            if (table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (started.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"DynamoDB table '{tableName}' is still {table.TableStatus} after 30 s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    private sealed class CountingHandler(RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() ?? "?" : "?";
            counter.Count(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
