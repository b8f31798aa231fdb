namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>The same Publish input through our client and through the official <c>@aws-sdk/client-sns</c>.</summary>
public sealed class SnsWireTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:task-status";

    public static TheoryData<string, string> Cases => new()
    {
        { "plain message", $$"""{"TopicArn":"{{Topic}}","Message":"Export t-abcdefghij SUCCEEDED"}""" },
        { "non-ASCII text", $$"""{"TopicArn":"{{Topic}}","Subject":"Export réussie ✓","Message":"Grüße aus Zürich — 日本語 — emoji 🚀 — RTL שלום"}""" },
        { "form-reserved characters", $$"""{"TopicArn":"{{Topic}}","Subject":"a&b=c+d","Message":"x=1&y=2+3%20 %41 ?#;/:@$,!*'()~"}""" },
        { "newlines and tabs", $$"""{"TopicArn":"{{Topic}}","Message":"line one\nline two\r\nline three\ttabbed\n\n"}""" },
        {
            "JSON message structure", $$"""
            {"TopicArn":"{{Topic}}","MessageStructure":"json","Subject":"Export t-abcdefghij: SUCCEEDED",
             "Message":"{\"default\":\"t-abcdefghij SUCCEEDED\",\"email\":\"Task t-abcdefghij\\nnow SUCCEEDED\",\"https\":\"{\\\"version\\\":\\\"1.0\\\",\\\"source\\\":\\\"custom\\\"}\",\"sqs\":\"{\\\"status\\\":\\\"SUCCEEDED\\\"}\"}"}
            """
        },
        {
            "every attribute type", $$$"""
            {"TopicArn":"{{{Topic}}}","Message":"attributes",
             "MessageAttributes":{
               "status":{"DataType":"String","StringValue":"SUCCEEDED"},
               "graphs":{"DataType":"String.Array","StringValue":"[\"g-0123456789\", \"g-abcdefghij\"]"},
               "progress":{"DataType":"Number","StringValue":"99.5"},
               "payload":{"DataType":"Binary","BinaryValue":"AAECA/z9/v8="},
               "terminal":{"DataType":"String.bool","StringValue":"true"},
               "note with spaces & symbols":{"DataType":"String","StringValue":"ü=ö&ä+ß"} } }
            """
        },
        {
            "FIFO fields", """
            {"TopicArn":"arn:aws:sns:us-east-1:123456789012:task-status.fifo","Message":"fifo","MessageGroupId":"g-0123456789",
             "MessageDeduplicationId":"t-abcdefghij#EXPORTING->SUCCEEDED"}
            """
        },
        { "target ARN", """{"TargetArn":"arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/11111111-2222-3333-4444-555555555555","Message":"push"}""" },
        { "phone number", """{"PhoneNumber":"+15555550100","Message":"SMS: export done"}""" },
        { "large message", $$"""{"TopicArn":"{{Topic}}","Message":"{{new string('x', 4000)}}{{string.Concat(Enumerable.Repeat("ü&=+ ", 1000))}}"}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Publish_SameInputAsOfficialSdk_ReadsTheSameAndIsSigned(string name, string inputJson)
    {
        // Arrange
        var cancellationToken = TestContext.Current.CancellationToken;
        var input = JsonNode.Parse(inputJson)!.AsObject();
        await using var server = new CaptureServer(_ => CannedResponse.Xml(200, SnsWireMapping.PublishResponseXml));
        using var client = SnsWireMapping.CreateClient(server.Endpoint);
        PublishResponse? ours = null;

        // Act: the same requests, both signed.
        var reference = await NodeWire.CompareWithOfficialAsync(SnsWireMapping.Service, server, name, async () => ours = await client.PublishAsync(SnsWireMapping.ToRequest(input), cancellationToken), "Publish", input, cancellationToken);

        // Assert
        ours.ShouldNotBeNull().MessageId.ShouldBe(reference["output"]!["MessageId"]!.GetValue<string>());
    }
}
