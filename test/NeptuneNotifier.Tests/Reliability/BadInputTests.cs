using System.Text.RegularExpressions;
using NeptuneNotifier.Aws.NeptuneGraph;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Core.Settings;
using NeptuneNotifier.Function.Events;
using NeptuneNotifier.Tests.Adapters;
using NeptuneNotifier.Tests.Clients;

namespace NeptuneNotifier.Tests.Reliability;

/// <summary>The bad-input corpus cases that need no server: events, identifiers, hostile strings in notifications, setting values.</summary>
public sealed partial class BadInputTests
{
    private static readonly FunctionIdentity Self = new(TestAccount.Id, TestAccount.Region);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TheoryData<string> Events => BadInputCorpus.Cases("event");

    public static TheoryData<string> TaskIdCases => BadInputCorpus.Cases("task-id");

    public static TheoryData<string> GraphIdCases => BadInputCorpus.Cases("graph-id");

    public static TheoryData<string> StatusReasons => BadInputCorpus.Cases("status-reason");

    public static TheoryData<string> SettingCases => BadInputCorpus.Cases("setting");

    [Fact]
    public void Corpus_EveryFolder_IsAKnownKindWithCases()
    {
        var folders = Directory.EnumerateDirectories(BadInputCorpus.Directory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList();

        folders.ShouldBe(BadInputCorpus.Kinds.Order(StringComparer.Ordinal).ToList(), "every corpus folder needs a runner, and every runner a folder");
        foreach (var kind in BadInputCorpus.Kinds)
        {
            BadInputCorpus.Names(kind).ShouldNotBeEmpty($"corpus kind {kind} has no cases");
        }
    }

    [Theory]
    [MemberData(nameof(Events))]
    public Task Parse_CorpusEvent_HasItsExpectedOutcome(string name)
    {
        var testCase = BadInputCorpus.Load("event", name);
        var payload = testCase.Bytes("text");

        return BadInputCorpus.VerifyAsync(testCase, () =>
        {
            switch (testCase.Outcome)
            {
                case "rejected":
                    var message = Should.Throw<InvalidEventException>(() => EventParser.Parse(payload, Self), testCase.Description).Message;
                    foreach (var expected in testCase.Strings("contains"))
                    {
                        message.ShouldContain(expected, Case.Sensitive, $"{testCase}: {message}");
                    }

                    foreach (var forbidden in testCase.Strings("notContains"))
                    {
                        message.ShouldNotContain(forbidden, Case.Sensitive, $"{testCase}");
                    }

                    message.Length.ShouldBeLessThanOrEqualTo(testCase.Number("maxMessageLength") ?? 2_000, $"{testCase}: the error must stay readable");
                    break;
                case "ignored":
                    var ignored = EventParser.Parse(payload, Self).ShouldBeOfType<IgnoreCommand>(testCase.Description);
                    foreach (var expected in testCase.Strings("contains"))
                    {
                        ignored.Reason.ShouldContain(expected);
                    }

                    break;
                case "track":
                    EventParser.Parse(payload, Self).ShouldBeOfType<TrackCommand>(testCase.Description).TaskIds.ShouldBe(testCase.Strings("taskIds"));
                    break;
                default:
                    throw new InvalidDataException($"{testCase}: unknown outcome '{testCase.Outcome}'");
            }
        });
    }

    [Theory]
    [MemberData(nameof(TaskIdCases))]
    public Task Validate_CorpusTaskId_IsRejectedEverywhereBeforeAnyRequest(string name) =>
        VerifyRejectedAsync("task-id", name, async (testCase, value) =>
        {
            TaskIds.IsTaskId(value).ShouldBeFalse(testCase.Description);
            Should.Throw<ArgumentException>(() => TaskValidation.ThrowIfInvalid([new TaskToTrack(value)]));
            await Should.ThrowAsync<ArgumentException>(() => new InMemoryTaskStateStore().TrackAsync([new TaskToTrack(value)], TestData.Start, TestContext.Current.CancellationToken));
            var track = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["track"] = [value] }));
            Should.Throw<InvalidEventException>(() => EventParser.Parse(track, Self)).Message.ShouldContain("not a task ID");

