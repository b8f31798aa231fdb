using System.Buffers;
using System.Text.Encodings.Web;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace NeptuneNotifier.Aws.EventBridge;

/// <summary>
/// PutEvents in the AWS JSON 1.1 protocol: <c>POST /</c> with <c>X-Amz-Target: AWSEvents.PutEvents</c> and a JSON body
/// holding the model's members by their names; <c>Time</c> as epoch seconds, the protocol's default timestamp format.
/// </summary>
internal sealed class PutEventsRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public const string Target = "AWSEvents.PutEvents";
    public const string ContentType = "application/x-amz-json-1.1";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Non-ASCII stays as UTF-8, as the official SDKs send it; quotes, backslashes and control characters are escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static PutEventsRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var put = (PutEventsRequest)((WireRequest)input).Input;
        var request = new DefaultRequest(input, "EventBridge")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = Body(put),
        };
        request.Headers["Content-Type"] = ContentType;
        request.Headers["X-Amz-Target"] = Target;
        return request;
    }

    internal static byte[] Body(PutEventsRequest put)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("Entries");
            foreach (var entry in put.Entries)
            {
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, PutEventsRequestEntry entry)
    {
        writer.WriteStartObject();
        if (entry.Time is { } time)
        {
            // Milliseconds, as the official SDKs send a time: the JavaScript SDK's Date carries no finer precision.
            writer.WriteNumber("Time", time.ToUnixTimeMilliseconds() / 1000m);
        }

        writer.WriteString("Source", entry.Source);
        if (entry.Resources is { } resources)
        {
            writer.WriteStartArray("Resources");
            foreach (var resource in resources)
            {
                writer.WriteStringValue(resource);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("DetailType", entry.DetailType);
        writer.WriteString("Detail", entry.Detail);
        WriteIfSet(writer, "EventBusName", entry.EventBusName);
        WriteIfSet(writer, "TraceHeader", entry.TraceHeader);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>
/// Reads the PutEvents answer leniently (every member optional, an odd entry kept at its position as empty), and the
/// JSON 1.1 error document.
/// </summary>
internal sealed class PutEventsResponseUnmarshaller() : BufferedResponseUnmarshaller("EventBridge", "PutEvents")
{
    public static PutEventsResponseUnmarshaller Instance { get; } = new();

    protected override AmazonWebServiceResponse Parse(byte[] body, IWebResponseData response)
    {
        List<string> anomalies = [];
        var root = new LenientObject(JsonRead.RootObject(body), string.Empty, anomalies);
        var output = new PutEventsResponse
        {
            FailedEntryCount = root.Int32("FailedEntryCount"),
            Entries = root.PositionalEntries(
                "Entries",
                static entry => new PutEventsResultEntry
                {
                    EventId = entry.String("EventId"),
                    ErrorCode = entry.String("ErrorCode"),
                    ErrorMessage = entry.String("ErrorMessage"),
                },
                new PutEventsResultEntry()),
            RequestId = RequestIdOf(response),
            Anomalies = anomalies,
        };
        return new WireResponse { Output = output };
    }

    /// <summary>
    /// The code comes from the body's <c>__type</c>, else its <c>code</c> (any case; see
    /// <see cref="AwsErrorCode.TryFromMember"/>), else the <c>x-amzn-ErrorType</c> header: the order of the AWS SDK for
    /// JavaScript v3 for the JSON RPC protocols (<c>loadJsonRpcErrorCode</c> in <c>@smithy/core</c>). The Smithy AWS JSON 1.1 specification names the three places without an order
    /// (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html); EventBridge fills them alike.
    /// </summary>
    protected override AmazonServiceException ParseError(byte[] body, IWebResponseData response, Exception innerException, HttpStatusCode statusCode, string? requestId)
    {
        var document = JsonRead.ErrorDocument(body);
        if (!AwsErrorCode.TryFromMember(document, "__type", ignoreCase: false, out var code)
            && !AwsErrorCode.TryFromMember(document, "code", ignoreCase: true, out code))
        {
            code = AwsErrorCode.Sanitize(response.GetHeaderValue("x-amzn-ErrorType"));
        }

        var errorType = (int)statusCode >= 500 || code == "InternalException" ? ErrorType.Receiver : ErrorType.Sender;
        if (code is null)
        {
            return new EventBridgeException(UnknownError(body, document is not null, "a JSON object", innerException, errorType, requestId, statusCode));
        }

        var serviceMessage = Text(document, "message") ?? Text(document, "Message");
        var error = NamedError(code, serviceMessage, innerException, errorType, requestId, statusCode);
        return code switch
        {
            "InternalException" => new InternalException(error),
            "ThrottlingException" => new ThrottlingException(error),
            "AccessDeniedException" => new AccessDeniedException(error),
            "ValidationException" => new ValidationException(error),
            "ResourceNotFoundException" => new ResourceNotFoundException(error),
            _ => new EventBridgeException(error),
        };
    }

    private static string? Text(JsonElement? document, string name)
        => document is { } obj && obj.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => JsonText.Read(value),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
