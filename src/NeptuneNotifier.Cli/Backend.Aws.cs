using Amazon;
using Amazon.Runtime;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    // Null credentials: the SDK's default chain.
    private static ServiceClientFactory Clients(string region, TimeSpan requestTimeout, AWSCredentials? credentials) =>
        new(RegionEndpoint.GetBySystemName(region), requestTimeout) { Credentials = credentials };

    private ServiceClientFactory Clients(string region, TimeSpan requestTimeout) => Clients(region, requestTimeout, credentials);

    private static DynamoDbTaskStateStore CreateDynamoDbStore(ServiceClientFactory factory, string table, List<IDisposable> clients)
    {
        var client = factory.CreateDynamoDb();
        clients.Add(client);
        return new DynamoDbTaskStateStore(client, table);
    }

    private NeptuneExportTaskSource CreateNeptuneSource(string region, TimeSpan requestTimeout)
    {
        var client = Clients(region, requestTimeout).CreateNeptuneGraph();
        clients.Add(client);
        return new NeptuneExportTaskSource(client);
    }

    private SnsNotificationChannel CreateSnsChannel(string topicArn, string region, TimeSpan requestTimeout, NotificationRenderer renderer)
    {
        var client = Clients(region, requestTimeout).CreateSns();
        clients.Add(client);
        return new SnsNotificationChannel(client, new SnsPublishEnvelope(topicArn, renderer));
    }

    // The events' resource ARNs name the tasks' account, which the CLI knows only from an ARN it was given.
    private EventBridgeNotificationChannel CreateEventBridgeChannel(string eventBus, string region, TimeSpan requestTimeout, NotificationRenderer renderer, string accountId)
    {
        var client = Clients(region, requestTimeout).CreateEventBridge();
        clients.Add(client);
        return new EventBridgeNotificationChannel(client, new EventBridgeEventEnvelope(eventBus, region, accountId, renderer));
    }
}
