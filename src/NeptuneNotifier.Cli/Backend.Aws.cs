using Amazon;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    private static ServiceClientFactory Clients(string region, TimeSpan requestTimeout) => new(RegionEndpoint.GetBySystemName(region), requestTimeout);

    private static DynamoDbTaskStateStore CreateDynamoDbStore(string table, string region, TimeSpan requestTimeout, List<IDisposable> clients)
    {
        var client = Clients(region, requestTimeout).CreateDynamoDb();
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
