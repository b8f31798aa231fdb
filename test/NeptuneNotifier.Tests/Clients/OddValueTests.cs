using Amazon.Runtime.Internal.Transform;
using NeptuneNotifier.Aws.NeptuneGraph;

namespace NeptuneNotifier.Tests.Clients;

/// <summary>
/// Values System.Text.Json refuses or reads otherwise than the official SDKs: a string with an unpaired surrogate
/// escape, a timestamp as an ISO 8601 string or with an exponent, an epoch too large for a date.
/// </summary>
public sealed class OddValueTests
{
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json", ["x-amzn-RequestId"] = "req-1" };

    // JSON.parse and json.loads keep an unpaired surrogate; a .NET string that is written as JSON cannot, so it reads as U+FFFD.
    [Theory]
    [InlineData("""cut \ud83d""", "cut \uFFFD")]
    [InlineData("""\udc00 first""", "\uFFFD first")]
    [InlineData("""a\\\"b\n\t\/ \ud83d\ude00 \ud83d\ud83d\ude00""", "a\\\"b\n\t/ \U0001F600 \uFFFD\U0001F600")]
    public void GetExportTask_ReasonWithAnUnpairedSurrogate_ReadsItWithAReplacementCharacter(string json, string expected)
    {
        var body = $$"""{"taskId":"t-abcdefghij","status":"FAILED","statusReason":"{{json}}"}""";

        var response = Read<GetExportTaskResponse>(NeptuneGraphAnswers.GetExportTask, body);

        response.Task.StatusReason.ShouldBe(expected);
        response.Anomalies.ShouldBeEmpty();
    }

    [Fact]
    public void ListExportTasks_EntryWithAnUnpairedSurrogate_KeepsEveryEntry()
    {
        const string body = """
            {"tasks":[{"taskId":"t-0000000001","status":"FAILED","statusReason":"cut \ud83d"},{"taskId":"t-0000000002","status":"EXPORTING"}]}
            """;

        var response = Read<ListExportTasksResponse>(NeptuneGraphAnswers.ListExportTasks, body);

        response.Tasks.Select(t => (t.TaskId, t.StatusReason)).ShouldBe([("t-0000000001", "cut \uFFFD"), ("t-0000000002", null)]);
        response.Anomalies.ShouldBeEmpty();
    }

    [Fact]
    public void GetExportTask_ErrorMessageWithAnUnpairedSurrogate_IsStillResourceNotFound()
    {
        var answer = new FakeWebResponse(HttpStatusCode.NotFound, """{"code":"ResourceNotFoundException","message":"Task cut \ud83d not found"}""", JsonHeaders);

        var error = Unmarshal.Error(NeptuneGraphAnswers.GetExportTask, answer);

        error.ShouldBeOfType<ResourceNotFoundException>().Message.ShouldContain("Task cut \uFFFD not found");
    }

    public static TheoryData<string, DateTimeOffset> StartTimes { get; } = new()
    {
        { "1716897600.123", Noon.AddMilliseconds(123) },
        { "\"1716897600.123\"", Noon.AddMilliseconds(123) },
        { "\"1.716897600123E9\"", Noon.AddMilliseconds(123) },
        { "\"2024-05-28T12:00:00Z\"", Noon },
        { "\"2024-05-28T14:00:00.5+02:00\"", Noon.AddMilliseconds(500) },
    };

    private static DateTimeOffset Noon => new(2024, 5, 28, 12, 0, 0, TimeSpan.Zero);

    // AWSSDK.Core's DateTimeUnmarshaller and botocore read a timestamp string as epoch seconds or as an ISO 8601 date.
    [Theory]
    [MemberData(nameof(StartTimes))]
    public void GetExportTask_StartTimeAsTheSdksAcceptIt_ReadsTheInstant(string json, DateTimeOffset expected)
    {
        var response = Read<GetExportTaskResponse>(NeptuneGraphAnswers.GetExportTask, StartingAt(json));

        response.ExportTaskDetails.ShouldNotBeNull().StartTime.ShouldBe(expected);
        response.Anomalies.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("1e22")]
    [InlineData("-1e30")]
    [InlineData("\"1e22\"")]
    [InlineData("300000000000")]
    public void GetExportTask_StartTimeOutsideTheDates_ReadsItAsAbsentAndSaysWhy(string json)
    {
        var response = Read<GetExportTaskResponse>(NeptuneGraphAnswers.GetExportTask, StartingAt(json));

        response.ExportTaskDetails.ShouldNotBeNull().StartTime.ShouldBeNull();
        response.Anomalies.ShouldHaveSingleItem().ShouldContain("exportTaskDetails.startTime read as absent: member 'startTime'");
        response.Anomalies[0].ShouldContain("is outside the range of a date.");
    }

    private static string StartingAt(string json) =>
        $$$"""{"taskId":"t-abcdefghij","status":"EXPORTING","exportTaskDetails":{"startTime":{{{json}}},"timeElapsedSeconds":5,"progressPercentage":10}}""";

    private static T Read<T>(ResponseUnmarshaller unmarshaller, string body) =>
        (T)Unmarshal.Success(unmarshaller, new FakeWebResponse(HttpStatusCode.OK, body, JsonHeaders))!;
}
