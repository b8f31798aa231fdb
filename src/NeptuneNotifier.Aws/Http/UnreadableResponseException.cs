namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// The service answered, and the answer could not be read: not JSON or XML at all, a top-level value of the wrong
/// kind, or a member the caller cannot do without (a task's <c>taskId</c> or <c>status</c>) missing or of the wrong kind.
/// </summary>
/// <remarks>
/// <para>
/// This is deliberately not an <see cref="AmazonUnmarshallingException"/>: AWSSDK.Core's <c>RetryPolicy.IsTransientError</c>
/// treats an <see cref="AmazonUnmarshallingException"/> with status 200 as transient and retries it, so one malformed
/// answer would cost every retry against the rate limit and fail anyway. The official SDKs do not retry an answer
/// they could not read: botocore parses outside the <c>try</c> whose exceptions reach its retry checks
/// (<c>botocore/endpoint.py</c>, <c>Endpoint._do_get_response</c>: <c>parser.parse(...)</c> after the send), and the
/// AWS SDK for JavaScript v3 stamps a deserialization error with the response's status
/// (<c>@smithy/core</c> <c>schemaDeserializationMiddleware</c>), which its retry strategy classifies as a
/// non-retryable client error for a 2xx (<c>@smithy/core</c> <c>retryMiddleware</c>, <c>getRetryErrorType</c>).
/// </para>
/// <para>
/// A body cut short by the connection surfaces as an <see cref="IOException"/> while it is buffered, before parsing,
/// and stays retryable, as in the official SDKs.
/// </para>
/// </remarks>
public sealed class UnreadableResponseException(string message, Exception innerException, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, innerException, ErrorType.Unknown, Code, requestId, statusCode)
{
    /// <summary>The <see cref="AmazonServiceException.ErrorCode"/> of every unreadable answer (never a service error code).</summary>
    public const string Code = "UnreadableResponse";
}
