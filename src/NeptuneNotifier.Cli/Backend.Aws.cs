using Amazon;
using Amazon.DynamoDBv2;
using NeptuneNotifier.Aws.DynamoDb;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    private static DynamoDbTaskStateStore CreateDynamoDbStore(string table, string region, List<IDisposable> clients)
    {
        var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });
        clients.Add(client);
        return new DynamoDbTaskStateStore(client, table);
    }

    private NeptuneExportTaskSource CreateNeptuneSource(string region)
    {
        var client = new NeptuneGraphClient(new NeptuneGraphClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });
        clients.Add(client);
        return new NeptuneExportTaskSource(client);
    }

    private SnsNotificationPublisher CreateSnsPublisher(string topicArn, string region)
    {
        var client = new SnsClient(new SnsClientConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region) });
        clients.Add(client);
        return new SnsNotificationPublisher(client, topicArn);
    }
}
