using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// A loopback endpoint that accepts connections and reads requests but never answers: a stalled service, a
/// black-holed proxy. Counts the request heads it received, so a test can tell how many attempts a client made.
/// </summary>
internal sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> connections = [];
    private readonly Lock gate = new();
    private readonly Task loop;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> log = [];
    private readonly List<TimeSpan> arrivals = [];

    public SilentServer()
    {
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Request heads received so far (one per attempt: a timed-out attempt closes its connection).</summary>
    public int Requests
    {
        get
        {
            lock (gate)
            {
                return log.Count;
            }
        }
    }

    /// <summary>The time between consecutive request heads: how long each attempt but the last waited.</summary>
    public IReadOnlyList<TimeSpan> Gaps
    {
        get
        {
            lock (gate)
            {
                return [.. arrivals.Zip(arrivals.Skip(1), (earlier, later) => later - earlier)];
            }
        }
    }

    /// <summary>When each request head arrived and on which connection, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (gate)
            {
                return string.Join("; ", log);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (gate)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var connection = await listener.AcceptTcpClientAsync(stopping.Token);
            int number;
            lock (gate)
            {
                connections.Add(connection);
                number = connections.Count;
            }

            _ = Task.Run(() => ReadForeverAsync(connection, number));
        }
    }

    private async Task ReadForeverAsync(TcpClient connection, int number)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        try
        {
            var stream = connection.GetStream();
            while (await stream.ReadAsync(buffer, stopping.Token) is > 0 and var read)
            {
                // Counts heads, not bodies: each request starts with a request line ending its head with a blank line.
                seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
                int end;
                while ((end = seen.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    var requestLine = seen.ToString()[..seen.ToString().IndexOf('\r', StringComparison.Ordinal)];
                    lock (gate)
                    {
                        arrivals.Add(clock.Elapsed);
                        log.Add($"{clock.Elapsed.TotalSeconds:0.00}s connection {number}: {requestLine}");
                    }

                    seen.Remove(0, end + 4);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The client gave up (its timeout) or the server is stopping.
        }
    }
}
