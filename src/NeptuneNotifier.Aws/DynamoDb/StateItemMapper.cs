using System.Globalization;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Core;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

// Maps tracked tasks to and from state-table items; a malformed item fails with the attribute it lacks.
internal static class StateItemMapper
{
    public static Dictionary<string, AttributeValue> TrackedItem(TaskToTrack task, DateTimeOffset now)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [S.TaskId] = Str(task.TaskId),
            [S.Version] = Num(0),
            [S.TrackedAt] = Time(now),
            [S.Active] = Str(S.ActiveValue),
        };
        if (!string.IsNullOrEmpty(task.GraphId))
        {
            item[S.GraphId] = Str(task.GraphId);
        }

        return item;
    }

    public static AttributeValue SnapshotMap(TaskSnapshot snapshot)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["status"] = Str(snapshot.Status.Value),
            ["kind"] = Str(snapshot.Kind == TaskKind.Import ? "import" : "export"),
            ["graphId"] = Str(snapshot.GraphId),
        };
        Optional(map, "statusReason", snapshot.StatusReason);
        Optional(map, "format", snapshot.Format);
        Optional(map, "parquetType", snapshot.ParquetType);
        Optional(map, "destination", snapshot.Destination);
        Optional(map, "kmsKeyIdentifier", snapshot.KmsKeyIdentifier);
        Optional(map, "roleArn", snapshot.RoleArn);
        Optional(map, "progressPercentage", snapshot.ProgressPercentage);
        Optional(map, "timeElapsedSeconds", snapshot.TimeElapsedSeconds);
        Optional(map, "numVerticesWritten", snapshot.NumVerticesWritten);
        Optional(map, "numEdgesWritten", snapshot.NumEdgesWritten);
        if (snapshot.StartTime is { } start)
        {
            map["startTime"] = Time(start);
        }

        return new AttributeValue { M = map };
    }

    public static AttributeValue PendingMap(PendingNotification pending)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [S.NotificationId] = Str(pending.NotificationId),
            [S.Version] = Num(pending.Version),
            [S.DetectedAt] = Time(pending.DetectedAt),
            [S.LeaseUntil] = Time(pending.LeaseUntil),
        };
        if (pending.PreviousStatus is { } previous)
        {
            map[S.PreviousStatus] = Str(previous.Value);
        }

        return new AttributeValue { M = map };
    }

    public static TrackedTask ToTrackedTask(Dictionary<string, AttributeValue> item, string tableName)
    {
        var taskId = RequiredString(item, S.TaskId, tableName, "(unknown)");
        var reader = new ItemReader(item, tableName, taskId);
        var snapshot = item.TryGetValue(S.Snapshot, out var snapshotValue) && snapshotValue.M is { } snapshotMap
            ? ToSnapshot(new ItemReader(snapshotMap, tableName, taskId, S.Snapshot + "."), taskId)
            : null;
        PendingNotification? pending = null;
        if (item.TryGetValue(S.Pending, out var pendingValue) && pendingValue.M is { } pendingMap)
        {
            var p = new ItemReader(pendingMap, tableName, taskId, S.Pending + ".");
            pending = new PendingNotification(
                p.String(S.NotificationId),
                p.OptionalString(S.PreviousStatus) is { } previous ? new NeptuneTaskStatus(previous) : null,
                snapshot ?? throw reader.Malformed(S.Snapshot, "is missing while a notification is pending"),
                p.Long(S.Version),
                p.Time(S.DetectedAt),
                p.Time(S.LeaseUntil));
        }

        return new TrackedTask(
            taskId,
            reader.OptionalString(S.GraphId),
            reader.Long(S.Version),
            snapshot,
            reader.Time(S.TrackedAt),
            reader.OptionalTime(S.ChangedAt),
            pending,
            reader.OptionalLong(S.ExpiresAt) is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null);
    }

    public static DateTimeOffset FollowedSince(Dictionary<string, AttributeValue> graphItem, string tableName, string key) =>
        new ItemReader(graphItem, tableName, key).Time(S.FollowedSince);

    public static AttributeValue Str(string value) => new() { S = value };

    public static AttributeValue Num(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Time(DateTimeOffset value) => Str(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));

    private static TaskSnapshot ToSnapshot(ItemReader r, string taskId) => new()
    {
        TaskId = taskId,
        GraphId = r.OptionalString("graphId") ?? string.Empty,
        Kind = r.OptionalString("kind") == "import" ? TaskKind.Import : TaskKind.Export,
        Status = new NeptuneTaskStatus(r.String("status")),
        StatusReason = r.OptionalString("statusReason"),
        Format = r.OptionalString("format"),
        ParquetType = r.OptionalString("parquetType"),
        Destination = r.OptionalString("destination"),
        KmsKeyIdentifier = r.OptionalString("kmsKeyIdentifier"),
        RoleArn = r.OptionalString("roleArn"),
        ProgressPercentage = r.OptionalLong("progressPercentage") is { } progress ? checked((int)progress) : null,
        TimeElapsedSeconds = r.OptionalLong("timeElapsedSeconds"),
        NumVerticesWritten = r.OptionalLong("numVerticesWritten"),
        NumEdgesWritten = r.OptionalLong("numEdgesWritten"),
        StartTime = r.OptionalTime("startTime"),
    };

    private static string RequiredString(Dictionary<string, AttributeValue> item, string name, string tableName, string taskId) =>
        new ItemReader(item, tableName, taskId).String(name);

    private static void Optional(Dictionary<string, AttributeValue> map, string name, string? value)
    {
        if (value is not null)
        {
            map[name] = Str(value);
        }
    }

    private static void Optional(Dictionary<string, AttributeValue> map, string name, long? value)
    {
        if (value is { } v)
        {
            map[name] = Num(v);
        }
    }

    private readonly struct ItemReader(Dictionary<string, AttributeValue> item, string tableName, string taskId, string prefix = "")
    {
        public string String(string name) =>
            OptionalString(name) ?? throw Malformed(name, "is missing or not a string");

        public string? OptionalString(string name) =>
            item.TryGetValue(name, out var value) ? value.S ?? throw Malformed(name, "is not a string") : null;

        public long Long(string name) =>
            OptionalLong(name) ?? throw Malformed(name, "is missing");

        public long? OptionalLong(string name)
        {
            if (!item.TryGetValue(name, out var value))
            {
                return null;
            }

            return value.N is { } n && long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Malformed(name, $"is not a whole number ({value.N ?? "not a number"})");
        }

        public DateTimeOffset Time(string name) =>
            OptionalTime(name) ?? throw Malformed(name, "is missing");

        public DateTimeOffset? OptionalTime(string name)
        {
            var text = OptionalString(name);
            if (text is null)
            {
                return null;
            }

            return DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : throw Malformed(name, $"is not an ISO 8601 round-trip timestamp ('{text}')");
        }

        public InvalidDataException Malformed(string name, string problem) =>
            new($"State table '{tableName}', item '{taskId}': attribute '{prefix}{name}' {problem}.");
    }
}
