using Amazon.DynamoDBv2.Model;
using Polly;
using Polly.Retry;
using S = NeptuneNotifier.Aws.DynamoDb.StateTableSchema;

namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>
/// Tells which task ids the state table holds, with <c>BatchGetItem</c> (100 keys a request, the key attribute only,
/// strongly consistent). Keys DynamoDB leaves unprocessed are asked for again under <see cref="UnprocessedKeysRetry"/>,
/// each retry being the original request with only the keys that came back unprocessed.
/// </summary>
internal sealed class ExistingKeysReader
{
    // BatchGetItem takes at most 100 keys.
    private const int BatchGetLimit = 100;

    private readonly Func<BatchGetItemRequest, CancellationToken, Task<BatchGetItemResponse>> send;
    private readonly string tableName;
    private readonly UnprocessedKeysRetry retry;
    private readonly ResiliencePipeline<int> pipeline;

    /// <param name="send">Sends one request (the store adds its error translation).</param>
    /// <param name="tableName">The state table.</param>
    /// <param name="retry">The retry bound, backoff, clock and random source.</param>
    public ExistingKeysReader(Func<BatchGetItemRequest, CancellationToken, Task<BatchGetItemResponse>> send, string tableName, UnprocessedKeysRetry retry)
    {
        retry.Validate();
        this.send = send;
        this.tableName = tableName;
        this.retry = retry;
        // Only a partial answer is retried here: errors were already retried by the SDK and are thrown as they are.
        pipeline = new ResiliencePipelineBuilder<int> { TimeProvider = retry.TimeProvider }
            .AddRetry(new RetryStrategyOptions<int>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result > 0),
                MaxRetryAttempts = retry.MaxRetries,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(retry.Delay(args.AttemptNumber)),
            })
            .Build();
    }

    /// <summary>Returns the ids among <paramref name="taskIds"/> that have an item in the table.</summary>
    /// <exception cref="UnprocessedKeysException">Some keys were still unprocessed after the last retry.</exception>
    public async Task<HashSet<string>> ReadAsync(IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        HashSet<string> existing = new(StringComparer.Ordinal);
        foreach (var chunk in taskIds.Chunk(BatchGetLimit))
        {
            IReadOnlyCollection<string> remaining = chunk;
            var left = await pipeline.ExecuteAsync(
                async token =>
                {
                    var response = await send(Request(remaining), token);
                    foreach (var item in response.Responses?.GetValueOrDefault(tableName) ?? [])
                    {
                        if (item.TryGetValue(S.TaskId, out var id) && id.S is { } value)
                        {
                            existing.Add(value);
                        }
                    }

                    remaining = Unprocessed(response, remaining);
                    return remaining.Count;
                },
                cancellationToken);
            if (left > 0)
            {
                throw new UnprocessedKeysException(
                    $"DynamoDB left {left} of {chunk.Length} keys unprocessed in table '{tableName}' after {retry.MaxRetries} retries of BatchGetItem (its read throughput is exceeded); nothing is concluded about them, so they are asked for again next time.");
            }
        }

        return existing;
    }

    // Every request, first or retry, is built here: same table, projection, names and consistency; only the keys vary.
    private BatchGetItemRequest Request(IReadOnlyCollection<string> taskIds) => new()
    {
        RequestItems = new()
        {
            [tableName] = new KeysAndAttributes
            {
                Keys = [.. taskIds.Select(id => new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [S.TaskId] = new AttributeValue { S = id } })],
                ProjectionExpression = "#id",
                ExpressionAttributeNames = new() { ["#id"] = S.TaskId },
                ConsistentRead = true,
            },
        },
    };

    // The keys to ask for again: those of our table that we asked for. Anything else in the answer is not ours to request.
    private IReadOnlyCollection<string> Unprocessed(BatchGetItemResponse response, IReadOnlyCollection<string> asked)
    {
        var keys = response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys ?? [];
        HashSet<string> unprocessed = new(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key?.GetValueOrDefault(S.TaskId)?.S is { } id)
            {
                unprocessed.Add(id);
            }
        }

        return [.. asked.Where(unprocessed.Contains)];
    }
}
