using System.Security.Cryptography;

namespace NeptuneNotifier.Tests.Core.Fakes;

public static class TestData
{
    public const string GraphId = "g-0123456789";

    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh task id, so tests sharing a store never collide.</summary>
    public static string NewTaskId() => "t-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);

    /// <summary>Ids <c>t-0000000000</c>, <c>t-0000000001</c>, ...: ordered, for tests about order.</summary>
    public static IReadOnlyList<string> OrderedTaskIds(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "t-" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))];

    public static TaskSnapshot Snapshot(string taskId, NeptuneTaskStatus status) => new()
    {
        TaskId = taskId,
        GraphId = GraphId,
        Status = status,
        Format = "PARQUET",
        ParquetType = "COLUMNAR",
        Destination = "s3://exports-bucket/graph/",
        KmsKeyIdentifier = TestAccount.KmsKeyArn,
        RoleArn = TestAccount.RoleArn,
        ProgressPercentage = status == NeptuneTaskStatus.Succeeded ? 100 : 40,
        TimeElapsedSeconds = 3723,
        NumVerticesWritten = 1_234_567,
        NumEdgesWritten = 7_654_321,
        StartTime = Start.AddHours(-1),
    };

    /// <summary>An import task of <paramref name="graphId"/>, as GetImportTask answers it: its source and its own figures, no export counts.</summary>
    public static TaskSnapshot ImportSnapshot(string taskId, NeptuneTaskStatus status, string graphId = GraphId) => Snapshot(taskId, status) with
    {
        GraphId = graphId,
        Kind = TaskKind.Import,
        Format = "CSV",
        ParquetType = null,
        Destination = "s3://imports-bucket/graph/",
        KmsKeyIdentifier = null,
        RoleArn = $"arn:aws:iam::{TestAccount.Id}:role/NeptuneImport",
        NumVerticesWritten = null,
        NumEdgesWritten = null,
        StatementCount = 1_234_567,
        DictionaryEntryCount = 89_012,
        ErrorCount = 0,
    };

    /// <summary>One channel, recorded as SNS: what a deployment with only TOPIC_ARN has.</summary>
    public static IReadOnlyList<DeliveryChannel> Sns(INotificationChannel channel) => [new DeliveryChannel(DeliveryChannel.Sns, channel)];

    public static PendingNotification Pending(TaskSnapshot snapshot, NeptuneTaskStatus? previous = null, long version = 1) =>
        new("0196a0b0c0d07e8f9a0b1c2d3e4f5a6b", previous, snapshot, version, Start, Start.AddMinutes(2));
}
