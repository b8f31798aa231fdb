using System.Net;
using System.Text;
using System.Threading.Channels;

namespace NeptuneNotifier.Testing;

/// <summary>
/// A loopback Lambda Runtime API (2018-06-01), as the Lambda service runs it for a function: hands out queued events
/// on <c>/invocation/next</c> and records what the function posts back, with when each arrived (by
/// <see cref="Stopwatch"/> ticks), so a test can check the answers and a benchmark can time a cold start from outside.
/// </summary>
internal sealed class FakeLambdaRuntime(TimeProvider timeProvider, TimeSpan invocationTimeout) : LoopbackHttpServer
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<(string RequestId, string Payload)> events = Channel.CreateUnbounded<(string, string)>();
    private readonly Channel<RuntimeOutcome> outcomes = Channel.CreateUnbounded<RuntimeOutcome>();
    private long firstNext;
    private int sequence;

    /// <summary>A runtime whose invocations may last a minute, on the real clock (the function reads its deadline from it).</summary>
    public FakeLambdaRuntime()
        : this(TimeProvider.System, TimeSpan.FromMinutes(1))
    {
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => Endpoint.Authority;

    /// <summary>When the first <c>/invocation/next</c> arrived, in <see cref="Stopwatch"/> ticks; 0 until then.</summary>
    public long FirstNextTimestamp => Interlocked.Read(ref firstNext);

    /// <summary>Runs on the request thread when the first <c>/invocation/next</c> arrives, before it is answered.</summary>
    public Action? OnFirstNext { get; set; }

    /// <summary>Queues an event for the function; returns the request id it is handed out with.</summary>
    public async Task<string> QueueAsync(string payload, CancellationToken cancellationToken)
    {
        var requestId = "req-" + Interlocked.Increment(ref sequence).ToString("D4", CultureInfo.InvariantCulture);
        await events.Writer.WriteAsync((requestId, payload), cancellationToken);
        return requestId;
    }

    /// <summary>Queues an event and waits for the function's answer to it.</summary>
    public async Task<RuntimeOutcome> InvokeAsync(string payload, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var requestId = await QueueAsync(payload, cancellationToken);
        var outcome = await NextOutcomeAsync(cancellationToken, timeout);
        return outcome.RequestId == requestId
            ? outcome
            : throw new InvalidOperationException($"Expected the answer to {requestId}, got {outcome}.");
    }

    /// <summary>Waits for the next thing the function posts (a response, an error or an init error); 60 s unless told.</summary>
    public async Task<RuntimeOutcome> NextOutcomeAsync(CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            return await outcomes.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The function posted nothing to the Runtime API within {timeout ?? TimeSpan.FromSeconds(60)}.");
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

            var (requestId, payload) = await events.Reader.ReadAsync(Stopping);
            response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
            response.Headers["Lambda-Runtime-Deadline-Ms"] = (timeProvider.GetUtcNow() + invocationTimeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = TestAccount.FunctionArn;
            response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
            await WriteAsync(response, 200, "application/json", payload, Stopping);
            return;
        }

        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(Stopping);
        }

        var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
        var outcome = path switch
        {
            Prefix + "init/error" => new RuntimeOutcome(RuntimeOutcomeKind.InitError, null, body, errorType),
            _ when path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) && path.EndsWith("/response", StringComparison.Ordinal)
                => new RuntimeOutcome(RuntimeOutcomeKind.Response, Segment(path), body, null),
            _ when path.StartsWith(Prefix + "invocation/", StringComparison.Ordinal) && path.EndsWith("/error", StringComparison.Ordinal)
                => new RuntimeOutcome(RuntimeOutcomeKind.Error, Segment(path), body, errorType),
            _ => null,
        };
        if (outcome is null)
        {
            await WriteAsync(response, 404, "application/json", "{\"errorMessage\":\"unknown path\"}", Stopping);
            return;
        }

        await outcomes.Writer.WriteAsync(outcome with { Timestamp = arrived }, Stopping);
        await WriteAsync(response, 202, "application/json", "{\"status\":\"OK\"}", Stopping);
    }

    private static string Segment(string path) => path.Split('/')[4];
}

internal enum RuntimeOutcomeKind
{
    Response,
    Error,
    InitError,
}

/// <summary>What the function posted: its kind, the request it answers, the body and error type; when it arrived, by <see cref="Stopwatch"/> ticks.</summary>
internal sealed record RuntimeOutcome(RuntimeOutcomeKind Kind, string? RequestId, string Body, string? ErrorType)
{
    public long Timestamp { get; init; }
}
