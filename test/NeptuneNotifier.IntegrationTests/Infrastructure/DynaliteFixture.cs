namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// A dynalite (DynamoDB) server on a free loopback port, in memory, for the life of the test assembly.
/// Use as an assembly fixture: <c>[assembly: AssemblyFixture(typeof(DynaliteFixture))]</c> is declared once.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? server;

    public Uri Endpoint => server?.Endpoint ?? throw new InvalidOperationException("dynalite is not started");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await NodeTooling.EnsureInstalledAsync(timeout.Token);
        server = await DynaliteServer.StartAsync(NodeTooling.NodeExecutable, NodeTooling.NodeDirectory, timeout.Token);
    }

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
