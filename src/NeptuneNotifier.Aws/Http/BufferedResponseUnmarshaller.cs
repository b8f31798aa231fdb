using System.Text;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Base for our unmarshallers: buffers the body, and turns anything a parser throws (bad JSON or XML, a missing
/// needed member, a truncated body) into one <see cref="UnreadableResponseException"/> that names the service, the
/// operation and the status, and that the SDK's retry policy does not retry.
/// </summary>
internal abstract class BufferedResponseUnmarshaller(string serviceName, string operation) : ResponseUnmarshaller
{
    protected string ServiceName { get; } = serviceName;

    protected string Operation { get; } = operation;

    public override UnmarshallerContext CreateContext(IWebResponseData response, bool readEntireResponse, Stream stream, RequestMetrics metrics, bool isException, IRequestContext requestContext)
        => new BufferedUnmarshallerContext(stream, ShouldReadEntireResponse(response, readEntireResponse), response, isException);

    protected override UnmarshallerContext ConstructUnmarshallerContext(Stream responseStream, bool maintainResponseBody, IWebResponseData response, bool isException)
        => new BufferedUnmarshallerContext(responseStream, maintainResponseBody, response, isException);

    protected override UnmarshallerContext ConstructUnmarshallerContext(Stream responseStream, bool maintainResponseBody, IWebResponseData response, bool isException, IRequestContext requestContext)
        => new BufferedUnmarshallerContext(responseStream, maintainResponseBody, response, isException);

    public override AmazonWebServiceResponse Unmarshall(UnmarshallerContext input)
    {
        var context = (BufferedUnmarshallerContext)input;
        var requestId = RequestIdOf(context.Response);
        AmazonWebServiceResponse response;
        try
        {
            response = Parse(context.Body, context.Response);
        }
        catch (Exception exception) when (exception is not AmazonServiceException)
        {
            throw new UnreadableResponseException(Describe(context.Response.StatusCode, context.Body, exception.Message), exception, requestId, context.Response.StatusCode);
        }

        response.ResponseMetadata ??= new ResponseMetadata();
        response.ResponseMetadata.RequestId ??= requestId;
        return response;
    }

    public override AmazonServiceException UnmarshallException(UnmarshallerContext input, Exception innerException, HttpStatusCode statusCode)
    {
        var context = (BufferedUnmarshallerContext)input;
        return ParseError(context.Body, context.Response, innerException, statusCode, RequestIdOf(context.Response));
    }

    protected abstract AmazonWebServiceResponse Parse(byte[] body, IWebResponseData response);

    protected abstract AmazonServiceException ParseError(byte[] body, IWebResponseData response, Exception innerException, HttpStatusCode statusCode, string? requestId);

    protected virtual string? RequestIdOf(IWebResponseData response)
        => NullIfEmpty(response.GetHeaderValue("x-amzn-RequestId")) ?? NullIfEmpty(response.GetHeaderValue("x-amz-request-id"));

    /// <summary>A message naming the operation and status, with the start of the body for diagnosis.</summary>
    protected string Describe(HttpStatusCode statusCode, byte[] body, string problem)
    {
        const int maxQuoted = 200;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, maxQuoted * 4));
        if (text.Length > maxQuoted)
        {
            text = string.Concat(text.AsSpan(0, maxQuoted), "...");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{ServiceName} {Operation} returned HTTP {(int)statusCode} ({statusCode}) with a response that could not be read: {problem} Body: \"{text}\"");
    }

    /// <summary>
    /// The error of an answer that names no error code: <see cref="AwsServiceException.UnknownErrorCode"/>, and a message
    /// that says what was wrong with it: a body that could not be read as <paramref name="format"/> (<paramref name="read"/>
    /// false), or one that was read but names no code.
    /// </summary>
    protected AwsServiceError UnknownError(byte[] body, bool read, string format, Exception innerException, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
    {
        var problem = read ? "the error body names no error code." : $"the error body is not {format}.";
        return new(Describe(statusCode, body, problem), innerException, errorType, AwsServiceException.UnknownErrorCode, requestId, statusCode);
    }

    /// <summary>The error an answer names by <paramref name="code"/>, with the service's message or, without one, a message naming the operation.</summary>
    protected AwsServiceError NamedError(string code, string? serviceMessage, Exception innerException, ErrorType errorType, string? requestId, HttpStatusCode statusCode)
        => new(
            serviceMessage ?? string.Create(CultureInfo.InvariantCulture, $"{ServiceName} {Operation} failed with {code} (HTTP {(int)statusCode})."),
            innerException,
            errorType,
            code,
            requestId,
            statusCode);

    protected static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
