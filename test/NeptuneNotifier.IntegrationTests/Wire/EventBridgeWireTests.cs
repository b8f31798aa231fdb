using NeptuneNotifier.Aws.EventBridge;
using NeptuneNotifier.Core.Notifications;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The request conformance table for PutEvents: the same input through our client and through the official
/// <c>@aws-sdk/client-eventbridge</c>, to one capture server. Both requests must read the same to EventBridge (method,
/// path, content type, <c>X-Amz-Target</c>, the JSON body member by member) and both must carry valid SigV4 signatures
/// for the signing name <c>events</c>.
/// </summary>
public sealed class EventBridgeWireTests
{
    private const string BusArn = "arn:aws:events:us-east-1:123456789012:event-bus/neptune-notifier";

    public static TheoryData<string, string> Cases => new()
    {
        { "minimal entry", """{"Entries":[{"Source":"neptune-notifier","DetailType":"Neptune Analytics Export Task State Change","Detail":"{\"status\":\"SUCCEEDED\"}"}]}""" },
        {
            "every member", $$"""
            {"Entries":[{"Time":1772366400.123,"Source":"neptune-notifier","Resources":["arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-abcdefghij","arn:aws:neptune-graph:us-east-1:123456789012:graph/g-0123456789"],
              "DetailType":"Neptune Analytics Export Task State Change","Detail":"{\"taskId\":\"t-abcdefghij\",\"status\":\"FAILED\"}","EventBusName":"{{BusArn}}",
              "TraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}]}
            """
        },
        { "whole-second time", """{"Entries":[{"Time":1700000000,"Source":"s","DetailType":"d","Detail":"{}"}]}""" },
        { "time before 1970", """{"Entries":[{"Time":-86400.25,"Source":"s","DetailType":"d","Detail":"{}"}]}""" },
        { "default bus by name", """{"Entries":[{"Source":"s","DetailType":"d","Detail":"{}","EventBusName":"default"}]}""" },
        { "empty resources", """{"Entries":[{"Source":"s","DetailType":"d","Detail":"{}","Resources":[]}]}""" },
        {
            "non-ASCII and escapes in detail", """
            {"Entries":[{"Source":"neptune-notifier","DetailType":"Zustandsänderung ✓ 日本語",
              "Detail":"{\"reason\":\"Grüße — 🚀 \\\"quoted\\\" back\\\\slash \\u0001 <&> \\u2028\",\"nested\":{\"list\":[1,2.5,-3e2,true,null]}}"}]}
            """
        },
        {
            "ten entries", $$"""
            {"Entries":[{{string.Join(',', Enumerable.Range(0, 10).Select(i => $$"""{"Source":"source-{{i}}","DetailType":"type {{i}}","Detail":"{\"n\":{{i}}}"}"""))}}]}
            """
        },
        { "large detail", $$"""{"Entries":[{"Source":"s","DetailType":"d","Detail":"{\"blob\":\"{{new string('x', 200_000)}}\"}"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PutEvents_SameInputAsOfficialSdk_ReadsTheSameAndIsSigned(string name, string inputJson)
    {
        // Arrange
        var input = JsonNode.Parse(inputJson)!.AsObject();

        // Act / Assert
        await CompareAsync(name, input);
    }

    [Fact]
    public async Task PutEvents_TheChannelsEntry_ReadsTheSameAsTheOfficialSdksAndIsSigned()
    {
        // Arrange: the entry the channel builds for a failed export with a reason full of characters JSON must escape.
        var envelope = new EventBridgeEventEnvelope(BusArn, TestAccount.Region, TestAccount.Id, new NotificationRenderer(new NotificationOptions(TestAccount.Region)));
        var snapshot = TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Access denied: \"s3://b/ü\"\n\t— 🚀" };
        var entry = envelope.Build(TestData.Pending(snapshot, NeptuneTaskStatus.Exporting, version: 5));
        var input = new JsonObject { ["Entries"] = new JsonArray(EventBridgeWireMapping.ToInput(entry)) };

        // Act / Assert
        await CompareAsync("the channel's entry", input);
    }

    private static async Task CompareAsync(string name, JsonObject input)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var entries = input["Entries"]!.AsArray().Count;
        var answer = $$"""{"FailedEntryCount":0,"Entries":[{{string.Join(',', Enumerable.Range(0, entries).Select(i => $$"""{"EventId":"event-{{i}}"}"""))}}]}""";
        await using var server = new CaptureServer(_ => EventBridgeWireMapping.Answer(200, answer));
        using var client = EventBridgeWireMapping.CreateClient(server.Endpoint);
        PutEventsResponse? ours = null;

        var reference = await NodeWire.CompareWithOfficialAsync(
            EventBridgeWireMapping.Service, server, name, async () => ours = await client.PutEventsAsync(EventBridgeWireMapping.ToRequest(input), cancellationToken), "PutEvents", input, cancellationToken);

        ours.ShouldNotBeNull().Entries.Select(entry => entry.EventId).ShouldBe(reference["output"]!["Entries"]!.AsArray().Select(entry => entry!["EventId"]!.GetValue<string>()));
    }
}
