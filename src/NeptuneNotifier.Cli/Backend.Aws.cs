using Amazon;
using Amazon.Runtime;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Http;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    /// <summary>
    /// The factory of every AWS client the command opens: one region, one request timeout, one set of credentials (null:
    /// the SDK's default chain). Null when the command needs no AWS service, so nothing may ask for a client.
    /// </summary>
    private ServiceClientFactory Aws => aws ?? throw new InvalidOperationException("This command opened no AWS service.");

    private static ServiceClientFactory CreateAws(string region, TimeSpan requestTimeout, AWSCredentials? credentials) =>
        new(RegionEndpoint.GetBySystemName(region), requestTimeout) { Credentials = credentials };

    private static DynamoDbTaskStateStore CreateDynamoDbStore(ServiceClientFactory aws, string table, List<IDisposable> clients)
    {
        var client = aws.CreateDynamoDb();
        clients.Add(client);
        return new DynamoDbTaskStateStore(client, table);
    }

    private NeptuneExportTaskSource CreateNeptuneSource()
    {
        var client = Aws.CreateNeptuneGraph();
        clients.Add(client);
        return new NeptuneExportTaskSource(client);
    }

    private SnsNotificationChannel CreateSnsChannel(string topicArn, NotificationRenderer renderer)
    {
        var client = Aws.CreateSns();
        clients.Add(client);
        return new SnsNotificationChannel(client, new SnsPublishEnvelope(topicArn, renderer));
    }

    // The events' resource ARNs name the tasks' account, which the CLI knows only from an ARN it was given.
    private EventBridgeNotificationChannel CreateEventBridgeChannel(string eventBus, NotificationRenderer renderer, string accountId)
    {
        var client = Aws.CreateEventBridge();
        clients.Add(client);
        return new EventBridgeNotificationChannel(client, new EventBridgeEventEnvelope(eventBus, Region, accountId, renderer));
    }
}
