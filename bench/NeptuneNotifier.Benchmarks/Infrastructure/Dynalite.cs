using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NeptuneNotifier.Testing;

namespace NeptuneNotifier.Benchmarks.Infrastructure;

/// <summary>dynalite (an in-memory DynamoDB) from <c>test/node</c> on a free loopback port, killed on dispose.</summary>
internal sealed class Dynalite : IAsyncDisposable
{
    private readonly Process process;

    private Dynalite(Process process, Uri endpoint)
    {
        this.process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<Dynalite> StartAsync(CancellationToken cancellationToken)
    {
        var cli = Path.Combine(Repository.Root, "test", "node", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run 'npm ci' in test/node first (eng/bench.sh does).");
        }

        var port = LoopbackHttpServer.FreeTcpPort();
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "--port", port.ToString(CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start node (is Node.js on PATH?)");
        var dynalite = new Dynalite(process, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await WaitForPortAsync(process, port, cancellationToken);
            return dynalite;
        }
        catch
        {
            await dynalite.DisposeAsync();
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

    private static async Task WaitForPortAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(30))
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

        throw new TimeoutException($"dynalite did not listen on port {port} within 30 s");
    }
}
