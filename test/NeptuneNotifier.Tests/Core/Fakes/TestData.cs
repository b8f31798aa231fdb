using System.Security.Cryptography;

namespace NeptuneNotifier.Tests.Core.Fakes;

public static class TestData
{
    public const string GraphId = "g-0123456789";

    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh task id, so tests sharing a store never collide.</summary>
    public static string NewTaskId() => "t-" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);

    /// <summary>
    /// <paramref name="count"/> fresh task ids for tests that put many tasks in one state table: no two of them share an
    /// entry in dynalite's active index (see <see cref="DistinctInDynaliteIndex"/>).
    /// </summary>
    public static IReadOnlyList<string> NewTaskIds(int count) => DistinctInDynaliteIndex(Enumerable.Range(0, int.MaxValue).Select(_ => NewTaskId()), count);

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="candidates"/>, skipping any that would share a global
    /// secondary index entry in dynalite with one already taken. dynalite 4.0.0 keys an index entry by the index key plus
    /// only six hex digits (24 bits) of an MD5 of the table key (<c>hashPrefix</c> in its <c>db/index.js</c>); every
    /// active task has the same index key, so two tasks whose digits collide share one entry and one of them is silently
    /// missing from the active index: about 1 run in 540 with 250 random ids, 3 of 10,000 tasks. DynamoDB has no such
    /// limit.
    /// </summary>
    public static IReadOnlyList<string> DistinctInDynaliteIndex(IEnumerable<string> candidates, int count)
    {
        List<string> ids = [];
        HashSet<string> digits = new(StringComparer.Ordinal);
        using var candidate = candidates.GetEnumerator();
        while (ids.Count < count && candidate.MoveNext())
        {
            if (digits.Add(DynaliteIndexDigits(candidate.Current)))
            {
                ids.Add(candidate.Current);
            }
        }

        return ids.Count == count ? ids : throw new ArgumentException($"Only {ids.Count} of the candidates are distinct in dynalite's index; {count} were asked for.", nameof(candidates));
    }

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

    // The six hex digits by which dynalite tells apart two tasks in the active index (its hashPrefix for a string hash key
    // and no range key): a mirror of its choice of MD5, not a use for security.
#pragma warning disable CA5351
    private static string DynaliteIndexDigits(string taskId) =>
        Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes("Outliers" + taskId)))[..6];
#pragma warning restore CA5351
}
