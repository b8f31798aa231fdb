using System.Net;
using System.Text;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>A small HTTP server on a free loopback port; each request is handled on the thread pool.</summary>
internal abstract class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    protected LoopbackServer()
    {
        var port = Dynalite.FreeTcpPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    protected CancellationToken Stopping => stopping.Token;

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

    protected abstract Task HandleAsync(HttpListenerContext context);

    protected static async Task WriteAsync(HttpListenerResponse response, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            _ = Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context);
                }
                catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
                {
                    // The run is over or the client went away.
                }
            });
        }
    }
}

/// <summary>Answers every SNS Publish with a fresh message id, as the service does, and counts them.</summary>
internal sealed class SnsStub : LoopbackServer
{
    private int published;

    public int Published => Volatile.Read(ref published);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            var body = await reader.ReadToEndAsync(Stopping);
            if (!body.Contains("Action=Publish", StringComparison.Ordinal))
            {
                await WriteAsync(context.Response, 400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Only Publish is stubbed.</Message></Error></ErrorResponse>");
                return;
            }
        }

        Interlocked.Increment(ref published);
        await WriteAsync(
            context.Response,
            200,
            "text/xml",
            $"<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>{Guid.NewGuid()}</MessageId></PublishResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></PublishResponse>");
    }
}
