using System.Net;
using System.Text;
using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>One HTTP request as it arrived, with header names in lower case.</summary>
internal sealed record CapturedRequest(string Method, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>What the server answers: status, headers and body, optionally after a delay.</summary>
internal sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static CannedResponse Json(int status, string body, string? requestId = "req-0001")
        => new(status, body, requestId is null ? new Dictionary<string, string> { ["Content-Type"] = "application/json" } : new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-amzn-RequestId"] = requestId });

    public static CannedResponse Xml(int status, string body)
        => new(status, body, new Dictionary<string, string> { ["Content-Type"] = "text/xml" });
}

/// <summary>
/// A loopback HTTP server that records every request and answers with <see cref="Responder"/>: the fake AWS endpoint
/// both our clients and the official JavaScript clients talk to.
/// </summary>
internal sealed class CaptureServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<CapturedRequest> requests = [];
    private readonly Lock gate = new();
    private readonly Task loop;

    public CaptureServer(Func<CapturedRequest, CannedResponse> responder)
    {
        Responder = responder;
        (listener, Endpoint) = StartOnFreePort();
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    public Func<CapturedRequest, CannedResponse> Responder { get; set; }

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            // Close alone: Stop then Close makes the managed listener look the port up again, which fails
            // with "address already in use" when a parallel test has meanwhile bound it.
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // Already released.
        }

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

    /// <summary>A free port can be taken by a parallel test between probing and binding: try a few.</summary>
    private static (HttpListener Listener, Uri Endpoint) StartOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = NodeTooling.FreeTcpPort();
            var candidate = new HttpListener();
            candidate.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                candidate.Start();
                return (candidate, new Uri($"http://127.0.0.1:{port}"));
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                candidate.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, stopping.Token);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in context.Request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name.ToLowerInvariant()] = context.Request.Headers[name] ?? string.Empty;
                }
            }

            var captured = new CapturedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body.ToArray());
            lock (gate)
            {
                requests.Add(captured);
            }

            var canned = Responder(captured);
            if (canned.Delay is { } delay)
            {
                await Task.Delay(delay, stopping.Token);
            }

            context.Response.StatusCode = canned.Status;
            foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>())
            {
                if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.ContentType = value;
                }
                else
                {
                    context.Response.Headers[name] = value;
                }
            }

            var bytes = Encoding.UTF8.GetBytes(canned.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, stopping.Token);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away (a timeout or cancellation test) or the server is stopping.
            context.Response.Abort();
        }
    }
}
