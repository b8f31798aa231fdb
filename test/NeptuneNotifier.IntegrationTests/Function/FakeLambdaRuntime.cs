using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Function;

/// <summary>
/// A loopback Lambda Runtime API (2018-06-01): hands out queued events on <c>/invocation/next</c> and records what the
/// function posts back, as the Lambda service would.
/// </summary>
internal sealed class FakeLambdaRuntime : IAsyncDisposable
{
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:neptune-notifier";

    private readonly HttpListener listener = new();
    private readonly Channel<(string RequestId, string Payload)> events = Channel.CreateUnbounded<(string, string)>();
    private readonly Channel<RuntimeOutcome> outcomes = Channel.CreateUnbounded<RuntimeOutcome>();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int sequence;

    public FakeLambdaRuntime()
    {
        var port = NodeTooling.FreeTcpPort();
        Address = $"127.0.0.1:{port}";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    /// <summary>When the function first asked for an event, by <see cref="System.Diagnostics.Stopwatch"/> ticks; 0 until then.</summary>
    public long FirstNextTimestamp { get; private set; }

    /// <summary>Queues an event and waits for the function's answer to it.</summary>
    public async Task<RuntimeOutcome> InvokeAsync(string payload, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var requestId = "req-" + Interlocked.Increment(ref sequence).ToString("D4", CultureInfo.InvariantCulture);
        await events.Writer.WriteAsync((requestId, payload), cancellationToken);
        var outcome = await NextOutcomeAsync(cancellationToken, timeout);
        return outcome.RequestId == requestId
            ? outcome
            : throw new InvalidOperationException($"Expected the answer to {requestId}, got {outcome}.");
    }

    /// <summary>Waits for the next thing the function posts (a response, an error or an init error).</summary>
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
            throw new TimeoutException("The function posted nothing to the Runtime API in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                if (FirstNextTimestamp == 0)
                {
                    FirstNextTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
                }

                var (requestId, payload) = await events.Reader.ReadAsync(stopping.Token);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() + 60_000).ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
                response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
                await Write(response, 200, payload);
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            var outcome = path switch
            {
                "/2018-06-01/runtime/init/error" => new RuntimeOutcome(RuntimeOutcomeKind.InitError, null, body, errorType),
                _ when path.StartsWith("/2018-06-01/runtime/invocation/", StringComparison.Ordinal) && path.EndsWith("/response", StringComparison.Ordinal)
                    => new RuntimeOutcome(RuntimeOutcomeKind.Response, Segment(path), body, null),
                _ when path.StartsWith("/2018-06-01/runtime/invocation/", StringComparison.Ordinal) && path.EndsWith("/error", StringComparison.Ordinal)
                    => new RuntimeOutcome(RuntimeOutcomeKind.Error, Segment(path), body, errorType),
                _ => null,
            };
            if (outcome is null)
            {
                await Write(response, 404, "{\"errorMessage\":\"unknown path\"}");
                return;
            }

            await outcomes.Writer.WriteAsync(outcome, stopping.Token);
            await Write(response, 202, "{\"status\":\"OK\"}");
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // The test is over.
        }
    }

    private static string Segment(string path) => path.Split('/')[4];

    private static async Task Write(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}

internal enum RuntimeOutcomeKind
{
    Response,
    Error,
    InitError,
}

internal sealed record RuntimeOutcome(RuntimeOutcomeKind Kind, string? RequestId, string Body, string? ErrorType);
