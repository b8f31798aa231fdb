using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Core;
using NeptuneNotifier.IntegrationTests.Infrastructure;
using NeptuneNotifier.Tests.Core;

namespace NeptuneNotifier.IntegrationTests.State;

/// <summary>
/// The DynamoDB store keeps the store contract on moto's DynamoDB too, in a table created from template.yaml exactly as
/// on dynalite (<see cref="DynamoDbTaskStateStoreTests"/>): two independent implementations of the same API, so a
/// request only one of them lets through fails here or there.
/// </summary>
public sealed class MotoDynamoDbTaskStateStoreTests(MotoFixture moto) : TaskStateStoreContract, IDisposable
{
    private readonly RequestCounter counter = new();
    private readonly List<IDisposable> clients = [];

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    protected override async Task<ITaskStateStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var client = DynaliteClients.Create(await moto.EndpointAsync(cancellationToken), counter);
        clients.Add(client);
        return new DynamoDbTaskStateStore(client, await DynaliteClients.CreateStateTableAsync(client, cancellationToken));
    }
}