            using var client = UnreachableClients.NeptuneGraph();
            var error = await Should.ThrowAsync<ArgumentException>(() => client.GetExportTaskAsync(new GetExportTaskRequest { TaskIdentifier = value }, TestContext.Current.CancellationToken));
            error.ParamName.ShouldBe("TaskIdentifier");
            error.Message.ShouldContain("not a Neptune Analytics task ID");
        });

    [Theory]
    [MemberData(nameof(GraphIdCases))]
    public Task Validate_CorpusGraphId_IsRejectedEverywhereBeforeAnyRequest(string name) =>
        VerifyRejectedAsync("graph-id", name, async (testCase, value) =>
        {
            TaskIds.IsGraphId(value).ShouldBeFalse(testCase.Description);
            new PollCycleOptions { GraphIds = [value] }.Validate().ShouldHaveSingleItem().ShouldStartWith("GraphIds:");
            Should.Throw<ArgumentException>(() => TaskValidation.ThrowIfInvalid([new TaskToTrack("t-0a1b2c3d4e", value)]));
            using var client = UnreachableClients.NeptuneGraph();
            var error = await Should.ThrowAsync<ArgumentException>(() => client.ListExportTasksAsync(new ListExportTasksRequest { GraphIdentifier = value }, TestContext.Current.CancellationToken));
            error.ParamName.ShouldBe("GraphIdentifier");
        });

    [Theory]
    [MemberData(nameof(StatusReasons))]
    public Task Build_CorpusHostileText_GivesAMessageEveryProtocolCanCarry(string name)
    {
        var testCase = BadInputCorpus.Load("status-reason", name);
        var status = testCase.InputString("status") is { } value ? new NeptuneTaskStatus(value) : NeptuneTaskStatus.Failed;
        var snapshot = TestData.Snapshot("t-0a1b2c3d4e", status) with
        {
            StatusReason = testCase.Text("reason"),
            Destination = testCase.InputString("destination") ?? "s3://exports-bucket/graph/",
        };

        return BadInputCorpus.VerifyAsync(testCase, () =>
        {
            testCase.Outcome.ShouldBe("safe");
            foreach (var fifo in new[] { true, false })
            {
                var envelope = new SnsPublishEnvelope(TestAccount.TopicArn, new NotificationRenderer(new NotificationOptions(TestAccount.Region)), fifo);
                var message = envelope.Build(TestData.Pending(snapshot, NeptuneTaskStatus.Exporting, version: 3));
                ShouldBeSafe(message, status, fifo, testCase.ToString());
            }
        });
    }

    /// <summary>
    /// A refused setting value (input.variable, input.value, or input.repeat for a long one) with AWS_REGION input.region:
    /// the function's settings and the CLI's both refuse it with one error, naming the variable.
    /// </summary>
    [Theory]
    [MemberData(nameof(SettingCases))]
    public Task Load_CorpusSetting_IsRefusedByTheFunctionAndTheCli(string name)
    {
        var testCase = BadInputCorpus.Load("setting", name);
        var variable = testCase.InputString("variable") ?? throw new InvalidDataException($"{testCase}: input.variable is missing");
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TABLE_NAME"] = "neptune-notifier-tasks",
            ["AWS_REGION"] = testCase.InputString("region") ?? TestAccount.Region,
            [variable] = testCase.Text("value") ?? throw new InvalidDataException($"{testCase}: input.value is missing"),
        };

        return BadInputCorpus.VerifyAsync(testCase, () =>
        {
            testCase.Outcome.ShouldBe("rejected");
            foreach (var read in new Action[] { () => NotifierSettings.Load(variables), () => SettingValues.Read(variables) })
            {
                var message = Should.Throw<SettingsException>(read, testCase.Description).Errors.ShouldHaveSingleItem(testCase.ToString());
                message.ShouldStartWith($"{variable} '", Case.Sensitive, testCase.ToString());
                foreach (var expected in testCase.Strings("contains"))
                {
                    message.ShouldContain(expected, Case.Sensitive, $"{testCase}: {message}");
                }
            }
        });
    }

    /// <summary>Runs <paramref name="check"/> on the input.value of a corpus case whose outcome is "rejected".</summary>
    private static Task VerifyRejectedAsync(string kind, string name, Func<BadInputCase, string, Task> check)
    {
        var testCase = BadInputCorpus.Load(kind, name);
        var value = testCase.InputString("value") ?? throw new InvalidDataException($"{testCase}: input.value is missing");

        return BadInputCorpus.VerifyAsync(testCase, () =>
        {
            testCase.Outcome.ShouldBe("rejected");
            return check(testCase, value);
        });
    }

    private static void ShouldBeSafe(PublishRequest message, NeptuneTaskStatus status, bool fifo, string label)
    {
        SnsPublishEnvelope.Size(message).ShouldBeLessThanOrEqualTo(SnsPublishEnvelope.MaxPublishBytes, label);
        var subject = message.Subject.ShouldNotBeNull();
        subject.Length.ShouldBeInRange(1, 99, label);
        ShouldBePrintable(subject, allowNewLines: false, $"{label} subject");
        var attributes = SnsPublishEnvelopeTests.Attributes(message);
        foreach (var (key, value) in attributes)
        {
            ShouldBePrintable(value, allowNewLines: false, $"{label} attribute {key}");
        }

        attributes["status"].ShouldBe(status.Value, label);
        if (fifo)
        {
            message.MessageDeduplicationId.ShouldNotBeNull().ShouldMatch(SnsFifoIdPattern().ToString(), label);
            message.MessageGroupId.ShouldNotBeNull().ShouldMatch(SnsFifoIdPattern().ToString(), label);
        }

        using var structure = JsonDocument.Parse(message.Message);
        structure.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(SnsPublishEnvelopeTests.Protocols, label);
        foreach (var protocol in structure.RootElement.EnumerateObject())
        {
            ShouldBePrintable(protocol.Value.GetString()!, allowNewLines: true, $"{label} {protocol.Name}");
        }

        using var chat = JsonDocument.Parse(structure.RootElement.GetProperty("https").GetString()!);
        chat.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList().ShouldBe(["content", "id", "metadata", "source", "version"], $"{label}: the Chatbot payload gained or lost members");
        chat.RootElement.GetProperty("version").GetString().ShouldBe("1.0", label);
        chat.RootElement.GetProperty("source").GetString().ShouldBe("custom", label);
        var content = chat.RootElement.GetProperty("content");
        var title = content.GetProperty("title").GetString()!;
        var description = content.GetProperty("description").GetString()!;
        ShouldBePrintable(title, allowNewLines: false, $"{label} chat title");
        foreach (var text in new[] { title, description }.Concat(content.TryGetProperty("nextSteps", out var steps) ? steps.EnumerateArray().Select(s => s.GetString()!) : []))
        {
            text.ShouldNotContain("<!", Case.Sensitive, $"{label}: a Slack broadcast or link sequence survived");
            text.ShouldNotContain("<@", Case.Sensitive, $"{label}: a Slack mention survived");
            text.ShouldNotContain("<http", Case.Sensitive, $"{label}: a Slack link survived");
        }

        var fences = Regex.Count(description, "```");
        fences.ShouldBeOneOf([0, 2], $"{label}: the reason's code block was broken out of:\n{description}");
        if (fences == 2)
        {
            description.TrimEnd().EndsWith("```", StringComparison.Ordinal).ShouldBeTrue($"{label}: text after the reason's code block:\n{description}");
        }

        foreach (var machine in new[] { "sqs", "lambda" })
        {
            using var machineEvent = JsonDocument.Parse(structure.RootElement.GetProperty(machine).GetString()!);
            machineEvent.RootElement.GetProperty("status").GetString().ShouldBe(status.Value, label);
            machineEvent.RootElement.GetProperty("taskId").GetString().ShouldBe("t-0a1b2c3d4e", label);
            machineEvent.RootElement.GetProperty("version").GetInt64().ShouldBe(3, label);
        }
    }

    private static void ShouldBePrintable(string value, bool allowNewLines, string label)
    {
        Should.NotThrow(() => StrictUtf8.GetByteCount(value), $"{label}: not encodable as UTF-8 (a lone surrogate)");
        var bad = value.Where(c => char.IsControl(c) && !(allowNewLines && c == '\n')).Select(c => $"U+{(int)c:X4}").Distinct().ToList();
        bad.ShouldBeEmpty($"{label}: control characters survived");
        value.Contains('\u202e', StringComparison.Ordinal).ShouldBeFalse($"{label}: a right-to-left override survived");
    }

    // SNS: MessageDeduplicationId and MessageGroupId are 1 to 128 of alphanumerics and punctuation.
    [GeneratedRegex(@"^[\x21-\x7E]{1,128}$")]
    private static partial Regex SnsFifoIdPattern();
}
