namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// An error response from SNS. <see cref="AmazonServiceException.ErrorCode"/> is the Query-protocol code
/// (e.g. <c>NotFound</c>, <c>Throttled</c>); an unknown code surfaces as this base type with its code and status.
/// </summary>
public class SnsException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    /// <summary>The <see cref="AmazonServiceException.ErrorCode"/> of an error response that names no code (e.g. an HTML page from a proxy).</summary>
    public const string UnknownErrorCode = "Unknown";
}

/// <summary><c>NotFound</c>: the topic or endpoint does not exist.</summary>
public sealed class NotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>InvalidParameter</c>.</summary>
public sealed class InvalidParameterException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>ParameterValueInvalid</c> (the model's InvalidParameterValueException).</summary>
public sealed class InvalidParameterValueException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>AuthorizationError</c>: the caller may not publish to this topic.</summary>
public sealed class AuthorizationErrorException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>InternalError</c> (HTTP 500): retried as a transient error.</summary>
public sealed class InternalErrorException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary>
/// <c>Throttled</c> (HTTP 429, sometimes 400). Not in AWSSDK.Core's list of throttling codes, so it declares
/// itself retryable as throttling here, which makes the SDK's retry policy back off and retry it.
/// </summary>
public sealed class ThrottledException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode)
{
    public override RetryableDetails Retryable { get; } = new(throttling: true);
}

/// <summary><c>EndpointDisabled</c>.</summary>
public sealed class EndpointDisabledException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>PlatformApplicationDisabled</c>.</summary>
public sealed class PlatformApplicationDisabledException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSDisabled</c>.</summary>
public sealed class KmsDisabledException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSInvalidState</c>.</summary>
public sealed class KmsInvalidStateException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSNotFound</c>.</summary>
public sealed class KmsNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSOptInRequired</c>.</summary>
public sealed class KmsOptInRequiredException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSThrottling</c>. Not retried: the SDKs treat it as a client error.</summary>
public sealed class KmsThrottlingException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>KMSAccessDenied</c>.</summary>
public sealed class KmsAccessDeniedException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>InvalidSecurity</c>: the request was not signed with SigV4 or HTTPS.</summary>
public sealed class InvalidSecurityException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);

/// <summary><c>ValidationException</c>.</summary>
public sealed class ValidationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
    : SnsException(message, innerException, errorType, errorCode, requestId, statusCode);
