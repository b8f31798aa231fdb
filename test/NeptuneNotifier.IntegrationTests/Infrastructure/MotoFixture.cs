using System.Diagnostics;
using System.Globalization;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// moto's server (<c>python3 -m moto.server</c>, every service on one port, in memory) on a free loopback port: a
/// second, independent implementation of DynamoDB, SNS and SQS beside dynalite and our capture servers. One process
/// serves the whole test assembly; it starts on the first <see cref="EndpointAsync"/> call, so a run that needs no moto
/// starts none, and a missing moto fails only the tests that use it, naming the install command.
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
            (await server).Dispose();
        }
    }
}

/// <summary>One moto server process and the last lines it printed, for the error message when it dies.</summary>
internal sealed class MotoServer : IDisposable
{
    private const int KeptLines = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly Queue<string> lastLines = new();

    private MotoServer(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;

        // Werkzeug logs every request on stderr: read both streams all the time, or moto blocks once a pipe is full.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Endpoint { get; }

    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken)
    {
        var port = NodeTooling.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        var process = await PythonTooling.StartAsync("moto.server", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port], cancellationToken);
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitUntilAnsweringAsync(cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > KeptLines)
            {
                lastLines.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (lastLines)
        {
            return string.Join('\n', lastLines);
        }
    }

    // moto's own API answers once the whole app is loaded, which a bare TCP connect would not show.
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var probe = new Uri(Endpoint, "/moto-api/data.json");
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"moto's server exited with code {process.ExitCode}:\n{Output()}");
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

        throw new TimeoutException($"moto's server did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s:\n{Output()}");
    }
}
