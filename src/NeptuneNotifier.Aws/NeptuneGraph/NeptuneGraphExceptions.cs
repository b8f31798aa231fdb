namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// An error response from Neptune Analytics. <see cref="AmazonServiceException.ErrorCode"/>,
/// <see cref="AmazonServiceException.StatusCode"/> and <see cref="AmazonServiceException.RequestId"/> are always set
/// from the response; an error code this client has no type for surfaces as this base type with its code.
/// </summary>
public class NeptuneGraphException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    /// <summary>The <see cref="AmazonServiceException.ErrorCode"/> of an error response that names no code (e.g. an HTML page from a load balancer).</summary>
    public const string UnknownErrorCode = "Unknown";
}

/// <summary><c>ThrottlingException</c> (HTTP 429): retried by the SDK's retry policy as a throttling error.</summary>
public sealed class ThrottlingException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    public override RetryableDetails Retryable { get; } = new(throttling: true);
}

/// <summary><c>ValidationException</c> (HTTP 400), with the service's <see cref="Reason"/>.</summary>
public sealed class ValidationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    public ValidationExceptionReason? Reason { get; init; }
}

/// <summary><c>InternalServerException</c> (HTTP 500): retried as a transient error.</summary>
public sealed class InternalServerException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>ResourceNotFoundException</c> (HTTP 404): the task or graph does not exist.</summary>
public sealed class ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>ConflictException</c> (HTTP 409), with the service's <see cref="Reason"/>.</summary>
public sealed class ConflictException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    public ConflictExceptionReason? Reason { get; init; }
}

/// <summary><c>AccessDeniedException</c> (HTTP 403).</summary>
public sealed class AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>ServiceQuotaExceededException</c> (HTTP 402), naming the quota that was hit.</summary>
public sealed class ServiceQuotaExceededException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : NeptuneGraphException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    public string? ResourceId { get; init; }

    public string? ResourceType { get; init; }

    public string? ServiceCode { get; init; }

    public string? QuotaCode { get; init; }
}
