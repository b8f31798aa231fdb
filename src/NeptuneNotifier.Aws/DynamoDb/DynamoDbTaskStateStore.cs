using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.Core.Storage;
using static NeptuneNotifier.Aws.DynamoDb.StateItemMapper;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>
/// The tracked-task state in one DynamoDB table (see <c>docs/state-schema.md</c>). Active tasks are read with a paged
/// Query of a sparse index, so history costs nothing; every write is a single-item conditional write (no transactions).
/// This file is the registry; the outbox (claim, lease, completion) is in <c>DynamoDbTaskStateStore.Outbox.cs</c>.
/// </summary>
/// <remarks>
/// The index is eventually consistent: a cycle may see an item a moment old. That only costs a skipped task, because
/// every claim, lease takeover and confirmation is conditional on the base item.
/// </remarks>
public sealed partial class DynamoDbTaskStateStore : ITaskStateStore
{
    private readonly IAmazonDynamoDB client;
    private readonly string tableName;
    private readonly ExistingKeysReader existingKeys;

    /// <summary>Creates a store over <paramref name="tableName"/>.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The state table.</param>
    /// <param name="unprocessedKeysRetry">How keys that BatchGetItem leaves unprocessed are retried; the defaults when null.</param>
    /// <exception cref="ArgumentException">The table name is not a valid DynamoDB table name, or the retry settings are out of range.</exception>
    public DynamoDbTaskStateStore(IAmazonDynamoDB client, string tableName, UnprocessedKeysRetry? unprocessedKeysRetry = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!SettingDefinitions.IsTableName(tableName))
        {
            throw new ArgumentException($"'{tableName}' is not a DynamoDB table name ({SettingDefinitions.TableNameRule}).", nameof(tableName));
        }

