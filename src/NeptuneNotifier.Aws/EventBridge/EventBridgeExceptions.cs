namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// An error answer from EventBridge's own JSON error document (<c>__type</c>, <c>code</c> or the
/// <c>x-amzn-ErrorType</c> header). <see cref="AmazonServiceException.ErrorCode"/>, the status and the request id are
/// always set; a code this client has no type for surfaces as this base type with its code. An answer that names no
/// code (a proxy's page) carries <see cref="AwsServiceException.UnknownErrorCode"/>.
/// </summary>
/// <remarks>
/// AWSSDK.Core's retry policy treats any error answered with HTTP 429 as throttling, whatever its code, as the AWS SDK
/// for JavaScript v3 does (<c>isThrottlingError</c> in <c>@smithy/core</c>'s retry module); both also know
/// <c>ThrottlingException</c> by its code, and retry 500, 502, 503 and 504.
/// </remarks>
public class EventBridgeException(AwsServiceError error) : AwsServiceException(error);

/// <summary><c>InternalException</c> (HTTP 500), the one error the model lists for PutEvents: a server fault, retried.</summary>
public sealed class InternalException(AwsServiceError error) : EventBridgeException(error)
{
    public override RetryableDetails? Retryable { get; } = new(throttling: false);
}

/// <summary><c>ThrottlingException</c> (HTTP 400 or 429): retried by the SDK's retry policy as throttling.</summary>
public sealed class ThrottlingException(AwsServiceError error) : EventBridgeException(error)
{
    public override RetryableDetails? Retryable { get; } = new(throttling: true);
}

/// <summary><c>AccessDeniedException</c>: the caller may not put events on this bus.</summary>
public sealed class AccessDeniedException(AwsServiceError error) : EventBridgeException(error);

/// <summary><c>ValidationException</c>: the request broke a constraint of the API.</summary>
public sealed class ValidationException(AwsServiceError error) : EventBridgeException(error);

/// <summary><c>ResourceNotFoundException</c>: the event bus does not exist.</summary>
public sealed class ResourceNotFoundException(AwsServiceError error) : EventBridgeException(error);
