using Amazon.Runtime.Internal.Transform;

namespace NeptuneNotifier.Aws.Http;

/// <summary>
/// Reads the whole (small) response body once, so parsers work on bytes and error messages can quote the body.
/// The read is synchronous because AWSSDK.Core creates contexts synchronously; its own JSON context does the same.
/// </summary>
internal sealed class BufferedUnmarshallerContext : UnmarshallerContext
{
    public BufferedUnmarshallerContext(Stream responseStream, IWebResponseData responseData, bool isException)
    {
        WebResponseData = responseData;
        IsException = isException;
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
