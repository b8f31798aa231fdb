using System.Text.Json.Nodes;
using NeptuneNotifier.Function.Events;

namespace NeptuneNotifier.Tests.Function;

// AWS documents no CloudTrail record of the calls that start a task. Its one Neptune Analytics control-plane example,
// CreateGraph's, wraps the API's output in a member ({"graph": {..., "id": ...}}), so each sample's response is also
// read wrapped one level down.
public sealed partial class EventParserTests
{
    [Theory]
    [InlineData("cloudtrail-start-export-task.json", "exportTask", "t-0a1b2c3d4e", TaskKind.Export)]
    [InlineData("cloudtrail-start-import-task.json", "importTask", "t-9f8e7d6c5b", TaskKind.Import)]
    [InlineData("cloudtrail-create-graph-using-import-task.json", "importTask", "t-1a2b3c4d5e", TaskKind.Import)]
    public void Parse_ResponseWrappedInOneMember_TracksTheTaskItNames(string sample, string wrapper, string taskId, TaskKind kind)
    {
        var json = Edit(Sample(sample), detail => detail["responseElements"] = new JsonObject
        {
            [wrapper] = detail["responseElements"]!.DeepClone(),
            ["requestId"] = "not an object",
        });

        var track = Parse(json).ShouldBeOfType<TrackCommand>();

        (track.TaskIds.ShouldHaveSingleItem(), track.Source, track.Kind).ShouldBe((taskId, "cloudtrail", (TaskKind?)kind));
    }

    [Fact]
    public void Parse_ResponseWithFlatAndWrappedTaskIds_TracksTheFlatOne()
    {
        var json = CloudTrail(detail => detail["responseElements"] = JsonNode.Parse("""{"taskId":"t-0a1b2c3d4e","exportTask":{"taskId":"t-9z8y7x6w5v"}}"""));

        Parse(json).ShouldBeOfType<TrackCommand>().TaskIds.ShouldBe(["t-0a1b2c3d4e"]);
    }

    // CreateGraphUsingImportTask's case is the bad-input corpus's cloudtrail-wrapped-task-ids-disagree: refused, since
    // there is no graph id to fall back on.
    [Fact]
    public void Parse_StartExportWithTwoWrappedTaskIdsThatDisagree_FindsTheTaskThroughItsGraph()
    {
        var json = CloudTrail(detail => detail["responseElements"] = JsonNode.Parse("""{"exportTask":{"taskId":"t-0a1b2c3d4e"},"task":{"taskId":"t-9z8y7x6w5v"}}"""));

        var started = Parse(json).ShouldBeOfType<TrackStartedTaskCommand>();

        (started.GraphId, started.Kind).ShouldBe(("g-abcde12345", TaskKind.Export));
    }

    [Fact]
    public void Parse_TwoWrappedMembersNamingTheSameTask_TracksIt()
    {
        var json = CloudTrail(detail => detail["responseElements"] = JsonNode.Parse("""{"exportTask":{"taskId":"t-0a1b2c3d4e"},"task":{"taskId":"t-0a1b2c3d4e"}}"""));

        Parse(json).ShouldBeOfType<TrackCommand>().TaskIds.ShouldBe(["t-0a1b2c3d4e"]);
    }

    [Theory]
    [InlineData("{\"exportTask\":{\"taskId\":\"g-abcde12345\"}}", "\"g-abcde12345\"")]
    [InlineData("{\"exportTask\":{\"taskId\":42}}", "42")]
    public void Parse_WrappedTaskIdThatIsNoTaskId_IsRefusedNamingWhereItWasFound(string responseElements, string named)
    {
        var json = CloudTrail(detail => detail["responseElements"] = JsonNode.Parse(responseElements));

        Should.Throw<InvalidEventException>(() => Parse(json)).Message
            .ShouldContain($"names task {named} (in responseElements member \"exportTask\"), which is not a task ID");
    }
}
