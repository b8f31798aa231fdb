using System.Text.Json.Nodes;
using NeptuneNotifier.Function.Events;

namespace NeptuneNotifier.Tests.Function;

/// <summary>
/// The events the function acts on, read from the published samples in <c>events/</c>, and the CloudTrail records
/// without a task ID that it reads around or refuses. Malformed and hostile events, and CloudTrail records of a failed
/// call or from another account, region or operation, are cases of the bad-input corpus
/// (<c>test/data/bad-input/event</c>), run through the same parser by <see cref="Reliability.BadInputTests"/>.
/// </summary>
public sealed partial class EventParserTests
{
    private static readonly FunctionIdentity Self = new(TestAccount.Id, TestAccount.Region);

    [Fact]
    public void Parse_ScheduleSample_IsPoll() =>
        Parse(Sample("schedule.json")).ShouldBe(new PollCommand("schedule"));

    [Fact]
    public void Parse_ScheduledRuleSample_IsPoll() =>
        Parse(Sample("scheduled-rule.json")).ShouldBe(new PollCommand("aws.events"));

    [Fact]
    public void Parse_CloudTrailSample_TracksTheNewTask()
    {
        var command = Parse(Sample("cloudtrail-start-export-task.json")).ShouldBeOfType<TrackCommand>();

        command.TaskIds.ShouldBe(["t-0a1b2c3d4e"]);
        command.Source.ShouldBe("cloudtrail");
    }

    [Fact]
    public void Parse_TrackSample_TracksEachId() =>
        Parse(Sample("track.json")).ShouldBeOfType<TrackCommand>().TaskIds.ShouldBe(["t-0a1b2c3d4e", "t-9z8y7x6w5v"]);

    [Fact]
    public void Parse_UntrackSample_UntracksEachId() =>
        Parse(Sample("untrack.json")).ShouldBeOfType<UntrackCommand>().TaskIds.ShouldBe(["t-9z8y7x6w5v"]);

    [Fact]
    public void Parse_DuplicateIds_KeepsEachOnce() =>
        Parse("{\"track\":[\"t-0a1b2c3d4e\",\"t-0a1b2c3d4e\"]}").ShouldBeOfType<TrackCommand>().TaskIds.ShouldBe(["t-0a1b2c3d4e"]);

    [Fact]
    public void Parse_CloudTrailSampleWithoutResponse_FindsTheTaskThroughItsGraph() =>
        Parse(Sample("cloudtrail-start-export-task-no-response.json"))
            .ShouldBe(new TrackStartedTaskCommand("g-0123456789", new DateTimeOffset(2026, 11, 29, 8, 2, 40, TimeSpan.Zero)));

    [Theory]
    [InlineData("missing")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"taskId\":null}")]
    [InlineData("{\"graphId\":\"g-abcde12345\",\"status\":\"INITIALIZING\"}")]
    [InlineData("\"truncated\"")]
    [InlineData("{\"exportTask\":{\"taskId\":null,\"graphId\":\"g-abcde12345\"}}")]
    [InlineData("{\"graph\":{\"id\":\"g-abcde12345\"},\"taskIds\":[\"t-0a1b2c3d4e\"]}")]
    public void Parse_CloudTrailWithoutTaskId_FindsTheTaskThroughItsGraph(string responseElements)
    {
        var json = CloudTrail(detail =>
        {
            if (responseElements == "missing")
            {
                detail.Remove("responseElements");
            }
            else
            {
                detail["responseElements"] = JsonNode.Parse(responseElements);
            }
        });

        Parse(json).ShouldBe(new TrackStartedTaskCommand("g-abcde12345", new DateTimeOffset(2026, 11, 29, 8, 1, 12, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null, "is (none)")]
    [InlineData("\"analytics-graph\"", "is \"analytics-graph\"")]
    [InlineData("\"g-ABCDE12345\"", "is \"g-ABCDE12345\"")]
    [InlineData("42", "is (none)")]
    public void Parse_CloudTrailWithNeitherTaskIdNorGraphId_ThrowsNamingWhatIsMissing(string? graphIdentifier, string expected)
    {
        var json = CloudTrail(detail =>
        {
            detail["responseElements"] = null;
            var request = detail["requestParameters"]!.AsObject();
            request.Remove("graphIdentifier");
            if (graphIdentifier is not null)
            {
                request["graphIdentifier"] = JsonNode.Parse(graphIdentifier);
            }
        });

        var message = Should.Throw<InvalidEventException>(() => Parse(json)).Message;

        message.ShouldContain("names no task (no taskId in responseElements or in one object member of it)");
        message.ShouldContain("requestParameters.graphIdentifier " + expected);
    }

    [Fact]
    public void Parse_CloudTrailWithoutTaskIdOrRequestParameters_ThrowsNamingWhatIsMissing() =>
        Should.Throw<InvalidEventException>(() => Parse(CloudTrail(detail =>
        {
            detail.Remove("responseElements");
            detail["requestParameters"] = null;
        }))).Message.ShouldContain("requestParameters.graphIdentifier is (none)");

    [Fact]
    public void Parse_CloudTrailWithoutTaskIdOrEventTime_TakesTheEnvelopeTimeElseThrows()
    {
        var envelopeOnly = CloudTrail(detail =>
        {
            detail.Remove("responseElements");
            detail.Remove("eventTime");
        });
        var neither = envelopeOnly.Replace("\"time\": \"2026-11-29T08:01:12Z\"", "\"time\": \"soon\"", StringComparison.Ordinal);

        Parse(envelopeOnly).ShouldBeOfType<TrackStartedTaskCommand>().CalledAt.ShouldBe(new DateTimeOffset(2026, 11, 29, 8, 1, 12, TimeSpan.Zero));
        Should.Throw<InvalidEventException>(() => Parse(neither)).Message.ShouldContain("no usable time (detail.eventTime or time)");
    }

    [Fact]
    public void Parse_CloudTrailWithoutTaskIdFromAnotherAccount_IsRefused()
    {
        var json = CloudTrail(detail => detail.Remove("responseElements")).Replace("\"account\": \"123456789012\"", "\"account\": \"999999999999\"", StringComparison.Ordinal);

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("account \"999999999999\"");
    }

    // Which ARNs name an account, and which do not, is ArnAccount's rule (ArnAccountTests).
    [Fact]
    public void FunctionIdentityFrom_InvokedFunctionArn_IsItsAccountAndTheRegion() =>
        FunctionIdentity.From(TestAccount.FunctionArn, TestAccount.Region).ShouldBe(Self);

    private static FunctionCommand Parse(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json), Self);

    // The CloudTrail sample with its detail changed, written back in the sample's layout.
    private static string CloudTrail(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Sample("cloudtrail-start-export-task.json"))!.AsObject();
        change(root["detail"]!.AsObject());
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Sample(string name) => File.ReadAllText(Path.Combine(Repository.Root, "events", name));
}
