namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// What every error answer of our service clients carries, read from the answer: the message, the fault side, the
/// error code, the request id and the HTTP status. One record, so each per-code exception is a one-line subclass.
/// </summary>
public sealed record AwsServiceError(string Message, Exception? InnerException, ErrorType ErrorType, string ErrorCode, string? RequestId, HttpStatusCode StatusCode);

/// <summary>
/// The base of our service clients' error types: an <see cref="AmazonServiceException"/> built from an
/// <see cref="AwsServiceError"/>. <see cref="AmazonServiceException.ErrorCode"/>, the status and the request id are
/// always set from the answer.
/// </summary>
public abstract class AwsServiceException(AwsServiceError error)
    : AmazonServiceException(error.Message, error.InnerException, error.ErrorType, error.ErrorCode, error.RequestId, error.StatusCode)
{
    /// <summary>The <see cref="AmazonServiceException.ErrorCode"/> of an error answer that names no code (e.g. an HTML page from a proxy or load balancer).</summary>
    public const string UnknownErrorCode = "Unknown";
}
