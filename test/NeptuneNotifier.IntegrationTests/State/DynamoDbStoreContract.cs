using Amazon.DynamoDBv2;
using NeptuneNotifier.Tests.Core;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The store contract for the DynamoDB store on one DynamoDB implementation: each test gets its own table, created from
/// template.yaml, behind a client disposed with the test.
/// </summary>
public abstract class DynamoDbStoreContract : TaskStateStoreContract, IDisposable
{
    private readonly RequestCounter counter = new();
    private readonly List<IDisposable> clients = [];

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Where the DynamoDB implementation under test listens.</summary>
    protected abstract Task<Uri> EndpointAsync(CancellationToken cancellationToken);

    /// <summary>A client of the implementation under test, disposed with the test.</summary>
    protected async Task<AmazonDynamoDBClient> ClientAsync(CancellationToken cancellationToken)
    {
        var client = DynaliteClients.Create(await EndpointAsync(cancellationToken), counter);
        clients.Add(client);
        return client;
    }

    protected override async Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken);
        return new DynamoDbTaskStateStore(client, await DynaliteClients.CreateStateTableAsync(client, cancellationToken));
    }
}
