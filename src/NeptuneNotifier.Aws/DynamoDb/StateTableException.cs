namespace NeptuneNotifier.Aws.DynamoDb;

/// <summary>The state table is missing or is not a NeptuneNotifier state table; the message names it.</summary>
public sealed class StateTableException(string message, Exception innerException) : Exception(message, innerException);
