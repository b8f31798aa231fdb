using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Tests.Core;

namespace NeptuneNotifier.Tests.Adapters;

public sealed class SnsPublishEnvelopeTests
{
    private const string StandardTopic = TestAccount.TopicArn;
    private const string FifoTopic = "arn:aws:sns:eu-west-1:123456789012:neptune-notifier.fifo";

    /// <summary>The members of a published structure, in order: one per protocol a subscriber can have.</summary>
    internal static IReadOnlyList<string> Protocols { get; } = ["default", "email", "sms", "https", "sqs", "lambda"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions("us-east-1"));

    private readonly SnsPublishEnvelope standard = new(StandardTopic, Renderer);
    private readonly SnsPublishEnvelope fifo = new(FifoTopic, new NotificationRenderer(new NotificationOptions("eu-west-1")));

    [Fact]
    public void Build_Transition_HasEveryProtocolAsStringInValidJson()
    {
        var request = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting));

        using var body = JsonDocument.Parse(request.Message);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(Protocols);
        body.RootElement.EnumerateObject().ShouldAllBe(p => p.Value.ValueKind == JsonValueKind.String);
        SnsPublishEnvelope.MessageStructure.ShouldBe("json");
        request.MessageStructure.ShouldBe("json");
        request.TopicArn.ShouldBe(StandardTopic);
    }

    [Fact]
    public void Build_Transition_EachProtocolGetsItsRenderedForm()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "AccessDenied" }, NeptuneTaskStatus.Exporting, version: 7);
        var rendered = Renderer.Render(pending);

        var request = standard.Build(pending);

        request.Subject.ShouldBe(rendered.Subject);
        Protocol(request, "email").ShouldBe(rendered.EmailText);
        Protocol(request, "default").ShouldBe(Protocol(request, "email"));
        Protocol(request, "sms").ShouldBe(rendered.Subject);
        Protocol(request, "https").ShouldBe(rendered.ChatPayload);
        Protocol(request, "sqs").ShouldBe(rendered.MachineEvent);
        Protocol(request, "lambda").ShouldBe(Protocol(request, "sqs"));
    }

    [Fact]
    public void Build_Transition_SetsFilterAttributes()
    {
        var request = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Cancelled), NeptuneTaskStatus.Cancelling));

        Attributes(request).ShouldBe(new Dictionary<string, string>
        {
            ["status"] = "CANCELLED",
            ["graphId"] = TestData.GraphId,
            ["taskId"] = "t-abcdefghij",
            ["terminal"] = "true",
            ["kind"] = "transition",
        }, ignoreOrder: true);
        request.MessageAttributes.ShouldNotBeNull().Values.ShouldAllBe(v => v.DataType == "String");
    }

    [Fact]
    public void Build_GoneTaskNeverSeen_OmitsEmptyGraphAttribute()
    {
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = string.Empty, Status = NeptuneTaskStatus.Gone };

        var request = standard.Build(TestData.Pending(snapshot));

        Attributes(request).ShouldNotContainKey("graphId");
        Attributes(request)["terminal"].ShouldBe("true");
        Protocol(request, "email").ShouldContain("Graph: unknown");
    }

    [Fact]
    public void Build_HugeStatusReason_StaysUnderThePublishLimit()
    {
        var reason = string.Concat(Enumerable.Repeat("Export failed because of a very long and repeated reason. ", 300_000 / 58 + 1))[..300_000];
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason }, NeptuneTaskStatus.Exporting);

        var request = standard.Build(pending);

        SnsPublishEnvelope.Size(request).ShouldBeLessThanOrEqualTo(SnsPublishEnvelope.MaxPublishBytes);
        Encoding.UTF8.GetByteCount(request.Message).ShouldBeGreaterThan(200_000);
        using var machine = JsonDocument.Parse(Protocol(request, "sqs"));
        machine.RootElement.GetProperty("statusReasonTruncated").GetBoolean().ShouldBeTrue();
        machine.RootElement.GetProperty("statusReason").GetString().ShouldNotBeNull().ShouldContain("more characters cut");
        // SNS sends no SMS above 1,600 characters (Publish, Message): SMS gets the one-line subject, whatever the reason.
        Protocol(request, "sms").Length.ShouldBeLessThanOrEqualTo(140);
    }

    // The details bound the cut as much as the reason does: with no reason, they are kept as far as they fit.
    [Fact]
    public void Build_ImportWithHugeErrorDetailsAndNoReason_KeepsTheDetailsThatFit()
    {
        var details = "Line 1: bad header\n" + new string('e', 300_000);
        var pending = TestData.Pending(
            TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { Kind = TaskKind.Import, StatusReason = null, ErrorDetails = details },
            NeptuneTaskStatus.Importing);

        var request = standard.Build(pending);

        SnsPublishEnvelope.Size(request).ShouldBeLessThanOrEqualTo(SnsPublishEnvelope.MaxPublishBytes);
        Encoding.UTF8.GetByteCount(request.Message).ShouldBeGreaterThan(200_000);
        using var machine = JsonDocument.Parse(Protocol(request, "sqs"));
        machine.RootElement.GetProperty("errorDetails").GetString().ShouldNotBeNull().ShouldStartWith("Line 1: bad header");
    }

    [Fact]
    public void Build_HugeNonAsciiReason_StaysUnderLimitWithoutSplittingCharacters()
    {
        // Four-byte characters (surrogate pairs in UTF-16) mixed with three-byte ones: the cut must land between characters.
        var reason = string.Concat(Enumerable.Repeat("𝔘ñ✓漢字", 60_000));
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason });

        var request = standard.Build(pending);

        SnsPublishEnvelope.Size(request).ShouldBeLessThanOrEqualTo(SnsPublishEnvelope.MaxPublishBytes);
        Should.NotThrow(() => StrictUtf8.GetBytes(request.Message));
        using var machine = JsonDocument.Parse(Protocol(request, "sqs"));
        var kept = machine.RootElement.GetProperty("statusReason").GetString().ShouldNotBeNull();
        kept.ShouldStartWith("𝔘ñ✓漢字𝔘ñ✓漢字");
        kept.ShouldNotContain('\uFFFD');
    }

    [Fact]
    public void Build_NonAsciiReason_KeptReadable()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Zugriff verweigert für Bucket «exports» — 権限がありません" });

        var request = standard.Build(pending);

        Protocol(request, "email").ShouldContain("Zugriff verweigert für Bucket «exports» — 権限がありません");
        request.Message.ShouldContain("権限がありません");
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
        var request = standard.Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)));

        request.MessageGroupId.ShouldBeNull();
        request.MessageDeduplicationId.ShouldBeNull();
    }

    [Fact]
    public void Build_HostileReasonAndDestination_CannotBreakTheStructure()
    {
        var request = standard.Build(NotificationRendererTests.Hostile());

        using var body = JsonDocument.Parse(request.Message);
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(Protocols);
        using var machine = JsonDocument.Parse(Protocol(request, "sqs"));
        machine.RootElement.GetProperty("statusReason").GetString().ShouldBe(NotificationRendererTests.HostileReason);
    }

    [Fact]
    public void Build_SamePending_IsDeterministic()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing);

        fifo.Build(pending).ShouldBeEquivalentTo(fifo.Build(pending));
        standard.Build(pending).ShouldBeEquivalentTo(standard.Build(pending));
    }

    [Theory]
    [InlineData(TestAccount.FifoTopicArn, true)]
    [InlineData(TestAccount.TopicArn, false)]
    public void Constructor_TopicArn_DetectsFifo(string arn, bool expected) =>
        new SnsPublishEnvelope(arn, Renderer).Fifo.ShouldBe(expected);

    [Fact]
    public void Constructor_FifoGiven_OverridesTheTopicName()
    {
        var request = new SnsPublishEnvelope(StandardTopic, Renderer, fifo: true).Build(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)));

        (request.MessageGroupId, request.MessageDeduplicationId).ShouldBe(("t-abcdefghij", "t-abcdefghij:1:EXPORTING"));
    }

    // The published structure's member for one protocol: what a subscriber of that protocol is delivered.
    internal static string Protocol(PublishRequest request, string protocol)
    {
        using var body = JsonDocument.Parse(request.Message);
        return body.RootElement.GetProperty(protocol).GetString()!;
    }

    internal static Dictionary<string, string> Attributes(PublishRequest request) =>
        (request.MessageAttributes ?? new Dictionary<string, MessageAttributeValue>())
            .ToDictionary(a => a.Key, a => a.Value.StringValue ?? string.Empty, StringComparer.Ordinal);
}
