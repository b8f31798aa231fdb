using System.Collections.Concurrent;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>Counts requests by operation on their way out of an AWS SDK client: what a bill counts.</summary>
internal sealed class RequestCounter
{
    private static readonly string[] WriteOperations = ["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"];

    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int Writes => counts.Where(c => WriteOperations.Contains(c.Key)).Sum(c => c.Value);

    public int Reads => counts.Where(c => !WriteOperations.Contains(c.Key)).Sum(c => c.Value);

    public int Total => counts.Values.Sum();

    public void Reset() => counts.Clear();

    public void Count(string operation) => counts.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public override string ToString() =>
        string.Join(" ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}

/// <summary>An SDK HTTP client factory whose clients count every request (by X-Amz-Target, else by path).</summary>
internal sealed class CountingHttpClientFactory(RequestCounter counter) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new CountingHandler(counter, new SocketsHttpHandler { MaxConnectionsPerServer = 256 }));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class CountingHandler(RequestCounter counter, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = request.Headers.TryGetValues("X-Amz-Target", out var values) && values.FirstOrDefault() is { } target
                ? target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..]
                : request.Method + " " + (request.RequestUri?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "/");
            counter.Count(operation);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
