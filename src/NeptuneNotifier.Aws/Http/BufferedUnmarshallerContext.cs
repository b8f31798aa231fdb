using Amazon;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Reads the whole (small) response body once, so parsers work on bytes and error messages can quote the body.
/// The read is synchronous because AWSSDK.Core creates contexts synchronously; its own JSON context does the same.
/// </summary>
/// <remarks>
/// As AWSSDK.Core's own contexts do, the body is read through the base class's caching stream when the SDK may ask for
/// it again: always for an error answer (the SDK quotes it when it logs an error or cannot unmarshal one), and for any
/// answer when response logging is on. Without that stream, <see cref="UnmarshallerContext.ResponseBody"/> throws
/// <see cref="NullReferenceException"/>, and with <c>LogResponse</c> on, every error answer would fail that way instead
/// of being retried or mapped to its exception.
/// </remarks>
internal sealed class BufferedUnmarshallerContext : UnmarshallerContext
{
    public BufferedUnmarshallerContext(Stream responseStream, bool maintainResponseBody, IWebResponseData responseData, bool isException)
    {
        WebResponseData = responseData;
        IsException = isException;
        MaintainResponseBody = maintainResponseBody;
        if (isException || maintainResponseBody)
        {
            WrappingStream = isException
                ? new CachingWrapperStream(responseStream)
                : new CachingWrapperStream(responseStream, AWSConfigs.LoggingConfig.LogResponsesSizeLimit);
            responseStream = WrappingStream;
        }

        using var buffer = new MemoryStream();
        responseStream.CopyTo(buffer);
        Body = buffer.ToArray();
        IsEmptyResponse = Body.Length == 0;
    }

    public byte[] Body { get; }

    public IWebResponseData Response => WebResponseData;

    public override string CurrentPath => string.Empty;

    public override int CurrentDepth => 0;

    public override bool IsStartElement => false;

    public override bool IsEndElement => false;

    public override bool IsStartOfDocument => true;
}
