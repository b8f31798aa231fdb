using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NeptuneNotifier.Testing;

/// <summary>
/// A small HTTP server on a free loopback port, each request handled on the thread pool: the base of the fake AWS
/// endpoints and the fake Lambda Runtime API of the integration tests, and of the benchmarks' stubs.
/// </summary>
internal abstract class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    protected LoopbackHttpServer()
    {
        (listener, Endpoint) = StartOnFreePort();
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationToken Stopping => stopping.Token;

    /// <summary>A TCP port nothing listens on at the moment of asking (another process may take it before it is bound).</summary>
    public static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
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

    /// <summary>Answers one request; the response must be closed (see <see cref="WriteAsync"/>).</summary>
    protected abstract Task HandleAsync(HttpListenerContext context);

    /// <summary>Answers with <paramref name="body"/> in UTF-8 (and no Content-Type when <paramref name="contentType"/> is null), and closes the response.</summary>
    protected static async Task WriteAsync(HttpListenerResponse response, int status, string? contentType, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, cancellationToken);
        response.Close();
    }

    /// <summary>A free port can be taken by a parallel test between probing and binding: try a few.</summary>
    private static (HttpListener Listener, Uri Endpoint) StartOnFreePort()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort();
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

            _ = Task.Run(() => HandleOrAbortAsync(context));
        }
    }

    private async Task HandleOrAbortAsync(HttpListenerContext context)
    {
        try
        {
            await HandleAsync(context);
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away (a timeout or cancellation test) or the server is stopping.
            context.Response.Abort();
        }
    }
}
