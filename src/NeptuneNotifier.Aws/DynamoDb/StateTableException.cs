namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>The state table is missing or is not a NeptuneNotifier state table; the message names it.</summary>
public sealed class StateTableException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>
/// DynamoDB still left keys of a <c>BatchGetItem</c> unprocessed after every retry (the table is throttling reads).
/// Nothing is concluded about those keys: the caller fails and the next cycle asks again.
/// </summary>
public sealed class UnprocessedKeysException(string message) : Exception(message);
