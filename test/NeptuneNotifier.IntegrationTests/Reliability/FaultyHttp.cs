using System.Net;
using System.Text;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>A seeded random source shared by threads; each draw is one step of one sequence.</summary>
internal sealed class SharedRandom(int seed)
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();

    public double NextDouble()
    {
        lock (gate)
        {
            return random.NextDouble();
        }
    }
}

/// <summary>
/// Fails DynamoDB requests on their way to the table: some never arrive (500 or 400 throttling), some are applied
/// and their answer is lost (500 after the table wrote): the write the client cannot know about.
/// </summary>
internal sealed class FaultyDynamoDbHandler(HttpMessageHandler inner, SharedRandom random, ReliabilitySettings settings, RunLedger ledger, Func<bool> enabled) : DelegatingHandler(inner)
{

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.FirstOrDefault() ?? "?" : "?";
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var roll = enabled() ? random.NextDouble() : 1;
        if (roll < settings.DynamoDbErrorRate / 2)
        {
            ledger.Fault($"dynamodb {operation} 500 (not applied)");
            return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Simulated internal error");
        }

        if (roll < settings.DynamoDbErrorRate)
        {
            ledger.Fault($"dynamodb {operation} 400 throttled (not applied)");
            return Error(HttpStatusCode.BadRequest, "ThrottlingException", "Simulated throttling: rate of requests exceeds the allowed throughput");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (roll < settings.DynamoDbErrorRate + settings.DynamoDbLostResponseRate)
        {
            ledger.Fault($"dynamodb {operation} 500 after applying");
            response.Dispose();
            return Error(HttpStatusCode.InternalServerError, "InternalServerError", "Simulated internal error after the request was applied");
        }

        return response;
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string type, string message) => new(status)
    {
        Content = new StringContent($$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{type}}","message":"{{message}}"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
    };
}

/// <summary>Counts Neptune Analytics answers by status code, to report the faults the emulator injected.</summary>
internal sealed class NeptuneFaultCounter(HttpMessageHandler inner, RunLedger ledger) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            ledger.Fault($"neptune {Operation(request)} {(int)response.StatusCode} {type?.Split(':')[0]}".TrimEnd());
        }

        return response;
    }

    private static string Operation(HttpRequestMessage request) => (request.Method.Method, request.RequestUri?.AbsolutePath.TrimEnd('/')) switch
    {
        ("GET", "/exporttasks") => "ListExportTasks",
        ("GET", { } path) when path.StartsWith("/exporttasks/", StringComparison.Ordinal) => "GetExportTask",
        ("POST", "/exporttasks") => "StartExportTask",
        var (method, path) => $"{method} {path}",
    };
}
