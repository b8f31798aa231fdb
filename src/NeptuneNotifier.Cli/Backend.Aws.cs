using NeptuneNotifier.Core;

namespace NeptuneNotifier.Cli;

internal sealed partial class Backend
{
    private static ITaskStateStore CreateDynamoDbStore(string table, string region, CliContext context) => throw new NotSupportedException("pending merge");

    private static IExportTaskSource CreateNeptuneSource(string region, CliContext context) => throw new NotSupportedException("pending merge");

    private static INotificationPublisher CreateSnsPublisher(string topicArn, string region, CliContext context) => throw new NotSupportedException("pending merge");
}
