using Amazon;
using NeptuneNotifier.Aws.Adapters;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    private static ITaskStateStore CreateDynamoDbStore(string table, string region, CliContext context) => throw new NotSupportedException("pending merge");

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
