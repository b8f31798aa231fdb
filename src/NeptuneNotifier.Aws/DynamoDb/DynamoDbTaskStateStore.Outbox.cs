using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Core.Storage;
using static NeptuneNotifier.Aws.DynamoDb.StateItemMapper;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

// The outbox on the task items: a claim writes ClaimCodec's shape (snapshot, pending, claimFormat) conditional on the
// version; a lease move, a channel's recorded delivery and a completion are conditional on the pending notification id.
public sealed partial class DynamoDbTaskStateStore
{
    private const string PendingName = "#" + ClaimCodec.PendingField;
    private const string FormatName = "#" + ClaimCodec.FormatField;

    /// <inheritdoc />
    /// <remarks>
    /// A claim DynamoDB applied but whose answer was lost (a timeout, a dropped connection) is sent again by the SDK, and
    /// that retry fails its own condition. The item then holds this very claim (its notification id, new for each claim),
    /// so the claim is this cycle's: true, and the notification goes out now rather than after its lease. The failed
    /// write returns the item (<c>ReturnValuesOnConditionCheckFailure</c> ALL_OLD); where it does not (an emulator
    /// without that member), a strongly consistent read tells.
    /// </remarks>
    public async Task<bool> TryClaimAsync(PendingNotification notification, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["#id"] = S.TaskId,
            ["#version"] = S.Version,
            ["#status"] = S.Status,
            ["#changedAt"] = S.ChangedAt,
            ["#active"] = S.Active,
            [PendingName] = ClaimCodec.PendingField,
        };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":expected"] = Num(expectedVersion),
            [":version"] = Num(notification.Version),
            [":status"] = Str(notification.Snapshot.Status.Value),
            [":changedAt"] = Time(notification.DetectedAt),
            [":active"] = Str(S.ActiveValue),
        };
        var update = "SET #version = :version, #status = :status, #changedAt = :changedAt, #active = :active";
        foreach (var (name, value) in ClaimAttributes.ToAttributes(ClaimCodec.Encode(notification)))
        {
            // The claim's field names are plain identifiers, so they serve as placeholders too.
            names["#" + name] = name;
            values[":" + name] = value;
            update += $", #{name} = :{name}";
        }

        if (notification.Snapshot.GraphId.Length > 0)
        {
            names["#graphId"] = S.GraphId;
            values[":graphId"] = Str(notification.Snapshot.GraphId);
            update += ", #graphId = :graphId";
        }

        if (notification.Watch is null)
        {
            // A claim without an alert watch (alerts off) leaves none behind, as the embedded store does.
            names["#" + WatchCodec.WatchField] = WatchCodec.WatchField;
            update += $" REMOVE #{WatchCodec.WatchField}";
        }

        try
        {
            var claim = Conditional(notification.TaskId, update, $"attribute_exists(#id) AND #version = :expected AND attribute_not_exists({PendingName})", names, values);
            claim.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
            await Guard(client.UpdateItemAsync(claim, cancellationToken));
            return true;
        }
        catch (ConditionalCheckFailedException failed)
        {
            var item = failed.Item is { Count: > 0 } old
                ? old
                : (await Guard(client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(notification.TaskId), ConsistentRead = true }, cancellationToken))).Item;
            return PendingNotificationId(item) == notification.NotificationId;
        }
    }

    private static string? PendingNotificationId(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue(ClaimCodec.PendingField, out var pending) && pending.M is { } map
        && map.TryGetValue(ClaimCodec.NotificationIdField, out var id) ? id.S : null;

    /// <inheritdoc />
    /// <remarks>The item comes back with the write (<c>ReturnValues</c> ALL_NEW), as strongly consistent as the write itself; the index the tasks were loaded from is not.</remarks>
    public async Task<PendingNotification?> TryRenewLeaseAsync(string taskId, string notificationId, DateTimeOffset expectedLeaseUntil, DateTimeOffset newLeaseUntil, CancellationToken cancellationToken)
    {
        var renew = Conditional(
            taskId,
            $"SET {PendingName}.#lease = :new",
            $"{PendingName}.#notificationId = :id AND {PendingName}.#lease = :expected",
            new() { [PendingName] = ClaimCodec.PendingField, ["#lease"] = ClaimCodec.LeaseUntilField, ["#notificationId"] = ClaimCodec.NotificationIdField },
            new()
            {
                // The condition compares text: the codec writes every time in the one form it reads back.
                [":new"] = Str(ClaimCodec.FormatTime(newLeaseUntil)),
                [":expected"] = Str(ClaimCodec.FormatTime(expectedLeaseUntil)),
                [":id"] = Str(notificationId),
            });
        renew.ReturnValues = ReturnValue.ALL_NEW;
        return await TryUpdateAsync(renew, cancellationToken) is { } renewed ? ToTrackedTask(renewed.Attributes, tableName).Pending : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// DynamoDB cannot set a member of a map that does not exist
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET.AddingNestedMapAttributes),
    /// so the first recorded delivery writes the map and later ones add to it, each conditional on whether the map is
    /// there: of two racing writers, the one that finds the other's map takes the second form. The map goes only with
    /// the pending notification, so when both forms fail the notification is no longer pending.
    /// </remarks>
    public async Task<bool> TryRecordDeliveryAsync(PendingNotification pending, string channel, string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return await ConditionalUpdateAsync(RecordDelivery(pending, channel, deliveryId, firstDelivery: true), cancellationToken)
            || await ConditionalUpdateAsync(RecordDelivery(pending, channel, deliveryId, firstDelivery: false), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(string taskId, string notificationId, TaskCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PendingName] = ClaimCodec.PendingField,
            ["#notificationId"] = ClaimCodec.NotificationIdField,
            [FormatName] = ClaimCodec.FormatField,
        };
        // What is left is the snapshot alone, in format 1 again whatever the pending notification's deliveries made it.
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":id"] = Str(notificationId), [":format"] = Num(ClaimCodec.UndeliveredFormat) };
        var update = $"REMOVE {PendingName} SET {FormatName} = :format";
        if (completion is TaskCompletion.Terminal terminal)
        {
            // A terminal task leaves the active index and expires by TTL after the retention period.
            names["#active"] = S.Active;
            names["#expiresAt"] = S.ExpiresAt;
            values[":expiresAt"] = Num(terminal.ExpiresAt.ToUnixTimeSeconds());
            update = $"REMOVE {PendingName}, #active SET #expiresAt = :expiresAt, {FormatName} = :format";
        }

        return ConditionalUpdateAsync(Conditional(taskId, update, $"{PendingName}.#notificationId = :id", names, values), cancellationToken);
    }

    // The first delivery writes the map (pending.delivered) and a transition's claim its format 2; a later one adds its
    // channel. An alert's claim keeps the format 3 it was claimed in, which a version that knows no alerts must go on
    // refusing. The notification id fixes which the pending notification is, so the condition on it is the only one
    // besides the map's.
    private UpdateItemRequest RecordDelivery(PendingNotification pending, string channel, string deliveryId, bool firstDelivery)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PendingName] = ClaimCodec.PendingField,
            ["#notificationId"] = ClaimCodec.NotificationIdField,
            ["#delivered"] = ClaimCodec.DeliveredField,
        };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":id"] = Str(pending.NotificationId) };
        string update, mapCondition;
        if (firstDelivery)
        {
            values[":delivered"] = new AttributeValue { M = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [channel] = Str(deliveryId) } };
            (update, mapCondition) = ($"SET {PendingName}.#delivered = :delivered", $"attribute_not_exists({PendingName}.#delivered)");
        }
        else
        {
            names["#channel"] = channel;
            values[":deliveryId"] = Str(deliveryId);
            (update, mapCondition) = ($"SET {PendingName}.#delivered.#channel = :deliveryId", $"attribute_exists({PendingName}.#delivered)");
        }

        if (pending.Alert is null)
        {
            names[FormatName] = ClaimCodec.FormatField;
            values[":format"] = Num(ClaimCodec.DeliveredFormat);
            update += $", {FormatName} = :format";
        }

        return Conditional(pending.TaskId, update, $"{PendingName}.#notificationId = :id AND {mapCondition}", names, values);
    }

    // A write to one task's item, applied only where the condition holds.
    private UpdateItemRequest Conditional(string taskId, string update, string condition, Dictionary<string, string> names, Dictionary<string, AttributeValue> values) => new()
    {
        TableName = tableName,
        Key = Key(taskId),
        UpdateExpression = update,
        ConditionExpression = condition,
        ExpressionAttributeNames = names,
        ExpressionAttributeValues = values,
    };

    private async Task<bool> ConditionalUpdateAsync(UpdateItemRequest request, CancellationToken cancellationToken) =>
        await TryUpdateAsync(request, cancellationToken) is not null;

    // The answer of a write whose condition held, or null.
    private async Task<UpdateItemResponse?> TryUpdateAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await Guard(client.UpdateItemAsync(request, cancellationToken));
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }
}
