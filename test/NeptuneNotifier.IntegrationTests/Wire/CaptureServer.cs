using System.Net;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>One HTTP request as it arrived, with header names in lower case.</summary>
internal sealed record CapturedRequest(string Method, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>What the server answers: status, headers and body, optionally after a delay; or, dropped, no answer at all.</summary>
internal sealed record CannedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    /// <summary>No answer: the connection is closed once the request was read, as a crashed server or a broken network leaves it.</summary>
    public static CannedResponse Dropped { get; } = new(0, string.Empty) { DropConnection = true };

    /// <summary>A proxy's or load balancer's error page in front of the service: HTML, no AWS error code.</summary>
    public static CannedResponse ProxyErrorPage { get; } = new(504, "<html><body>Gateway Timeout</body></html>", new Dictionary<string, string> { ["Content-Type"] = "text/html" });

    /// <summary>True to close the connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>A JSON answer (rest-json's <c>application/json</c> unless <paramref name="contentType"/> says otherwise), with a request id unless it is null.</summary>
    public static CannedResponse Json(int status, string body, string? requestId = "req-0001", string contentType = "application/json")
        => new(status, body, requestId is null ? new Dictionary<string, string> { ["Content-Type"] = contentType } : new Dictionary<string, string> { ["Content-Type"] = contentType, ["x-amzn-RequestId"] = requestId });

    public static CannedResponse Xml(int status, string body)
        => new(status, body, new Dictionary<string, string> { ["Content-Type"] = "text/xml" });
}

/// <summary>
/// A loopback HTTP server that records every request and answers with <see cref="Responder"/>: the fake AWS endpoint
/// both our clients and the official JavaScript clients talk to.
/// </summary>
internal sealed class CaptureServer(Func<CapturedRequest, CannedResponse> responder) : LoopbackHttpServer
{
    private readonly List<CapturedRequest> requests = [];
    private readonly Lock gate = new();

    public Func<CapturedRequest, CannedResponse> Responder { get; set; } = responder;

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

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body, Stopping);
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
            await Task.Delay(delay, Stopping);
        }

        if (canned.DropConnection)
        {
            // HttpListener writes a status line when it closes even an aborted response; a promised body that never
            // comes makes the client see the connection break before any answer could be read.
            context.Response.ContentLength64 = 1;
            context.Response.Abort();
            return;
        }

        string? contentType = null;
        foreach (var (name, value) in canned.Headers ?? new Dictionary<string, string>())
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                context.Response.Headers[name] = value;
            }
        }

        await WriteAsync(context.Response, canned.Status, contentType, canned.Body, Stopping);
    }
}
