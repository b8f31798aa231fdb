using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// The few SNS, SQS and EventBridge calls the moto tests set up topics, buses and rules and read queues with, as
/// SigV4-signed requests (the project has no SDK for these services): the Query protocol for SNS and SQS, AWS JSON 1.1
/// for EventBridge (MotoQueryClient.Events.cs). moto routes a request to a service by the credential scope of
/// its signature, so every request is signed for the service it means.
/// </summary>
internal sealed partial class MotoQueryClient(Uri endpoint) : IDisposable
{
    public const string AccessKeyId = "local";
    public const string SecretAccessKey = "local";

    /// <summary>What our own clients of moto sign with.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials(AccessKeyId, SecretAccessKey);

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => http.Dispose();

    /// <summary>CreateTopic; a FIFO topic without content-based deduplication, so every publish must name its deduplication id.</summary>
    public async Task<string> CreateTopicAsync(string name, bool fifo, CancellationToken cancellationToken)
    {
        List<(string, string)> form = [("Action", "CreateTopic"), ("Name", name)];
        if (fifo)
        {
            form.AddRange(Entries("Attributes.entry", [("FifoTopic", "true"), ("ContentBasedDeduplication", "false")]));
        }

        return Single(await SnsAsync(form, cancellationToken), "TopicArn");
    }

    /// <summary>A new topic (named <paramref name="name"/>, plus <c>.fifo</c> for FIFO) with a new queue of the same kind subscribed to it.</summary>
    public async Task<(string TopicArn, SqsQueue Queue)> CreateTopicWithQueueAsync(string name, bool fifo, bool rawDelivery, string? filterPolicy, CancellationToken cancellationToken)
    {
        var fullName = fifo ? name + ".fifo" : name;
        var topic = await CreateTopicAsync(fullName, fifo, cancellationToken);
        var queue = await CreateQueueAsync(fullName, fifo, cancellationToken);
        await SubscribeAsync(topic, queue, rawDelivery, filterPolicy, cancellationToken);
        return (topic, queue);
    }

