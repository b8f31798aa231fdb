using System.Text;
using System.Text.Json;
using NeptuneNotifier.Core;
using NeptuneNotifier.Core.Notifications;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Tests.Core;

public sealed class NotificationBuilderTests
{
    private static readonly string[] Protocols = ["default", "email", "https", "sqs", "lambda"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NotificationBuilder standard = new(new NotificationOptions("us-east-1", FifoTopic: false));
    private readonly NotificationBuilder fifo = new(new NotificationOptions("eu-west-1", FifoTopic: true));

    [Fact]
    public void Build_Transition_HasEveryProtocolAsStringInValidJson()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting));

        using var body = JsonDocument.Parse(message.Message);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(Protocols);
        body.RootElement.EnumerateObject().ShouldAllBe(p => p.Value.ValueKind == JsonValueKind.String);
        NotificationMessage.MessageStructure.ShouldBe("json");
    }

    [Fact]
    public void Build_Transition_EmailTextNamesEverythingAReaderNeeds()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded) with { StatusReason = "All done" }, NeptuneTaskStatus.Exporting));

        var email = Protocol(message, "email");
        email.ShouldContain("t-abcdefghij");
        email.ShouldContain(TestData.GraphId);
        email.ShouldContain("Status: SUCCEEDED");
        email.ShouldContain("Previous status: EXPORTING");
        email.ShouldContain("Reason: All done");
        email.ShouldContain("Vertices written: 1,234,567");
        email.ShouldContain("Edges written: 7,654,321");
        email.ShouldContain("Progress: 100%");
        email.ShouldContain("Elapsed: 1h 02m 03s");
        email.ShouldContain("Format: PARQUET (COLUMNAR)");
        email.ShouldContain("Destination: s3://exports-bucket/graph/");
        email.ShouldContain("https://us-east-1.console.aws.amazon.com/neptune/home?region=us-east-1");
        Protocol(message, "default").ShouldBe(email);
    }

    [Fact]
    public void Build_MissingCounts_SaysNotReportedAndWritesNulls()
    {
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = TestData.GraphId, Status = NeptuneTaskStatus.Initializing };

        var message = standard.Build(TestData.Pending(snapshot));

        var email = Protocol(message, "email");
        email.ShouldContain("Vertices written: not reported");
        email.ShouldContain("Edges written: not reported");
        email.ShouldContain("Progress: not reported");
        email.ShouldContain("Previous status: none (first seen)");
        using var machine = JsonDocument.Parse(Protocol(message, "sqs"));
        machine.RootElement.GetProperty("numVerticesWritten").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("numEdgesWritten").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("previousStatus").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("statusReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Build_MachineEvent_IsVersionedAndCarriesTheSnapshot()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "AccessDenied" }, NeptuneTaskStatus.Exporting, version: 7));

        using var machine = JsonDocument.Parse(Protocol(message, "sqs"));
        var root = machine.RootElement;
        root.GetProperty("schemaVersion").GetString().ShouldBe("1");
        root.GetProperty("taskId").GetString().ShouldBe("t-abcdefghij");
        root.GetProperty("graphId").GetString().ShouldBe(TestData.GraphId);
        root.GetProperty("status").GetString().ShouldBe("FAILED");
        root.GetProperty("previousStatus").GetString().ShouldBe("EXPORTING");
        root.GetProperty("terminal").GetBoolean().ShouldBeTrue();
        root.GetProperty("version").GetInt64().ShouldBe(7);
        root.GetProperty("statusReason").GetString().ShouldBe("AccessDenied");
        root.GetProperty("numVerticesWritten").GetInt64().ShouldBe(1_234_567);
        root.GetProperty("startTime").GetString().ShouldBe("2026-03-01T11:00:00Z");
        Protocol(message, "lambda").ShouldBe(Protocol(message, "sqs"));
    }

    [Fact]
    public void Build_Transition_SetsFilterAttributes()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Cancelled), NeptuneTaskStatus.Cancelling));

        message.Attributes.ShouldBe(new Dictionary<string, string>
        {
            ["status"] = "CANCELLED",
            ["graphId"] = TestData.GraphId,
            ["taskId"] = "t-abcdefghij",
            ["terminal"] = "true",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Build_GoneTaskNeverSeen_OmitsEmptyGraphAttribute()
    {
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = string.Empty, Status = NeptuneTaskStatus.Gone };

        var message = standard.Build(TestData.Pending(snapshot));

        message.Attributes.ShouldNotContainKey("graphId");
        message.Attributes["terminal"].ShouldBe("true");
        Protocol(message, "email").ShouldContain("Graph: unknown");
    }

    [Fact]
    public void Build_HugeStatusReason_StaysUnderThePublishLimit()
    {
        var reason = string.Concat(Enumerable.Repeat("Export failed because of a very long and repeated reason. ", 300_000 / 58 + 1))[..300_000];
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason }, NeptuneTaskStatus.Exporting);

        var message = standard.Build(pending);

        NotificationBuilder.Size(message).ShouldBeLessThanOrEqualTo(NotificationBuilder.MaxPublishBytes);
        Encoding.UTF8.GetByteCount(message.Message).ShouldBeGreaterThan(200_000);
        using var machine = JsonDocument.Parse(Protocol(message, "sqs"));
        machine.RootElement.GetProperty("statusReasonTruncated").GetBoolean().ShouldBeTrue();
        machine.RootElement.GetProperty("statusReason").GetString().ShouldNotBeNull().ShouldContain("more characters cut");
    }

    [Fact]
    public void Build_HugeNonAsciiReason_StaysUnderLimitWithoutSplittingCharacters()
    {
        // Four-byte characters (surrogate pairs in UTF-16) mixed with three-byte ones: the cut must land between characters.
        var reason = string.Concat(Enumerable.Repeat("𝔘ñ✓漢字", 60_000));
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason });

        var message = standard.Build(pending);

        NotificationBuilder.Size(message).ShouldBeLessThanOrEqualTo(NotificationBuilder.MaxPublishBytes);
        Should.NotThrow(() => StrictUtf8.GetBytes(message.Message));
        using var machine = JsonDocument.Parse(Protocol(message, "sqs"));
        var kept = machine.RootElement.GetProperty("statusReason").GetString().ShouldNotBeNull();
        kept.ShouldStartWith("𝔘ñ✓漢字𝔘ñ✓漢字");
        kept.ShouldNotContain('\uFFFD');
    }

    [Fact]
    public void Build_NonAsciiReason_KeptReadable()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Zugriff verweigert für Bucket «exports» — 権限がありません" });

        var message = standard.Build(pending);

        Protocol(message, "email").ShouldContain("Zugriff verweigert für Bucket «exports» — 権限がありません");
        message.Message.ShouldContain("権限がありません");
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("SOME_VERY_LONG_FUTURE_STATUS_VALUE_THAT_NOBODY_EXPECTED_TO_SEE_EVER")]
    [InlineData("weird status; DROP TABLE")]
    public void Build_AnyStatus_SubjectUnder100CharsWithoutControlCharacters(string status)
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", new NeptuneTaskStatus(status[..Math.Min(status.Length, NeptuneTaskStatus.MaxLength)])));

        var message = standard.Build(pending);

        message.Subject.Length.ShouldBeLessThan(100);
        message.Subject.ShouldNotContain(c => char.IsControl(c));
        message.Subject.ShouldAllBe(c => char.IsAscii(c));
        char.IsAsciiLetterOrDigit(message.Subject[0]).ShouldBeTrue();
        message.Subject.ShouldContain("t-abcdefghij");
        message.Subject.ShouldEndWith(TestData.GraphId);
    }

    [Fact]
    public void Build_FifoTopic_GroupsByTaskAndDeduplicatesByTaskVersionAndStatus()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 3);

        var first = fifo.Build(pending);
        var republish = fifo.Build(pending with { LeaseUntil = pending.LeaseUntil.AddHours(1) });
        var nextVersion = fifo.Build(pending with { Version = 4 });

        first.MessageGroupId.ShouldBe("t-abcdefghij");
        first.MessageDeduplicationId.ShouldBe("t-abcdefghij:3:SUCCEEDED");
        republish.MessageDeduplicationId.ShouldBe(first.MessageDeduplicationId);
        republish.Message.ShouldBe(first.Message);
        nextVersion.MessageDeduplicationId.ShouldNotBe(first.MessageDeduplicationId);
    }

    [Fact]
    public void Build_FifoTopicWithOddStatus_DeduplicationIdStaysWithinSnsRules()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", new NeptuneTaskStatus("ÉTAT inconnu ✓")));

        var id = fifo.Build(pending).MessageDeduplicationId.ShouldNotBeNull();

        id.Length.ShouldBeLessThanOrEqualTo(128);
        id.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || (char.IsAscii(c) && char.IsPunctuation(c)));
    }

    [Fact]
    public void Build_StandardTopic_NoFifoIds()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)));

        message.MessageGroupId.ShouldBeNull();
        message.MessageDeduplicationId.ShouldBeNull();
    }

    [Fact]
    public void Build_Chatbot_FollowsCustomNotificationSchema()
    {
        var message = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting));

        using var chat = JsonDocument.Parse(Protocol(message, "https"));
        var root = chat.RootElement;
        root.GetProperty("version").GetString().ShouldBe("1.0");
        root.GetProperty("source").GetString().ShouldBe("custom");
        var content = root.GetProperty("content");
        content.GetProperty("textType").GetString().ShouldBe("client-markdown");
        content.GetProperty("title").GetString().ShouldNotBeNull().ShouldContain("t-abcdefghij");
        content.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace();
        content.GetProperty("nextSteps").GetArrayLength().ShouldBeGreaterThan(0);
        content.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()).ShouldContain("SUCCEEDED");
        var metadata = root.GetProperty("metadata");
        metadata.GetProperty("threadId").GetString().ShouldBe("neptune-notifier-t-abcdefghij");
        metadata.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        metadata.GetProperty("eventType").GetString().ShouldBe(NotificationBuilder.EventType);
        metadata.GetProperty("relatedResources").EnumerateArray().Select(r => r.GetString()).ShouldContain("t-abcdefghij");
    }

    [Fact]
    public void Build_HostileReasonAndDestination_CannotBreakMarkdownOrJson()
    {
        const string reason = "```\n<!here> *bold* _it_ [click](https://evil.example) \"},\"default\":\"pwned\n```";
        const string destination = "s3://bucket/`x`/\"},\"email\":\"injected";
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason, Destination = destination });

        var message = standard.Build(pending);

        using var body = JsonDocument.Parse(message.Message);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(Protocols);
        using var chat = JsonDocument.Parse(Protocol(message, "https"));
        var description = chat.RootElement.GetProperty("content").GetProperty("description").GetString().ShouldNotBeNull();
        CountOf(description, "```").ShouldBe(2);
        description.ShouldNotContain("<!here>");
        description.ShouldNotContain("`x`");
        using var machine = JsonDocument.Parse(Protocol(message, "sqs"));
        machine.RootElement.GetProperty("statusReason").GetString().ShouldBe(reason);
        machine.RootElement.GetProperty("destination").GetString().ShouldBe(destination);
    }

    [Fact]
    public void Build_ControlCharactersInReason_RemovedFromTextButKeptInEvent()
    {
        const string reason = "line one\r\nline two\u0000\u001b[31mred";
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason });

        var message = standard.Build(pending);

        var email = Protocol(message, "email");
        email.ShouldContain("line one\nline two");
        email.ShouldNotContain('\u0000');
        email.ShouldNotContain('\u001b');
        email.ShouldNotContain('\r');
    }

    [Fact]
    public void Build_SamePending_IsDeterministic()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing);

        standard.Build(pending).ShouldBeEquivalentTo(standard.Build(pending));
    }

    [Theory]
    [InlineData("cn-north-1", "https://console.amazonaws.cn/neptune/home?region=cn-north-1")]
    [InlineData("us-gov-west-1", "https://console.amazonaws-us-gov.com/neptune/home?region=us-gov-west-1")]
    [InlineData("ap-southeast-2", "https://ap-southeast-2.console.aws.amazon.com/neptune/home?region=ap-southeast-2")]
    public void Build_Region_LinksTheConsoleOfItsPartition(string region, string link)
    {
        var builder = new NotificationBuilder(new NotificationOptions(region, FifoTopic: false));

        var message = builder.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)));

        Protocol(message, "email").ShouldContain(link);
    }

    [Theory]
    [InlineData("")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1\n")]
    [InlineData("useast1")]
    public void Constructor_BadRegion_ThrowsNamingRegion(string region)
    {
        var exception = Should.Throw<ArgumentException>(() => new NotificationBuilder(new NotificationOptions(region, false)));

        exception.Message.ShouldContain("Region");
    }

    [Theory]
    [InlineData("arn:aws:sns:us-east-1:123456789012:notify.fifo", true)]
    [InlineData("arn:aws:sns:us-east-1:123456789012:notify", false)]
    public void ForTopic_Arn_DetectsFifo(string arn, bool expected) =>
        NotificationOptions.ForTopic("us-east-1", arn).FifoTopic.ShouldBe(expected);

    internal static string Protocol(NotificationMessage message, string protocol)
    {
        using var body = JsonDocument.Parse(message.Message);
        return body.RootElement.GetProperty(protocol).GetString()!;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
