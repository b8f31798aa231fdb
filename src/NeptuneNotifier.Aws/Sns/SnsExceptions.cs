namespace NeptuneNotifier.Aws.Sns;

/// <summary>
/// An error response from SNS. <see cref="AmazonServiceException.ErrorCode"/> is the Query-protocol code
/// (e.g. <c>NotFound</c>, <c>Throttled</c>); an unknown code surfaces as this base type with its code and status.
/// </summary>
public class SnsException(AwsServiceError error) : AwsServiceException(error);

/// <summary><c>NotFound</c>: the topic or endpoint does not exist.</summary>
public sealed class NotFoundException(AwsServiceError error) : SnsException(error);

/// <summary><c>InvalidParameter</c>.</summary>
public sealed class InvalidParameterException(AwsServiceError error) : SnsException(error);

/// <summary><c>ParameterValueInvalid</c> (the model's InvalidParameterValueException).</summary>
public sealed class InvalidParameterValueException(AwsServiceError error) : SnsException(error);

/// <summary><c>AuthorizationError</c>: the caller may not publish to this topic.</summary>
public sealed class AuthorizationErrorException(AwsServiceError error) : SnsException(error);

/// <summary><c>InternalError</c> (HTTP 500): retried as a transient error.</summary>
public sealed class InternalErrorException(AwsServiceError error) : SnsException(error);

/// <summary>
/// <c>Throttled</c> (HTTP 429, sometimes 400). Not in AWSSDK.Core's list of throttling codes, so it declares
/// itself retryable as throttling here, which makes the SDK's retry policy back off and retry it.
/// </summary>
public sealed class ThrottledException(AwsServiceError error) : SnsException(error)
{
    public override RetryableDetails Retryable { get; } = new(throttling: true);
}

/// <summary><c>EndpointDisabled</c>.</summary>
public sealed class EndpointDisabledException(AwsServiceError error) : SnsException(error);

/// <summary><c>PlatformApplicationDisabled</c>.</summary>
public sealed class PlatformApplicationDisabledException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSDisabled</c>.</summary>
public sealed class KmsDisabledException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSInvalidState</c>.</summary>
public sealed class KmsInvalidStateException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSNotFound</c>.</summary>
public sealed class KmsNotFoundException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSOptInRequired</c>.</summary>
public sealed class KmsOptInRequiredException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSThrottling</c>. Not retried: the SDKs treat it as a client error.</summary>
public sealed class KmsThrottlingException(AwsServiceError error) : SnsException(error);

/// <summary><c>KMSAccessDenied</c>.</summary>
public sealed class KmsAccessDeniedException(AwsServiceError error) : SnsException(error);

/// <summary><c>InvalidSecurity</c>: the request was not signed with SigV4 or HTTPS.</summary>
public sealed class InvalidSecurityException(AwsServiceError error) : SnsException(error);

/// <summary><c>ValidationException</c>.</summary>
public sealed class ValidationException(AwsServiceError error) : SnsException(error);