    /// <summary>Subscribes an SQS queue; <paramref name="filterPolicy"/> applies to message attributes (the default scope).</summary>
    private async Task SubscribeAsync(string topicArn, SqsQueue queue, bool rawDelivery, string? filterPolicy, CancellationToken cancellationToken)
    {
        List<(string, string)> attributes = [("RawMessageDelivery", rawDelivery ? "true" : "false")];
        if (filterPolicy is not null)
        {
            attributes.Add(("FilterPolicy", filterPolicy));
        }

        await SnsAsync(
            [("Action", "Subscribe"), ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", queue.Arn), ("ReturnSubscriptionArn", "true"), .. Entries("Attributes.entry", attributes)],
            cancellationToken);
    }

    /// <summary>
    /// CreateQueue and its ARN. In AWS the queue would also need a policy letting the topic or the rule send to it; moto
    /// does not check one.
    /// </summary>
    public async Task<SqsQueue> CreateQueueAsync(string name, bool fifo, CancellationToken cancellationToken)
    {
        List<(string, string)> form = [("Action", "CreateQueue"), ("QueueName", name)];
        if (fifo)
        {
            form.AddRange([("Attribute.1.Name", "FifoQueue"), ("Attribute.1.Value", "true")]);
        }

        var url = Single(await SqsAsync(form, cancellationToken), "QueueUrl");
        var attributes = await SqsAsync([("Action", "GetQueueAttributes"), ("QueueUrl", url), ("AttributeName.1", "QueueArn")], cancellationToken);
        return new SqsQueue(url, Single(attributes, "Value"));
    }

    /// <summary>
    /// Every message in the queue, in the order received. moto delivers to SQS within the Publish call, so nothing is
    /// waited for; each message is hidden for 10 minutes once received, so a later receive cannot return it again.
    /// </summary>
    public async Task<IReadOnlyList<SqsMessage>> ReceiveAllAsync(SqsQueue queue, CancellationToken cancellationToken)
    {
        List<SqsMessage> received = [];
        while (true)
        {
            var response = await SqsAsync(
                [
                    ("Action", "ReceiveMessage"), ("QueueUrl", queue.Url), ("MaxNumberOfMessages", "10"), ("VisibilityTimeout", "600"),
                    ("WaitTimeSeconds", "0"), ("AttributeName.1", "All"), ("MessageAttributeName.1", "All"),
                ],
                cancellationToken);
            var messages = response.Descendants().Where(e => e.Name.LocalName == "Message").Select(SqsMessage.FromXml).ToList();
            if (messages.Count == 0)
            {
                return received;
            }

            received.AddRange(messages);
        }
    }

    private Task<XElement> SnsAsync(IReadOnlyList<(string Name, string Value)> form, CancellationToken cancellationToken) =>
        SendAsync("sns", [.. form, ("Version", "2010-03-31")], cancellationToken);

    private Task<XElement> SqsAsync(IReadOnlyList<(string Name, string Value)> form, CancellationToken cancellationToken) =>
        SendAsync("sqs", [.. form, ("Version", "2012-11-05")], cancellationToken);

    private async Task<XElement> SendAsync(string service, IReadOnlyList<(string Name, string Value)> form, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));
        return XElement.Parse(await PostAsync(service, form[0].Value, body, "application/x-www-form-urlencoded; charset=utf-8", target: null, cancellationToken));
    }

    /// <summary>A SigV4-signed POST to / for <paramref name="service"/>; the answer's body, or an exception naming the operation.</summary>
    private async Task<string> PostAsync(string service, string operation, byte[] body, string contentType, string? target, CancellationToken cancellationToken)
    {
        var amzDate = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = contentType,
            ["host"] = endpoint.Authority,
            ["x-amz-date"] = amzDate,
        };
        if (target is not null)
        {
            headers["x-amz-target"] = target;
        }

        string[] signedHeaders = [.. headers.Keys.Order(StringComparer.Ordinal)];
        var canonical = SigV4Verifier.CanonicalRequest(new SignedRequest("POST", "/", string.Empty, headers, SigV4Verifier.Hex(SHA256.HashData(body))), signedHeaders);
        var signature = SigV4Verifier.Sign(SecretAccessKey, amzDate, date, TestAccount.Region, service, canonical);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Amz-Date", amzDate);
        if (target is not null)
        {
            request.Headers.Add("X-Amz-Target", target);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/{date}/{TestAccount.Region}/{service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new InvalidOperationException($"moto {service} {operation} answered {(int)response.StatusCode}: {text}");
    }

    private static IEnumerable<(string, string)> Entries(string prefix, IReadOnlyList<(string Key, string Value)> entries) =>
        entries.SelectMany((entry, i) => new[] { ($"{prefix}.{i + 1}.key", entry.Key), ($"{prefix}.{i + 1}.value", entry.Value) });

    private static string Single(XElement response, string name) =>
        response.Descendants().Single(e => e.Name.LocalName == name).Value;
}

/// <summary>An SQS queue: its URL (for requests) and ARN (for subscriptions).</summary>
internal sealed record SqsQueue(string Url, string Arn);

/// <summary>One received SQS message: its body, its system attributes and its message attributes' string values.</summary>
internal sealed record SqsMessage(string Body, IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> MessageAttributes)
{
    public static SqsMessage FromXml(XElement message)
    {
        string Child(XElement element, string name) => element.Elements().Single(e => e.Name.LocalName == name).Value;
        IEnumerable<XElement> All(string name) => message.Elements().Where(e => e.Name.LocalName == name);

        return new(
            Child(message, "Body"),
            All("Attribute").ToDictionary(a => Child(a, "Name"), a => Child(a, "Value"), StringComparer.Ordinal),
            All("MessageAttribute").ToDictionary(
                a => Child(a, "Name"),
                a =>
                {
                    var value = a.Elements().Single(e => e.Name.LocalName == "Value");
                    return $"{Child(value, "DataType")}:{Child(value, "StringValue")}";
                },
                StringComparer.Ordinal));
    }
}
