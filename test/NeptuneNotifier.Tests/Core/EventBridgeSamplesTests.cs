using System.Text.Encodings.Web;
using System.Text.Json.Nodes;

namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// docs/events: the PutEvents entry for the sample transition of docs/samples and the event a rule's target receives
/// for it, written from <see cref="EventBridgeSampleEntry"/> and checked on every run (NEPTUNE_NOTIFIER_UPDATE_SAMPLES=1
/// writes them again), and the event's JSON Schema checked against them and against every kind of transition.
/// </summary>
public sealed class EventBridgeSamplesTests
{
    public const string SampleBus = "analytics-events";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Folder => Path.Combine(Repository.Root, "docs", "events");

    public static TheoryData<string, PendingNotification> Transitions => new()
    {
        { "an export in progress", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing, version: 2) },
        { "the first sighting", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Initializing)) },
        { "an import", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.RollingBack) with { Kind = TaskKind.Import }, NeptuneTaskStatus.Importing, version: 5) },
        { "a task gone, graph unknown", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Gone) with { GraphId = string.Empty, Format = null, Destination = null, StartTime = null, NumEdgesWritten = null }, NeptuneTaskStatus.Exporting, version: 3) },
        { "a status added to the API later", TestData.Pending(TestData.Snapshot("t-0123456789", new NeptuneTaskStatus("PAUSED_FOR_MAINTENANCE")), NeptuneTaskStatus.Exporting, version: 3) },
        { "a failure with a multi-line reason", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Failed) with { StatusReason = "Access denied\n\"s3://b/k\" ✓" }, NeptuneTaskStatus.Exporting, version: 4) },
        { "an overdue alert", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Exporting, version: 3) with { Alert = new NeptuneNotifier.Core.Alerts.TaskAlert.Overdue(TimeSpan.FromSeconds(7384), TimeSpan.FromHours(2)) } },
        { "a stalled import", TestData.Pending(TestData.Snapshot("t-0123456789", NeptuneTaskStatus.Importing) with { Kind = TaskKind.Import }, NeptuneTaskStatus.Importing, version: 4) with { Alert = new NeptuneNotifier.Core.Alerts.TaskAlert.Stalled(TestData.Start.AddMinutes(-45), TimeSpan.FromMinutes(30)) } },
    };

    [Fact]
    public void Samples_Committed_MatchTheEntryAndTheDeliveredEvent()
    {
        var entry = EventBridgeSampleEntry.For(NotificationSamplesTests.SampleTransition(), SampleBus);
        var samples = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["put-events-entry.json"] = Write(entry.ToJson()),
            ["event.json"] = Write(entry.Delivered("4f1c2a9e-7b3d-4e8f-a6c5-0d9b8e7f6a51")),
        };

        NotificationSamplesTests.ShouldMatchCommitted(Folder, samples);
    }

    [Fact]
    public void Samples_Committed_AreValidAgainstTheSchema()
    {
        var entry = Read("put-events-entry.json");

        TaskStateChangeSchema.Errors(Read("event.json")).ShouldBeEmpty();
        TaskStateChangeSchema.Errors(entry, "putEventsEntry").ShouldBeEmpty();
        TaskStateChangeSchema.Errors(JsonNode.Parse(entry["Detail"]!.GetValue<string>())!, "detail").ShouldBeEmpty();
        TaskStateChangeSchema.Errors(JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "samples", "event.json")))!, "detail")
            .ShouldBeEmpty("SQS subscribers of the topic get the same machine event");
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Schema_EveryKindOfTransition_AcceptsTheEntryAndTheEvent(string name, PendingNotification notification)
    {
        var entry = EventBridgeSampleEntry.For(notification, "arn:aws:events:us-east-1:210987654321:event-bus/central-events");

        TaskStateChangeSchema.Errors(entry.ToJson(), "putEventsEntry").ShouldBeEmpty(name);
        TaskStateChangeSchema.Errors(entry.Delivered("id-1")).ShouldBeEmpty(name);
    }

    [Fact]
    public void Schema_EveryStatusOfTheApiModel_AcceptsTheEvent()
    {
        foreach (var (kind, statuses) in new[] { (TaskKind.Export, NeptuneTaskStatus.ExportStatuses), (TaskKind.Import, NeptuneTaskStatus.ImportStatuses) })
        {
            foreach (var status in statuses.Append(NeptuneTaskStatus.Gone))
            {
                var notification = TestData.Pending(TestData.Snapshot("t-0123456789", status) with { Kind = kind }, NeptuneTaskStatus.Initializing, version: 2);

                TaskStateChangeSchema.Errors(EventBridgeSampleEntry.For(notification, "default").Delivered("id-1")).ShouldBeEmpty($"{kind} {status}");
            }
        }
    }

    [Theory]
    [InlineData("source", "\"aws.neptune-graph\"", "/source")]
    [InlineData("detail-type", "\"Neptune Analytics Import Task State Change\"", "/detail-type")]
    [InlineData("resources", "[\"arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-8k2m4n6p8q\"]", "/resources")]
    [InlineData("resources", "[\"arn:aws:neptune-graph:us-east-1:123456789012:graph/g-3x5z7b9d1f\", \"arn:aws:neptune-graph:us-east-1:123456789012:export-task/t-8k2m4n6p8q\"]", "/resources/0")]
    [InlineData("time", "\"yesterday\"", "/time")]
    [InlineData("detail.notificationId", "\"019C8A2E5F4B7C3D9E1F2A3B4C5D6E7F\"", "/detail/notificationId")]
    [InlineData("detail.version", "0", "/detail/version")]
    [InlineData("detail.taskKind", "\"import\"", "/detail-type")]
    [InlineData("detail.terminal", "\"true\"", "/detail/terminal")]
    [InlineData("detail.startTime", "\"2026-03-01 09:14:05\"", "/detail/startTime")]
    [InlineData("detail.numEdgesWritten", "1.5", "/detail/numEdgesWritten")]
    [InlineData("detail.schemaVersion", "\"2\"", "/detail/schemaVersion")]
    [InlineData("detail.addedLater", "1", "/detail")]
    public void Schema_SampleEventWithOneFieldWrong_IsRefusedThere(string field, string value, string location)
    {
        var sample = Read("event.json");
        var path = field.Split('.');
        var parent = path.Length == 2 ? sample[path[0]]!.AsObject() : sample;
        parent[path[^1]] = JsonNode.Parse(value);

        var errors = TaskStateChangeSchema.Errors(sample);

        errors.ShouldContain(error => error.StartsWith(location, StringComparison.Ordinal), string.Join("\n", errors));
    }

    [Theory]
    [InlineData("detail")]
    [InlineData("detail.graphId")]
    [InlineData("detail.statusReason")]
    [InlineData("account")]
    public void Schema_SampleEventWithoutARequiredField_IsRefused(string field)
    {
        var sample = Read("event.json");
        var path = field.Split('.');
        (path.Length == 2 ? sample[path[0]]!.AsObject() : sample).Remove(path[^1]).ShouldBeTrue();

        TaskStateChangeSchema.Errors(sample).ShouldNotBeEmpty();
    }

    private static JsonObject Read(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!.AsObject();

    private static string Write(JsonNode node) => JsonSerializer.Serialize(node, Pretty) + "\n";
}
