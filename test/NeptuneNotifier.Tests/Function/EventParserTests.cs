using System.Text;
using NeptuneNotifier.Function.Events;

namespace NeptuneNotifier.Tests.Function;

public sealed class EventParserTests
{
    private static readonly FunctionIdentity Self = new("123456789012", "us-east-1");

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
    public void Parse_CloudTrailCallThatFailed_IsIgnoredWithReason()
    {
        var json = Sample("cloudtrail-start-export-task.json").Replace("\"eventType\": \"AwsApiCall\"", "\"errorCode\": \"ValidationException\", \"eventType\": \"AwsApiCall\"", StringComparison.Ordinal);

        Parse(json).ShouldBeOfType<IgnoreCommand>().Reason.ShouldContain("ValidationException");
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "JSON array; expected an object")]
    [InlineData("{}", "Unrecognised event")]
    [InlineData("{\"detail-type\":\"Object Created\",\"source\":\"aws.s3\"}", "\"Object Created\"")]
    [InlineData("{\"poll\":\"yes\"}", "\"poll\" must be true")]
    [InlineData("{\"track\":\"t-0a1b2c3d4e\"}", "must be an array")]
    [InlineData("{\"track\":[]}", "1 to 100 task IDs")]
    [InlineData("{\"track\":[\"t-0A1B2C3D4E\"]}", "not a task ID")]
    [InlineData("{\"track\":[\"g-0a1b2c3d4e\"]}", "not a task ID")]
    [InlineData("{\"untrack\":[42]}", "42")]
    [InlineData("{\"track\":[\"t-0a1b2c3d4e\\n\"]}", "not a task ID")]
    public void Parse_BadEvent_ThrowsNamingWhatWasWrong(string json, string expected) =>
        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain(expected);

    [Fact]
    public void Parse_TooManyIds_Throws()
    {
        var ids = string.Join(',', Enumerable.Range(0, 101).Select(i => $"\"t-{i:D10}\""));

        Should.Throw<InvalidEventException>(() => Parse($"{{\"track\":[{ids}]}}")).Message.ShouldContain("received 101");
    }

    [Fact]
    public void Parse_OversizedEvent_Throws()
    {
        var json = $"{{\"x\":\"{new string('a', 300 * 1024)}\"}}";

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("at most 262144");
    }

    [Fact]
    public void Parse_CloudTrailFromAnotherAccount_IsRefused()
    {
        var json = Sample("cloudtrail-start-export-task.json").Replace("\"account\": \"123456789012\"", "\"account\": \"999999999999\"", StringComparison.Ordinal);

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("account \"999999999999\"");
    }

    [Fact]
    public void Parse_CloudTrailFromAnotherRegion_IsRefused() =>
        Should.Throw<InvalidEventException>(() => EventParser.Parse(Encoding.UTF8.GetBytes(Sample("cloudtrail-start-export-task.json")), Self with { Region = "eu-west-1" }))
            .Message.ShouldContain("region \"us-east-1\"");

    [Fact]
    public void Parse_CloudTrailOtherOperation_IsRefused()
    {
        var json = Sample("cloudtrail-start-export-task.json").Replace("\"eventName\": \"StartExportTask\"", "\"eventName\": \"DeleteGraph\"", StringComparison.Ordinal);

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("\"DeleteGraph\"");
    }

    [Fact]
    public void Parse_CloudTrailHostileTaskId_IsRefused()
    {
        var json = Sample("cloudtrail-start-export-task.json").Replace("\"taskId\": \"t-0a1b2c3d4e\"", "\"taskId\": \"t-0a1b2c3d4e\\\"}]\"", StringComparison.Ordinal);

        Should.Throw<InvalidEventException>(() => Parse(json)).Message.ShouldContain("not a task ID");
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:notifier", "123456789012")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:notifier:live", "123456789012")]
    [InlineData(null, null)]
    [InlineData("garbage", null)]
    public void FunctionIdentityFrom_Arn_ReadsAccount(string? arn, string? account) =>
        FunctionIdentity.From(arn, "us-east-1").AccountId.ShouldBe(account);

    private static FunctionCommand Parse(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json), Self);

    private static string Sample(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "events", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException($"events/{name} not found above {AppContext.BaseDirectory}");
    }
}