        this.client = client;
        this.tableName = tableName;
        existingKeys = new ExistingKeysReader((request, token) => Guard(client.BatchGetItemAsync(request, token)), tableName, unprocessedKeysRetry ?? new UnprocessedKeysRetry());
    }

    /// <inheritdoc />
    public async Task<ActiveTasks> LoadActiveAsync(CancellationToken cancellationToken)
    {
        List<TrackedTask> tasks = [];
        List<string> unreadable = [];
        Dictionary<string, int> listingPages = new(StringComparer.Ordinal);
        string? resumeFrom = null;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await Guard(client.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = S.ActiveIndexName,
                KeyConditionExpression = "#active = :active",
                ExpressionAttributeNames = new() { ["#active"] = S.Active },
                ExpressionAttributeValues = new() { [":active"] = Str(S.ActiveValue) },
                ExclusiveStartKey = startKey,
            }, cancellationToken));

            foreach (var item in response.Items ?? [])
            {
                var key = item.TryGetValue(S.TaskId, out var id) ? id.S : null;
                if (key == S.ResumeItemKey)
                {
                    resumeFrom = item.TryGetValue(S.ResumeFrom, out var value) ? value.S : null;
                }
                else if (key is not null && key.StartsWith(S.ListingItemKeyPrefix, StringComparison.Ordinal))
                {
                    // Only a hint for choosing how to poll: an item that cannot be read is as good as none.
                    if (ListingPages(item) is { } pages)
                    {
                        listingPages[key[S.ListingItemKeyPrefix.Length..]] = pages;
                    }
                }
                else
                {
                    try
                    {
                        tasks.Add(ToTrackedTask(item, tableName));
                    }
                    catch (InvalidDataException exception)
                    {
                        unreadable.Add(exception.Message);
                    }
                }
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return new ActiveTasks(tasks, resumeFrom) { ListingPages = listingPages, Unreadable = unreadable };
    }

    /// <inheritdoc />
    public async Task<TrackedTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await Guard(client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(taskId),
            ConsistentRead = true,
        }, cancellationToken));
        return response.Item is { Count: > 0 } item ? ToTrackedTask(item, tableName) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> TrackAsync(IReadOnlyCollection<TaskToTrack> tasks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        TaskValidation.ThrowIfInvalid(tasks);
        var requested = tasks.DistinctBy(t => t.TaskId, StringComparer.Ordinal).ToList();
        var known = await existingKeys.ReadAsync([.. requested.Select(t => t.TaskId)], cancellationToken);
        List<string> added = [];
        foreach (var task in requested.Where(t => !known.Contains(t.TaskId)))
        {
            try
            {
                await Guard(client.PutItemAsync(new PutItemRequest
                {
                    TableName = tableName,
                    Item = TrackedItem(task, now),
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new() { ["#id"] = S.TaskId },
                }, cancellationToken));
                added.Add(task.TaskId);
            }
            catch (ConditionalCheckFailedException)
            {
                // Tracked meanwhile by another writer: already followed, which is all the caller asked for.
            }
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindUnknownAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalid(taskIds);
        var requested = taskIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await existingKeys.ReadAsync(requested, cancellationToken);
        return [.. requested.Where(id => !known.Contains(id))];
    }

    /// <inheritdoc />
    public async Task<bool> RecordFinishedAsync(TaskSnapshot snapshot, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfNotRecordable(snapshot);

        // The item of a terminal task whose notification was confirmed, as if version 1 had been notified.
        var item = TrackedItem(new TaskToTrack(snapshot.TaskId, snapshot.GraphId, snapshot.Kind), now);
        item.Remove(S.Active);
        item[S.Version] = Num(1);
        item[S.Status] = Str(snapshot.Status.Value);
        foreach (var (name, value) in ClaimAttributes.ToAttributes(ClaimCodec.Encode(snapshot)))
        {
            item[name] = value;
        }

        item[S.ChangedAt] = Time(now);
        item[S.ExpiresAt] = Num(expiresAt.ToUnixTimeSeconds());
        try
        {
            await Guard(client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = S.TaskId },
            }, cancellationToken));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> FollowGraphAsync(string graphId, TaskKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TaskValidation.ThrowIfInvalidGraphId(graphId);

        var key = (kind == TaskKind.Import ? S.GraphImportsItemKeyPrefix : S.GraphItemKeyPrefix) + graphId;
        if (await ReadFollowedSinceAsync(key, cancellationToken) is { } since)
        {
            return since;
        }

        try
        {
            // Not in the active index: read only by discovery, and kept for as long as the table.
            await Guard(client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new(Key(key)) { [S.GraphId] = Str(graphId), [S.FollowedSince] = Time(now) },
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = S.TaskId },
            }, cancellationToken));
            return now;
        }
        catch (ConditionalCheckFailedException)
        {
            // Another cycle recorded it first: its time stands.
            return await ReadFollowedSinceAsync(key, cancellationToken)
                ?? throw new InvalidOperationException($"The graph item of {graphId} in '{tableName}' vanished while it was being created.");
        }
    }

    private async Task<DateTimeOffset?> ReadFollowedSinceAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Guard(client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(key), ConsistentRead = true }, cancellationToken));
        return response.Item is { Count: > 0 } item ? FollowedSince(item, tableName, key) : null;
    }

    /// <inheritdoc />
    public async Task<bool> UntrackAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await Guard(client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = Key(taskId),
            ReturnValues = ReturnValue.ALL_OLD,
        }, cancellationToken));
        return response.Attributes is { Count: > 0 };
    }

    /// <inheritdoc />
    public async Task SetListingPagesAsync(string graphId, int pages, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ListingKeys.ThrowIfInvalid(graphId);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);

        // In the active index, so the one Query that loads the tasks also returns it; TTL removes the count of a graph
        // no longer listed. Unconditional: overlapping cycles write the same count, and the last one counted is right.
        await Guard(client.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new(Key(S.ListingItemKeyPrefix + graphId))
            {
                [S.Active] = Str(S.ActiveValue),
                [S.GraphId] = Str(graphId),
                [S.ListingPages] = Num(pages),
                [S.ExpiresAt] = Num(expiresAt.ToUnixTimeSeconds()),
            },
        }, cancellationToken));
    }

    /// <inheritdoc />
    public async Task SetResumePointAsync(string? taskId, CancellationToken cancellationToken)
    {
        if (taskId is null)
        {
            await Guard(client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(S.ResumeItemKey) }, cancellationToken));
            return;
        }

        // In the active index too, so the one Query that loads the tasks also returns it.
        await Guard(client.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [S.TaskId] = Str(S.ResumeItemKey),
                [S.Active] = Str(S.ActiveValue),
                [S.ResumeFrom] = Str(taskId),
            },
        }, cancellationToken));
    }

    private static Dictionary<string, AttributeValue> Key(string taskId) => new(StringComparer.Ordinal) { [S.TaskId] = Str(taskId) };

    // DynamoDB's "Requested resource not found" names neither the table nor the index: say which, and where it is set.
    private async Task<T> Guard<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (ResourceNotFoundException exception)
        {
            throw new StateTableException($"The DynamoDB state table '{tableName}' (or its index '{S.ActiveIndexName}') was not found: check TABLE_NAME and the region. {exception.Message}", exception);
        }
        catch (AmazonDynamoDBException exception) when (exception.Message.Contains("index", StringComparison.OrdinalIgnoreCase) && exception.ErrorCode == "ValidationException")
        {
            throw new StateTableException($"The DynamoDB table '{tableName}' is not a NeptuneNotifier state table (index '{S.ActiveIndexName}' keyed by '{S.Active}' is required; create it from template.yaml): {exception.Message}", exception);
        }
    }
}
