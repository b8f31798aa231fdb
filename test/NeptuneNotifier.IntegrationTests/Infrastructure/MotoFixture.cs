namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// moto's server (every service on one port, in memory) on a free loopback port: a second, independent implementation
/// of DynamoDB, SNS and SQS beside dynalite and our capture servers. One process serves the whole test assembly; it
/// starts on the first <see cref="EndpointAsync"/> call, so a run that needs no moto starts none, and a missing moto
/// fails only the tests that use it, naming the install command.
/// </summary>
public sealed class MotoFixture : IAsyncDisposable
{
    private readonly Lock gate = new();
    private Task<MotoServer>? starting;

    /// <summary>The server's address, starting it on first use. Every test gets the same server: use unique resource names.</summary>
    public async Task<Uri> EndpointAsync(CancellationToken cancellationToken)
    {
        Task<MotoServer> server;
        lock (gate)
        {
            // Started without the caller's token: one test being cancelled must not fail the start for the others.
            server = starting ??= Task.Run(() => MotoServer.StartAsync(CancellationToken.None), CancellationToken.None);
        }

        return (await server.WaitAsync(cancellationToken)).Endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        Task<MotoServer>? server;
        lock (gate)
        {
            server = starting;
        }

        if (server is { IsCompletedSuccessfully: true })
        {
            await (await server).DisposeAsync();
        }
    }
}

/// <summary>One moto server process and the last lines it printed, for the error message when it dies.</summary>
/// <remarks>
/// Started as <c>python3 -m moto.server</c> starts it (moto's WSGI app on Werkzeug's server), but serving one request at
/// a time: moto checks a DynamoDB condition and then writes without a lock, so on the threaded server two conditional
/// writes racing on one item can both succeed (seen here: 2 of 8 claims won). DynamoDB's single-item writes are atomic
/// ("Individual write operations such as UpdateItem are atomic and always operate on the most recent version of the
/// item, regardless of concurrency",
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BestPractices_ImplementingVersionControl.html), as
/// dynalite's are; one request at a time gives moto the same guarantee, and the contract's races still race.
/// </remarks>
internal sealed class MotoServer : IAsyncDisposable
{
    private const int ShownLines = 40;

    // moto.server's main() without threaded=True. MOTO_PORT is what moto.server sets for the URLs it builds.
    private const string Launcher = """
        import os, sys
        from werkzeug.serving import run_simple
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        host, port = sys.argv[1], int(sys.argv[2])
        os.environ.setdefault("MOTO_PORT", str(port))
        run_simple(host, port, DomainDispatcherApplication(create_backend_app), threaded=False)
        """;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Werkzeug logs every request on stderr: the running process reads both streams all the time, or moto would block
    // once a pipe is full.
    private readonly RunningProcess process;

    private MotoServer(RunningProcess process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken)
    {
        var port = LoopbackHttpServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        var process = await PythonTooling.StartAsync("moto.server", ["-c", Launcher, "127.0.0.1", port], cancellationToken);
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    // moto's own API answers once the whole app is loaded, which a bare TCP connect would not show.
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var probe = new Uri(Endpoint, "/moto-api/data.json");
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            if (process.Process.HasExited)
            {
                await process.Process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"moto's server exited with code {process.Process.ExitCode}:\n{process.Tail(ShownLines)}");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or still loading.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"moto's server did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s:\n{process.Tail(ShownLines)}");
    }
}
