namespace NeptuneNotifier.Aws.NeptuneGraph;

/// <summary>
/// An error response from Neptune Analytics. <see cref="AmazonServiceException.ErrorCode"/>,
/// <see cref="AmazonServiceException.StatusCode"/> and <see cref="AmazonServiceException.RequestId"/> are always set
/// from the response; an error code this client has no type for surfaces as this base type with its code.
/// </summary>
public class NeptuneGraphException(AwsServiceError error) : AwsServiceException(error);

/// <summary><c>ThrottlingException</c> (HTTP 429): retried by the SDK's retry policy as a throttling error.</summary>
public sealed class ThrottlingException(AwsServiceError error) : NeptuneGraphException(error)
{
    public override RetryableDetails Retryable { get; } = new(throttling: true);
}

/// <summary><c>ValidationException</c> (HTTP 400), with the service's <see cref="Reason"/>.</summary>
public sealed class ValidationException(AwsServiceError error) : NeptuneGraphException(error)
{
    public ValidationExceptionReason? Reason { get; init; }
}

/// <summary><c>InternalServerException</c> (HTTP 500): retried as a transient error.</summary>
public sealed class InternalServerException(AwsServiceError error) : NeptuneGraphException(error);

/// <summary><c>ResourceNotFoundException</c> (HTTP 404): the task or graph does not exist.</summary>
public sealed class ResourceNotFoundException(AwsServiceError error) : NeptuneGraphException(error);

/// <summary><c>ConflictException</c> (HTTP 409), with the service's <see cref="Reason"/>.</summary>
public sealed class ConflictException(AwsServiceError error) : NeptuneGraphException(error)
{
    public ConflictExceptionReason? Reason { get; init; }
}

/// <summary><c>AccessDeniedException</c> (HTTP 403).</summary>
public sealed class AccessDeniedException(AwsServiceError error) : NeptuneGraphException(error);

/// <summary><c>ServiceQuotaExceededException</c> (HTTP 402), naming the quota that was hit.</summary>
public sealed class ServiceQuotaExceededException(AwsServiceError error) : NeptuneGraphException(error)
{
    public string? ResourceId { get; init; }

    public string? ResourceType { get; init; }

    public string? ServiceCode { get; init; }

    public string? QuotaCode { get; init; }
}
