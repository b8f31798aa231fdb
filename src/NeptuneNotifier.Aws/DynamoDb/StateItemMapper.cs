using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Core.Storage;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

// Maps tracked tasks to and from state-table items; a malformed item fails with the attribute it lacks. The claim
// (snapshot and pending notification) is ClaimCodec's shape, held by ClaimAttributes.
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

        if (task.Kind is { } kind)
        {
            item[S.Kind] = Str(TaskKinds.Name(kind));
        }

        return item;
    }

    public static TrackedTask ToTrackedTask(Dictionary<string, AttributeValue> item, string tableName)
    {
        var taskId = RequiredString(item, S.TaskId, tableName, "(unknown)");
        var reader = new ItemReader(item, tableName, taskId);
        var claim = ClaimCodec.Decode(ClaimAttributes.FromItem(item), taskId, $"State table '{tableName}', item '{taskId}'");
        return new TrackedTask(
            taskId,
            reader.OptionalString(S.GraphId),
            reader.Long(S.Version),
            claim?.Snapshot,
            reader.Time(S.TrackedAt),
            reader.OptionalTime(S.ChangedAt),
            claim?.Pending,
            reader.OptionalLong(S.ExpiresAt) is { } epoch ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null)
        {
            Watch = claim?.Watch,
            // Items written before kinds were stored have none; an unknown spelling is found out again by a read.
            Kind = TaskKinds.Parse(item.TryGetValue(S.Kind, out var kind) ? kind.S : null),
        };
    }

    public static DateTimeOffset FollowedSince(Dictionary<string, AttributeValue> graphItem, string tableName, string key) =>
        new ItemReader(graphItem, tableName, key).Time(S.FollowedSince);

    /// <summary>The page count of a listing item, or null when it holds none that is a positive whole number.</summary>
    public static int? ListingPages(Dictionary<string, AttributeValue> listingItem) =>
        listingItem.TryGetValue(S.ListingPages, out var value) && int.TryParse(value.N, NumberStyles.None, CultureInfo.InvariantCulture, out var pages) && pages > 0
            ? pages
            : null;

    public static AttributeValue Str(string value) => new() { S = value };

    public static AttributeValue Num(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Time(DateTimeOffset value) => Str(ClaimCodec.FormatTime(value));

    private static string RequiredString(Dictionary<string, AttributeValue> item, string name, string tableName, string taskId) =>
        new ItemReader(item, tableName, taskId).String(name);

    private readonly struct ItemReader(Dictionary<string, AttributeValue> item, string tableName, string taskId)
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

            return ClaimCodec.ParseTime(text) ?? throw Malformed(name, $"is not an ISO 8601 round-trip timestamp ('{text}')");
        }

        public InvalidDataException Malformed(string name, string problem) =>
            new($"State table '{tableName}', item '{taskId}': attribute '{name}' {problem}.");
    }
}
