using System.Text;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>EventBridge's calls, in AWS JSON 1.1 (<c>X-Amz-Target: AWSEvents.{operation}</c>, signing name <c>events</c>).</summary>
internal sealed partial class MotoQueryClient
{
    /// <summary>CreateEventBus; the bus's ARN.</summary>
    public async Task<string> CreateEventBusAsync(string name, CancellationToken cancellationToken) =>
        (await EventsAsync("CreateEventBus", new JsonObject { ["Name"] = name }, cancellationToken))["EventBusArn"]!.GetValue<string>();

    /// <summary>A rule on <paramref name="bus"/> with <paramref name="eventPattern"/> (JSON), sending what matches to <paramref name="queue"/>.</summary>
    public async Task CreateRuleToQueueAsync(string bus, string rule, string eventPattern, SqsQueue queue, CancellationToken cancellationToken)
    {
        await EventsAsync("PutRule", new JsonObject { ["Name"] = rule, ["EventBusName"] = bus, ["EventPattern"] = eventPattern, ["State"] = "ENABLED" }, cancellationToken);
        var answer = await EventsAsync(
            "PutTargets",
            new JsonObject { ["Rule"] = rule, ["EventBusName"] = bus, ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = queue.Arn }) },
            cancellationToken);
        answer["FailedEntryCount"]!.GetValue<int>().ShouldBe(0, answer.ToJsonString());
    }

    /// <summary>PutEvents with these entries (at most 10, as EventBridge takes); the answer: FailedEntryCount and an entry per event.</summary>
    public Task<JsonObject> PutEventsAsync(IEnumerable<JsonObject> entries, CancellationToken cancellationToken) =>
        EventsAsync("PutEvents", new JsonObject { ["Entries"] = new JsonArray([.. entries]) }, cancellationToken);

    private async Task<JsonObject> EventsAsync(string operation, JsonObject request, CancellationToken cancellationToken)
    {
        var text = await PostAsync("events", operation, Encoding.UTF8.GetBytes(request.ToJsonString()), "application/x-amz-json-1.1", $"AWSEvents.{operation}", cancellationToken);
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
