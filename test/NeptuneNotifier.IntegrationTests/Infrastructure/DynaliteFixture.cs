using System.Diagnostics;
using System.Net.Sockets;
using NeptuneNotifier.Testing;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// A dynalite (DynamoDB) server on a free loopback port, in memory, for the life of the test assembly.
/// Use as an assembly fixture: <c>[assembly: AssemblyFixture(typeof(DynaliteFixture))]</c> is declared once.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private RunningProcess? process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:0");

    public async ValueTask InitializeAsync()
    {
        var port = LoopbackHttpServer.FreeTcpPort();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        process = await NodeTooling.StartScriptAsync(
            Path.Combine("node_modules", "dynalite", "cli.js"),
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"],
            timeout.Token);
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        await WaitForPortAsync(port, timeout.Token);
    }

    public ValueTask DisposeAsync() => process?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process!.Process.HasExited)
            {
                await process.Process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"dynalite exited with code {process.Process.ExitCode}: {process.Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
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
