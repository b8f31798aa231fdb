using System.Net;
using System.Net.Sockets;

namespace NeptuneNotifier.Testing;

/// <summary>
/// dynalite (an in-memory DynamoDB) from <c>test/node</c> on a free loopback port, listening once started, killed on
/// dispose: the integration tests' assembly fixture and the benchmarks both run it.
/// </summary>
internal sealed class DynaliteServer(Process process, Uri endpoint) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public Uri Endpoint { get; } = endpoint;

    /// <summary>Starts <c>node_modules/dynalite/cli.js</c> of <paramref name="nodeDirectory"/> (installed by <c>npm ci</c>) with <paramref name="node"/>.</summary>
    public static async Task<DynaliteServer> StartAsync(string node, string nodeDirectory, CancellationToken cancellationToken)
    {
        var cli = Path.Combine(nodeDirectory, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run 'npm ci' in {nodeDirectory} first.");
        }

        var port = LoopbackHttpServer.FreeTcpPort();
        var info = new ProcessStartInfo(node) { WorkingDirectory = nodeDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new DynaliteServer(
            Process.Start(info) ?? throw new InvalidOperationException($"could not start {node} (is Node.js on PATH?)"),
            new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitForPortAsync(port, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dynalite exited with code {process.ExitCode}: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"dynalite did not listen on port {port} within {StartTimeout.TotalSeconds} s");
    }
}
