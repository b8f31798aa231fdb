namespace NeptuneNotifier.Core;

/// <summary>
/// One SNS Publish request's content. <see cref="Message"/> is a JSON object with one string per protocol
/// (<c>default</c>, <c>email</c>, <c>https</c>, <c>sqs</c>, <c>lambda</c>), sent with <c>MessageStructure=json</c>.
/// </summary>
/// <param name="Subject">The email subject: under 100 characters, no control characters.</param>
/// <param name="Message">The JSON message structure.</param>
/// <param name="Attributes">Message attributes, all of data type String (status, graphId, taskId, terminal).</param>
/// <param name="MessageGroupId">The FIFO message group (one per task), or null for a standard topic.</param>
/// <param name="MessageDeduplicationId">The FIFO deduplication id (stable across a republish), or null for a standard topic.</param>
public sealed record NotificationMessage(
    string Subject,
    string Message,
    IReadOnlyDictionary<string, string> Attributes,
    string? MessageGroupId,
    string? MessageDeduplicationId)
{
    /// <summary>The SNS <c>MessageStructure</c> value for <see cref="Message"/>.</summary>
    public const string MessageStructure = "json";
}
