namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>Translates a Publish case in the official SDK's input shape into ours, and our results into its output shape.</summary>
internal static class SnsWireMapping
{
    /// <summary>The service name the official client, the capture server's verifier and our signing scope share.</summary>
    public const string Service = "sns";

    public const string PublishResponseXml = """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <PublishResult>
            <MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId>
          </PublishResult>
          <ResponseMetadata>
            <RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>
          </ResponseMetadata>
        </PublishResponse>
        """;

    public static SnsClient CreateClient(Uri endpoint, int maxErrorRetry = 0, TimeSpan? timeout = null) =>
        LocalClients.Sns(endpoint, NodeWire.SigningCredentials, maxErrorRetry, timeout);

    public static PublishRequest ToRequest(JsonObject input) => new()
    {
        TopicArn = Text(input, "TopicArn"),
        TargetArn = Text(input, "TargetArn"),
        PhoneNumber = Text(input, "PhoneNumber"),
        Subject = Text(input, "Subject"),
        Message = Text(input, "Message")!,
        MessageStructure = Text(input, "MessageStructure"),
        MessageGroupId = Text(input, "MessageGroupId"),
        MessageDeduplicationId = Text(input, "MessageDeduplicationId"),
        MessageAttributes = input["MessageAttributes"] is JsonObject attributes
            ? attributes.ToDictionary(
                a => a.Key,
                a => new MessageAttributeValue
                {
                    DataType = Text(a.Value!.AsObject(), "DataType")!,
                    StringValue = Text(a.Value!.AsObject(), "StringValue"),
                    BinaryValue = Text(a.Value!.AsObject(), "BinaryValue") is { } binary ? Convert.FromBase64String(binary) : null,
                })
            : null,
    };

    public static JsonObject Output(PublishResponse response) => new()
    {
        ["MessageId"] = response.MessageId,
        ["SequenceNumber"] = response.SequenceNumber,
    };

    private static string? Text(JsonObject input, string name) => input[name]?.GetValue<string>();
}
