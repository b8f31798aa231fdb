using System.Text.Json.Nodes;
using NeptuneNotifier.Function.Events;

namespace NeptuneNotifier.Tests.Function;

// CloudTrail records of the calls that start an import: StartImportTask and CreateGraphUsingImportTask.
public sealed partial class EventParserTests
{
    [Fact]
    public void Parse_StartImportTaskSample_TracksTheImportAsAnImport()
    {
        var track = Parse(Sample("cloudtrail-start-import-task.json")).ShouldBeOfType<TrackCommand>();

        (track.TaskIds.ShouldHaveSingleItem(), track.Source, track.Kind).ShouldBe(("t-9f8e7d6c5b", "cloudtrail", (TaskKind?)TaskKind.Import));
    }

    [Fact]
    public void Parse_CreateGraphUsingImportTaskSample_TracksTheImportAsAnImport()
    {
        var track = Parse(Sample("cloudtrail-create-graph-using-import-task.json")).ShouldBeOfType<TrackCommand>();

        (track.TaskIds.ShouldHaveSingleItem(), track.Kind).ShouldBe(("t-1a2b3c4d5e", (TaskKind?)TaskKind.Import));
    }

    [Fact]
    public void Parse_StartImportTaskWithoutResponse_FindsTheImportThroughItsGraph()
    {
        var json = Edit(Sample("cloudtrail-start-import-task.json"), detail => detail.Remove("responseElements"));

        Parse(json).ShouldBe(new TrackStartedTaskCommand("g-abcde12345", new DateTimeOffset(2026, 11, 29, 9, 15, 30, TimeSpan.Zero), TaskKind.Import));
    }

    [Fact]
    public void Parse_CreateGraphUsingImportTaskWithoutResponse_IsRefusedSayingThereIsNothingToFindItBy()
    {
        var json = Edit(Sample("cloudtrail-create-graph-using-import-task.json"), detail => detail.Remove("responseElements"));

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("CreateGraphUsingImportTask event names no task");
    }

    // The output names the graph it created (CreateGraphUsingImportTaskOutput.graphId): the import is found through it.
    [Fact]
    public void Parse_CreateGraphUsingImportTaskNamingOnlyTheNewGraph_FindsTheImportThroughIt()
    {
        var json = Edit(Sample("cloudtrail-create-graph-using-import-task.json"), detail => detail["responseElements"] = JsonNode.Parse("""{"graphId":"g-0rders0001","status":"INITIALIZING"}"""));

        Parse(json).ShouldBe(new TrackStartedTaskCommand("g-0rders0001", new DateTimeOffset(2026, 11, 29, 9, 15, 30, TimeSpan.Zero), TaskKind.Import));
    }

    [Theory]
    [InlineData("cloudtrail-start-import-task.json", "StartImportTask failed with AccessDeniedException")]
    [InlineData("cloudtrail-create-graph-using-import-task.json", "CreateGraphUsingImportTask failed with AccessDeniedException")]
    public void Parse_ImportCallThatFailed_IsIgnoredNamingTheCall(string sample, string reason)
    {
        var json = Edit(Sample(sample), detail =>
        {
            detail["errorCode"] = "AccessDeniedException";
            detail.Remove("responseElements");
        });

        Parse(json).ShouldBe(new IgnoreCommand($"{reason}; there is no task to track."));
    }

    [Fact]
    public void Parse_CallThatFailedWithAnOversizedErrorCode_IsIgnoredNamingTheCodeCut()
    {
        var json = Edit(Sample("cloudtrail-start-import-task.json"), detail => detail["errorCode"] = new string('E', 200_000));

        var reason = Parse(json).ShouldBeOfType<IgnoreCommand>().Reason;

        reason.ShouldStartWith("StartImportTask failed with EEEE");
        reason.Length.ShouldBeLessThan(200);
    }

    [Fact]
    public void Parse_OtherNeptuneCall_IsRefusedNamingTheCallsAccepted()
    {
        var json = Edit(Sample("cloudtrail-start-import-task.json"), detail => detail["eventName"] = "CancelImportTask");

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("StartExportTask, StartImportTask and CreateGraphUsingImportTask are accepted");
    }

    private static string Edit(string json, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        change(root["detail"]!.AsObject());
        return root.ToJsonString();
    }
}
