using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace NeptuneNotifier.Aws.Sns;

/// <summary>The Query-protocol form for Publish: <c>Action=Publish&amp;Version=2010-03-31&amp;...</c>, RFC 3986 encoded.</summary>
internal sealed class PublishRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static PublishRequestMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var publish = (PublishRequest)((WireRequest)input).Input;
        var request = new DefaultRequest(input, "SimpleNotificationService")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = Encoding.UTF8.GetBytes(FormBody(publish)),
        };
        request.Headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8";
        return request;
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> FormFields(PublishRequest publish)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", "Publish"), new("Version", "2010-03-31") };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        Add("TopicArn", publish.TopicArn);
        Add("TargetArn", publish.TargetArn);
        Add("PhoneNumber", publish.PhoneNumber);
        Add("Message", publish.Message);
        Add("Subject", publish.Subject);
        Add("MessageStructure", publish.MessageStructure);
        if (publish.MessageAttributes is { } attributes)
        {
            var index = 1;
            foreach (var (name, value) in attributes)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"MessageAttributes.entry.{index++}.");
                Add(prefix + "Name", name);
                Add(prefix + "Value.DataType", value.DataType);
                Add(prefix + "Value.StringValue", value.StringValue);
                if (value.BinaryValue is { } binary)
                {
                    Add(prefix + "Value.BinaryValue", Convert.ToBase64String(binary));
                }
            }
        }

        Add("MessageDeduplicationId", publish.MessageDeduplicationId);
        Add("MessageGroupId", publish.MessageGroupId);
        return fields;
    }

    internal static string FormBody(PublishRequest publish)
        => string.Join('&', FormFields(publish).Select(static field => Uri.EscapeDataString(field.Key) + "=" + Uri.EscapeDataString(field.Value)));
}

/// <summary>Reads <c>PublishResponse/PublishResult</c> and the Query-protocol <c>ErrorResponse</c>.</summary>
internal sealed class PublishResponseUnmarshaller() : BufferedResponseUnmarshaller("SNS", "Publish")
{
    public static PublishResponseUnmarshaller Instance { get; } = new();

    protected override AmazonWebServiceResponse Parse(byte[] body, IWebResponseData response)
    {
        var root = Load(body).Root!;
        var result = Child(root, "PublishResult") ?? throw new FormatException("element 'PublishResult' is missing.");
        var messageId = Child(result, "MessageId")?.Value;
        return new WireResponse
        {
            Output = new PublishResponse
            {
                MessageId = string.IsNullOrEmpty(messageId) ? throw new FormatException("required element 'MessageId' is missing.") : messageId,
                SequenceNumber = NullIfEmpty(Child(result, "SequenceNumber")?.Value),
                RequestId = RequestIdOf(response) ?? NullIfEmpty(Child(Child(root, "ResponseMetadata"), "RequestId")?.Value),
            },
        };
    }

    protected override AmazonServiceException ParseError(byte[] body, IWebResponseData response, Exception innerException, HttpStatusCode statusCode, string? requestId)
    {
        XElement? error = null;
        XElement? root = null;
        try
        {
            root = Load(body).Root;
            error = Child(root, "Error");
        }
        catch (XmlException)
        {
            // Not XML (an HTML page from a proxy, an empty or truncated body): the status still tells the story.
        }

        var code = NullIfEmpty(Child(error, "Code")?.Value?.Trim());
        // The header wins, as in the official SDKs; the body's copy serves when a proxy dropped the header.
        requestId ??= NullIfEmpty(Child(root, "RequestId")?.Value);
        var errorType = Child(error, "Type")?.Value switch
        {
            "Receiver" => ErrorType.Receiver,
            "Sender" => ErrorType.Sender,
            _ => (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender,
        };
        if (code is null)
        {
            return new SnsException(UnknownError(body, root is not null, "XML", innerException, errorType, requestId, statusCode));
        }

        var named = NamedError(code, NullIfEmpty(Child(error, "Message")?.Value), innerException, errorType, requestId, statusCode);
        return code switch
        {
            "NotFound" => new NotFoundException(named),
            "InvalidParameter" => new InvalidParameterException(named),
            "ParameterValueInvalid" => new InvalidParameterValueException(named),
            "AuthorizationError" => new AuthorizationErrorException(named),
            "InternalError" => new InternalErrorException(named),
            "Throttled" => new ThrottledException(named),
            "EndpointDisabled" => new EndpointDisabledException(named),
            "PlatformApplicationDisabled" => new PlatformApplicationDisabledException(named),
            "KMSDisabled" => new KmsDisabledException(named),
            "KMSInvalidState" => new KmsInvalidStateException(named),
            "KMSNotFound" => new KmsNotFoundException(named),
            "KMSOptInRequired" => new KmsOptInRequiredException(named),
            "KMSThrottling" => new KmsThrottlingException(named),
            "KMSAccessDenied" => new KmsAccessDeniedException(named),
            "InvalidSecurity" => new InvalidSecurityException(named),
            "ValidationException" => new ValidationException(named),
            _ => new SnsException(named),
        };
    }

    private static XDocument Load(byte[] body)
    {
        using var stream = new MemoryStream(body, writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    // Matched by local name: SNS responses carry a default namespace that proxies and emulators sometimes drop.
    private static XElement? Child(XElement? parent, string localName)
        => parent?.Elements().FirstOrDefault(element => element.Name.LocalName == localName);
}
