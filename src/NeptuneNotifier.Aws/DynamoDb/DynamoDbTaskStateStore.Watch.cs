using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Storage;
using static NeptuneNotifier.Aws.DynamoDb.StateItemMapper;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

// The alert watch on the task items: the `watch` map, written alone conditional on the version the cycle read and on
// no pending notification, so it never lands on a task another cycle has claimed meanwhile.
public sealed partial class DynamoDbTaskStateStore
{
    /// <inheritdoc />
    public Task<bool> TrySaveWatchAsync(string taskId, long expectedVersion, AlertWatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        var attribute = ClaimAttributes.ToAttribute(WatchCodec.Encode(watch), WatchCodec.WatchField);
        return ConditionalUpdateAsync(
            Conditional(
                taskId,
                "SET #watch = :watch",
                $"#version = :expected AND attribute_not_exists({PendingName})",
                new() { ["#watch"] = WatchCodec.WatchField, ["#version"] = S.Version, [PendingName] = ClaimCodec.PendingField },
                new() { [":watch"] = attribute, [":expected"] = Num(expectedVersion) }),
            cancellationToken);
    }
}
