namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// A test against the assembly's one <see cref="MotoFixture"/> server: the clients it opens, closed with the test, and
/// unique names for what it creates there, since every test shares the server.
/// </summary>
public abstract class MotoTest(MotoFixture moto) : IDisposable
{
    private readonly List<IDisposable> clients = [];

    private protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private protected Task<Uri> EndpointAsync() => moto.EndpointAsync(Token);

    /// <summary>A client to set up topics, queues, buses and rules and to read queues, closed with the test.</summary>
    private protected async Task<MotoQueryClient> AdminAsync() => Own(new MotoQueryClient(await EndpointAsync()));

    /// <summary>Closes <paramref name="client"/> with the test.</summary>
    private protected T Own<T>(T client)
        where T : IDisposable
    {
        clients.Add(client);
        return client;
    }
}
