using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.Aws.Adapters;

/// <summary>
/// Wraps one rendered transition in one SNS Publish request that serves every kind of subscriber:
/// <c>MessageStructure=json</c> with <c>default</c> and <c>email</c> (the email text), <c>https</c> (the chat payload
/// for Amazon Q Developer in chat applications) and <c>sqs</c>/<c>lambda</c> (the machine event); message attributes;
/// a message group and deduplication id on a FIFO topic. Pure: the same <see cref="PendingNotification"/> always gives
/// the same request, which is what makes a republish identical (and deduplicated on a FIFO topic).
/// </summary>
/// <remarks>
/// Message attributes and JSON message structure: the SNS documentation (Amazon SNS message attributes,
/// https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html) says message attributes "are sent only when
/// the message structure is String, not JSON". So with MessageStructure=json no subscription type (SQS, Lambda,
/// HTTP/S, email, Firehose) receives our attributes in what it is delivered. Whether subscription filter policies
/// (FilterPolicyScope=MessageAttributes) still match the attributes of a JSON-structured publish is not documented,
/// so nothing relies on it: we set them for whoever verifies it in their account, and the README's filtering path
/// reads the same fields from the <c>sqs</c>/<c>lambda</c> JSON event.
/// <para>
/// Message size: <see cref="MaxPublishBytes"/> is SNS's default. A topic's <c>MaximumMessageSize</c> attribute (1,024
/// to 1,048,576 bytes, default 262,144) is the limit SNS checks "the combined size of the message body and message
/// attributes" against, answering <c>InvalidParameter</c> above it (the official JavaScript SDK, @aws-sdk/client-sns
/// 3.1169.0, dist-types/models/models_0.d.ts: PublishInput.Message and CreateTopicInput.Attributes; SNS developer guide,
/// https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html). We do not read the attribute: on a topic
/// set below the default, a notification with a long status reason may be refused; the README says to leave it at the
/// default or above. A topic set above the default still gets messages of at most 256 KiB.
/// </para>
/// </remarks>
public sealed class SnsPublishEnvelope
{
    /// <summary>The SNS limit for one published message, body and attributes together, in bytes.</summary>
    public const int MaxPublishBytes = 262_144;

    /// <summary>The <c>MessageStructure</c> value: one message per protocol, in a JSON object.</summary>
    public const string MessageStructure = "json";

    // Room left for what SNS counts beyond our bytes; the status reason is cut until the message fits under it.
    private const int Headroom = 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keeps non-ASCII readable and small; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private readonly NotificationRenderer renderer;

    /// <summary>Creates the envelope for one topic.</summary>
    /// <param name="topicArn">The topic published to.</param>
    /// <param name="renderer">Renders the transitions.</param>
    /// <param name="fifo">
    /// Whether to send a message group and deduplication id; by default, when the topic's name ends in <c>.fifo</c>,
    /// which SNS requires of a FIFO topic's name (https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html).
    /// </param>
    public SnsPublishEnvelope(string topicArn, NotificationRenderer renderer, bool? fifo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        TopicArn = topicArn;
        this.renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        Fifo = fifo ?? topicArn.EndsWith(".fifo", StringComparison.Ordinal);
    }

    /// <summary>The topic published to.</summary>
    public string TopicArn { get; }

    /// <summary>True when requests carry a message group (the task) and a deduplication id (the rendered deduplication key).</summary>
    public bool Fifo { get; }

    /// <summary>The request for <paramref name="notification"/>, its status reason cut as needed to stay under <see cref="MaxPublishBytes"/>.</summary>
    public PublishRequest Build(PendingNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return ReasonCutToFit.Build(renderer, notification, Build, static request => Size(request) <= MaxPublishBytes - Headroom);
    }

    /// <summary>The bytes SNS counts for a request: the message, the subject and every attribute's name, type and value.</summary>
    public static int Size(PublishRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = Encoding.UTF8.GetByteCount(request.Message) + Encoding.UTF8.GetByteCount(request.Subject ?? string.Empty);
        foreach (var (name, value) in request.MessageAttributes ?? new Dictionary<string, MessageAttributeValue>())
        {
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value.DataType) + Encoding.UTF8.GetByteCount(value.StringValue ?? string.Empty);
        }

        return size;
    }

    private PublishRequest Build(RenderedNotification rendered)
    {
        var identity = rendered.Identity;
        Dictionary<string, MessageAttributeValue> attributes = new(StringComparer.Ordinal)
        {
            ["status"] = MessageAttributeValue.String(identity.Status.Value),
            ["taskId"] = MessageAttributeValue.String(identity.TaskId),
            ["terminal"] = MessageAttributeValue.String(identity.Terminal ? "true" : "false"),
            ["kind"] = MessageAttributeValue.String(TaskAlert.Name(identity.NotificationKind)),
        };
        if (identity.GraphId is { } graphId)
        {
            attributes["graphId"] = MessageAttributeValue.String(graphId);
        }

        return new PublishRequest
        {
            TopicArn = TopicArn,
            Subject = rendered.Subject,
            Message = Structure(rendered),
            MessageStructure = MessageStructure,
            MessageAttributes = attributes,
            MessageGroupId = Fifo ? identity.TaskId : null,
            MessageDeduplicationId = Fifo ? rendered.DeduplicationKey : null,
        };
    }

    private static string Structure(RenderedNotification rendered)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("default", rendered.EmailText);
            writer.WriteString("email", rendered.EmailText);
            // SMS would otherwise get the default, the whole email text: several billed segments each, and none at all
            // above the 1,600 characters one SMS publish may carry (Publish, Message). The subject says it in one line.
            writer.WriteString("sms", rendered.Subject);
            writer.WriteString("https", rendered.ChatPayload);
            writer.WriteString("sqs", rendered.MachineEvent);
            writer.WriteString("lambda", rendered.MachineEvent);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
