using Amazon;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Http;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;

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

    // ---- The CLI's EventBridge channel is created here. ----
    // NeptuneNotifier.Aws.Adapters.EventBridgeNotificationChannel over an EventBridgeClient from Clients(region,
    // requestTimeout) (added to `clients`), putting events with ARNs in `scope`. That adapter is not in this build yet.
    private static INotificationChannel CreateEventBridgeChannel(string eventBus, string region, TimeSpan requestTimeout, NotificationRenderer renderer, ResourceScope scope) =>
        throw new CliFailureException($"This build of neptune-notifier has no EventBridge channel yet: it cannot put events on event bus '{eventBus}'.");
}
