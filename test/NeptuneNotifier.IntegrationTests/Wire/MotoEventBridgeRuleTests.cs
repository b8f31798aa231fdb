using NeptuneNotifier.IntegrationTests.State;
using NeptuneNotifier.Tests.Core;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Wire;

/// <summary>
/// The rules of docs/events/sample-rule.yaml, with their event patterns read from the file, on a bus of moto's
/// EventBridge (a second, independent implementation of event pattern matching), each sending to an SQS queue: the
/// notifier's events of every status are put through our EventBridge client and channel, and only the status the rule names reaches its queue.
/// </summary>
/// <remarks>
/// moto's delivered event differs from AWS's envelope in a way these tests step around: it has no <c>account</c> field,
/// which AWS documents for every event (https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html),
/// so the envelope is compared field by field with the entry and only the detail is checked against the schema.
/// </remarks>
public sealed class MotoEventBridgeRuleTests(MotoFixture moto) : MotoTest(moto)
{
    [Theory]
    [InlineData("ExportSucceededRule", "SUCCEEDED")]
    [InlineData("ExportFailedRule", "FAILED")]
    public async Task SampleRule_EventsOfEveryStatus_OnlyItsStatusReachesTheTarget(string rule, string status)
    {
        var admin = await AdminAsync();
        var bus = Unique("analytics");
        await admin.CreateEventBusAsync(bus, Token);
        var queue = await admin.CreateQueueAsync(Unique("target"), fifo: false, Token);
        await admin.CreateRuleToQueueAsync(bus, rule, EventPattern(rule).ToJsonString(), queue, Token);
        List<PendingNotification> notifications = [.. NeptuneTaskStatus.ExportStatuses.Append(NeptuneTaskStatus.Gone)
            .Select(s => TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), s), NeptuneTaskStatus.Exporting, version: 3))];
        // An import with the very status: the rule is about exports.
        notifications.Add(TestData.Pending(TestData.Snapshot(TestData.NewTaskId(), new NeptuneTaskStatus(status)) with { Kind = TaskKind.Import }, NeptuneTaskStatus.Importing, version: 3));
        var client = Own(LocalClients.EventBridge(await EndpointAsync(), MotoQueryClient.Credentials, maxErrorRetry: 0));
        var channel = LocalCloud.EventBridgeChannel(client, bus);

        // Put as the function puts them: one PutEvents call per notification, through our client and channel.
        foreach (var notification in notifications)
        {
            (await channel.DeliverAsync(notification, Token)).ShouldNotBeNullOrEmpty();
        }

        var entries = notifications.Select(n => EventBridgeSampleEntry.For(n, bus)).ToList();
        var expected = entries.Single(e => e.DetailType.Contains("Export", StringComparison.Ordinal) && JsonNode.Parse(e.Detail)!["status"]!.GetValue<string>() == status);
        var received = (await admin.ReceiveAllAsync(queue, Token)).ShouldHaveSingleItem();
        var delivered = JsonNode.Parse(received.Body)!.AsObject();
        delivered["source"]!.GetValue<string>().ShouldBe(expected.Source);
        delivered["detail-type"]!.GetValue<string>().ShouldBe(expected.DetailType);
        delivered["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(expected.Resources);
        delivered["time"]!.GetValue<string>().ShouldBe(expected.Delivered("any")["time"]!.GetValue<string>(), "the entry's Time");
        JsonNode.DeepEquals(delivered["detail"], JsonNode.Parse(expected.Detail)).ShouldBeTrue(delivered.ToJsonString());
        TaskStateChangeSchema.Errors(delivered["detail"]!, "detail").ShouldBeEmpty();
    }

    /// <summary>The EventPattern of a rule of docs/events/sample-rule.yaml, as the JSON PutRule takes.</summary>
    internal static JsonNode EventPattern(string rule)
    {
        var path = Path.Combine(Repository.Root, "docs", "events", "sample-rule.yaml");
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        var properties = SamTemplate.Mapping(SamTemplate.Mapping(SamTemplate.Mapping(stream.Documents[0].RootNode, "Resources"), rule), "Properties");
        return Json(SamTemplate.Mapping(properties, "EventPattern"));
    }

    // Event patterns hold only mappings, lists and strings.
    private static JsonNode Json(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, (JsonNode?)Json(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlScalarNode { Tag.IsEmpty: true } scalar => JsonValue.Create(scalar.Value!),
        _ => throw new InvalidDataException($"sample-rule.yaml line {node.Start.Line}: an event pattern holds no {node.GetType().Name} with a tag"),
    };
}
