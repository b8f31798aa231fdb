using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>
/// A loopback Lambda Runtime API (2018-06-01) that records when the function first asked for work and when it
/// answered, by <see cref="Stopwatch"/> ticks, so a benchmark can measure cold start from the outside.
/// </summary>
internal sealed class RuntimeApiStub(TimeProvider timeProvider) : LoopbackServer
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<string> events = Channel.CreateUnbounded<string>();
    private readonly Channel<(long Timestamp, string Kind, string Body)> outcomes = Channel.CreateUnbounded<(long, string, string)>();
    private long firstNext;
    private int sequence;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => Endpoint.Authority;

    /// <summary>When the first <c>/invocation/next</c> arrived, in <see cref="Stopwatch"/> ticks; 0 until then.</summary>
    public long FirstNextTimestamp => Interlocked.Read(ref firstNext);

    /// <summary>Runs on the request thread when the first <c>/invocation/next</c> arrives, before it is answered.</summary>
    public Action? OnFirstNext { get; set; }

    public ValueTask QueueAsync(string payload, CancellationToken cancellationToken) => events.Writer.WriteAsync(payload, cancellationToken);

    /// <summary>Waits for the function's next answer (response, error or init error).</summary>
    public async Task<(long Timestamp, string Kind, string Body)> NextOutcomeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await outcomes.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The function posted nothing to the Runtime API within {timeout}.");
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        if (context.Request.HttpMethod == "GET" && path == Prefix + "invocation/next")
        {
            if (Interlocked.CompareExchange(ref firstNext, arrived, 0) == 0)
            {
                OnFirstNext?.Invoke();
            }

            var payload = await events.Reader.ReadAsync(Stopping);
            var requestId = "bench-" + Interlocked.Increment(ref sequence).ToString("D4", CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
            // Lambda's longest timeout: the cycle under test is never cut short by this deadline.
            response.Headers["Lambda-Runtime-Deadline-Ms"] = (timeProvider.GetUtcNow() + TimeSpan.FromMinutes(15)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:neptune-notifier";
            response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
            await WriteAsync(response, 200, "application/json", payload);
            return;
        }

        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(Stopping);
        }

        string? kind = path switch
        {
            Prefix + "init/error" => "init-error",
            _ when path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) && path.EndsWith("/response", StringComparison.Ordinal) => "response",
            _ when path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) && path.EndsWith("/error", StringComparison.Ordinal) => "error",
            _ => null,
        };
        if (kind is null)
        {
            await WriteAsync(response, 404, "application/json", "{\"errorMessage\":\"unknown path\"}");
            return;
        }

        await outcomes.Writer.WriteAsync((arrived, kind, body), Stopping);
        await WriteAsync(response, 202, "application/json", "{\"status\":\"OK\"}");
    }
}
