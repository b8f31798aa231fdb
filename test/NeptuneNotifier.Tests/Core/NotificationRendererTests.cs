namespace NeptuneNotifier.Tests.Core;

public sealed class NotificationRendererTests
{
    // A reason and a destination that try to close code spans, ping a channel and break out of JSON strings.
    internal const string HostileReason = "```\n<!here> *bold* _it_ [click](https://evil.example) \"},\"default\":\"pwned\n```";
    internal const string HostileDestination = "s3://bucket/`x`/\"},\"email\":\"injected";

    private readonly NotificationRenderer renderer = new(new NotificationOptions(TestAccount.Region));

    [Fact]
    public void Render_Transition_EmailTextNamesEverythingAReaderNeeds()
    {
        var rendered = renderer.Render(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded) with { StatusReason = "All done" }, NeptuneTaskStatus.Exporting));

        var email = rendered.EmailText;
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
    }

    [Fact]
    public void Render_Transition_IdentityNamesTheTransition()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed), NeptuneTaskStatus.Exporting, version: 7);

        var identity = renderer.Render(pending).Identity;

        identity.ShouldBe(new NotificationIdentity(pending.NotificationId, "t-abcdefghij", TaskKind.Export, TestData.GraphId, NeptuneTaskStatus.Failed, NeptuneTaskStatus.Exporting, 7, TestData.Start));
        identity.Terminal.ShouldBeTrue();
    }

    [Fact]
    public void Render_MissingCounts_SaysNotReportedAndWritesNulls()
    {
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = TestData.GraphId, Status = NeptuneTaskStatus.Initializing };

        var rendered = renderer.Render(TestData.Pending(snapshot));

        var email = rendered.EmailText;
        email.ShouldContain("Vertices written: not reported");
        email.ShouldContain("Edges written: not reported");
        email.ShouldContain("Progress: not reported");
        email.ShouldContain("Previous status: none (first seen)");
        using var machine = JsonDocument.Parse(rendered.MachineEvent);
        machine.RootElement.GetProperty("numVerticesWritten").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("numEdgesWritten").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("previousStatus").ValueKind.ShouldBe(JsonValueKind.Null);
        machine.RootElement.GetProperty("statusReason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Render_MachineEvent_IsVersionedAndCarriesTheSnapshot()
    {
        var rendered = renderer.Render(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "AccessDenied" }, NeptuneTaskStatus.Exporting, version: 7));

        using var machine = JsonDocument.Parse(rendered.MachineEvent);
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
    }

    [Fact]
    public void Render_GoneTaskNeverSeen_GraphIsUnknown()
    {
        var snapshot = new TaskSnapshot { TaskId = "t-abcdefghij", GraphId = string.Empty, Status = NeptuneTaskStatus.Gone };

        var rendered = renderer.Render(TestData.Pending(snapshot));

        rendered.Identity.GraphId.ShouldBeNull();
        rendered.Identity.Terminal.ShouldBeTrue();
        rendered.EmailText.ShouldContain("Graph: unknown");
    }

    [Fact]
    public void Render_ReasonLimit_CutsTheReasonInEveryFormAndSaysSo()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = new string('x', 5_000) });

        var full = renderer.Render(pending);
        var cut = renderer.Render(pending, reasonLimit: 100);

        full.ReasonCut.ShouldBeFalse();
        cut.ReasonCut.ShouldBeTrue();
        cut.EmailText.ShouldContain("Reason: " + new string('x', 100) + "… [4900 more characters cut]");
        using var machine = JsonDocument.Parse(cut.MachineEvent);
        machine.RootElement.GetProperty("statusReasonTruncated").GetBoolean().ShouldBeTrue();
        machine.RootElement.GetProperty("statusReason").GetString().ShouldBe(new string('x', 100) + "… [4900 more characters cut]");
        cut.ChatPayload.ShouldNotContain(new string('x', 101));
        (cut.Identity, cut.DeduplicationKey, cut.Subject).ShouldBe((full.Identity, full.DeduplicationKey, full.Subject));
    }

    [Fact]
    public void Render_NonAsciiReason_KeptReadable()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Zugriff verweigert für Bucket «exports» — 権限がありません" });

        var rendered = renderer.Render(pending);

        rendered.EmailText.ShouldContain("Zugriff verweigert für Bucket «exports» — 権限がありません");
        rendered.MachineEvent.ShouldContain("権限がありません");
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("SOME_VERY_LONG_FUTURE_STATUS_VALUE_THAT_NOBODY_EXPECTED_TO_SEE_EVER")]
    [InlineData("weird status; DROP TABLE")]
    public void Render_AnyStatus_SubjectUnder100CharsWithoutControlCharacters(string status)
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", new NeptuneTaskStatus(status[..Math.Min(status.Length, NeptuneTaskStatus.MaxLength)])));

        var subject = renderer.Render(pending).Subject;

        subject.Length.ShouldBeLessThan(100);
        subject.ShouldNotContain(c => char.IsControl(c));
        subject.ShouldAllBe(c => char.IsAscii(c));
        char.IsAsciiLetterOrDigit(subject[0]).ShouldBeTrue();
        subject.ShouldContain("t-abcdefghij");
        subject.ShouldEndWith(TestData.GraphId);
    }

    [Fact]
    public void Render_Claim_DeduplicationKeyIsTaskVersionAndStatusToken()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 3);

        // A republish renews the lease only: the same rendering, the same key.
        renderer.Render(pending with { LeaseUntil = pending.LeaseUntil.AddHours(1) }).ShouldBe(renderer.Render(pending));
        renderer.Render(pending).DeduplicationKey.ShouldBe("t-abcdefghij:3:SUCCEEDED");
        renderer.Render(pending with { Version = 4 }).DeduplicationKey.ShouldBe("t-abcdefghij:4:SUCCEEDED");
        renderer.Render(pending with { Snapshot = pending.Snapshot with { Status = new NeptuneTaskStatus("ÉTAT inconnu ✓") } })
            .DeduplicationKey.ShouldMatch("^t-abcdefghij:3:[0-9a-f]{64}$");
    }

    [Fact]
    public void Render_Chatbot_FollowsCustomNotificationSchema()
    {
        var rendered = renderer.Render(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting));

        using var chat = JsonDocument.Parse(rendered.ChatPayload);
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
        metadata.GetProperty("eventType").GetString().ShouldBe(NotificationRenderer.EventType);
        metadata.GetProperty("relatedResources").EnumerateArray().Select(r => r.GetString()).ShouldContain("t-abcdefghij");
    }

    [Fact]
    public void Render_HostileReasonAndDestination_CannotBreakMarkdownOrJson()
    {
        var rendered = renderer.Render(Hostile());

        using var chat = JsonDocument.Parse(rendered.ChatPayload);
        var description = chat.RootElement.GetProperty("content").GetProperty("description").GetString().ShouldNotBeNull();
        CountOf(description, "```").ShouldBe(2);
        description.ShouldNotContain("<!here>");
        description.ShouldNotContain("`x`");
        using var machine = JsonDocument.Parse(rendered.MachineEvent);
        machine.RootElement.GetProperty("statusReason").GetString().ShouldBe(HostileReason);
        machine.RootElement.GetProperty("destination").GetString().ShouldBe(HostileDestination);
    }

    [Fact]
    public void Render_ControlCharactersInReason_RemovedFromTextButKeptInEvent()
    {
        const string reason = "line one\r\nline two\u0000\u001b[31mred";
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = reason });

        var rendered = renderer.Render(pending);

        var email = rendered.EmailText;
        email.ShouldContain("line one\nline two");
        email.ShouldNotContain('\u0000');
        email.ShouldNotContain('\u001b');
        email.ShouldNotContain('\r');
    }

    [Fact]
    public void Render_SamePending_IsDeterministic()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing);

        renderer.Render(pending).ShouldBeEquivalentTo(renderer.Render(pending));
    }

    [Fact]
    public void Render_IndentedJson_SameFormsIndentedForReading()
    {
        var pending = TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = "Access denied \"quoted\" ✓" }, NeptuneTaskStatus.Exporting);
        var indented = new NotificationRenderer(new NotificationOptions(TestAccount.Region, IndentedJson: true));

        var compact = renderer.Render(pending);
        var readable = indented.Render(pending);

        readable.ChatPayload.ShouldContain("\n  \"source\": \"custom\",\n");
        readable.MachineEvent.ShouldContain("\n  \"schemaVersion\": \"1\",\n");
        Reserialized(readable.ChatPayload).ShouldBe(compact.ChatPayload);
        Reserialized(readable.MachineEvent).ShouldBe(compact.MachineEvent);
        (readable with { ChatPayload = compact.ChatPayload, MachineEvent = compact.MachineEvent }).ShouldBe(compact);
    }

    [Theory]
    [InlineData("cn-north-1", "https://console.amazonaws.cn/neptune/home?region=cn-north-1")]
    [InlineData("us-gov-west-1", "https://console.amazonaws-us-gov.com/neptune/home?region=us-gov-west-1")]
    [InlineData("ap-southeast-2", "https://ap-southeast-2.console.aws.amazon.com/neptune/home?region=ap-southeast-2")]
    public void Render_Region_LinksTheConsoleOfItsPartition(string region, string link)
    {
        var regional = new NotificationRenderer(new NotificationOptions(region));

        var rendered = regional.Render(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting)));

        rendered.EmailText.ShouldContain(link);
    }

    [Theory]
    [InlineData("")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1\n")]
    [InlineData("useast1")]
    public void Constructor_BadRegion_ThrowsNamingRegion(string region)
    {
        var exception = Should.Throw<ArgumentException>(() => new NotificationRenderer(new NotificationOptions(region)));

        exception.Message.ShouldContain("Region");
    }

    internal static PendingNotification Hostile() =>
        TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Failed) with { StatusReason = HostileReason, Destination = HostileDestination });

    // The compact form of a JSON text, written the way the renderer writes it.
    private static string Reserialized(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
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

    private static TaskSnapshot ImportSnapshot(NeptuneTaskStatus status) =>
        TestData.ImportSnapshot("t-imp0rt0001", status) with
        {
            Destination = "s3://imports-bucket/orders/",
            ErrorCount = 2,
            ErrorDetails = "Line 42: unknown column ~label",
            StatusReason = "Malformed CSV header in s3://imports-bucket/orders/vertices.csv",
        };

    [Fact]
    public void Render_ImportFailed_EveryFormSaysImportAndCarriesTheImportsOwnFigures()
    {
        var rendered = renderer.Render(TestData.Pending(ImportSnapshot(NeptuneTaskStatus.Failed), NeptuneTaskStatus.Importing));

        rendered.Subject.ShouldBe($"FAILED: Neptune Analytics import t-imp0rt0001 on {TestData.GraphId}");
        var email = rendered.EmailText;
        email.ShouldStartWith("Neptune Analytics import task t-imp0rt0001 is now FAILED (was IMPORTING).");
        email.ShouldContain("Reason: Malformed CSV header");
        email.ShouldContain("Statements: 1,234,567");
        email.ShouldContain("Dictionary entries: 89,012");
        email.ShouldContain("Errors: 2");
        email.ShouldContain("Error details: Line 42: unknown column ~label");
        email.ShouldContain("Source: s3://imports-bucket/orders/");
        email.ShouldNotContain("Vertices written");
        email.ShouldNotContain("Destination");

        using var chat = JsonDocument.Parse(rendered.ChatPayload);
        var content = chat.RootElement.GetProperty("content");
        content.GetProperty("title").GetString().ShouldBe("❌ Neptune Analytics import t-imp0rt0001 FAILED");
        var description = content.GetProperty("description").GetString()!;
        description.ShouldContain("*Errors:* 2");
        description.ShouldContain("*Source:*");
        description.ShouldContain("*Error details:*");

        using var machine = JsonDocument.Parse(rendered.MachineEvent);
        var root = machine.RootElement;
        root.GetProperty("schemaVersion").GetString().ShouldBe("1");
        root.GetProperty("taskKind").GetString().ShouldBe("import");
        root.GetProperty("statementCount").GetInt64().ShouldBe(1_234_567);
        root.GetProperty("dictionaryEntryCount").GetInt64().ShouldBe(89_012);
        root.GetProperty("errorCount").GetInt32().ShouldBe(2);
        root.GetProperty("errorDetails").GetString().ShouldBe("Line 42: unknown column ~label");
        root.GetProperty("source").GetString().ShouldBe("s3://imports-bucket/orders/");
        root.GetProperty("destination").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("numVerticesWritten").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("ANALYZING_DATA", "analyzing the source data")]
    [InlineData("IMPORTING", "loading the data into the graph")]
    [InlineData("REPROVISIONING", "resizing the graph for the load")]
    [InlineData("ROLLING_BACK", "undoing the load after a failure")]
    public void Render_StatusOnlyImportsHave_IsExplainedInTheEmailAndTheChat(string status, string meaning)
    {
        var rendered = renderer.Render(TestData.Pending(ImportSnapshot(new NeptuneTaskStatus(status)), NeptuneTaskStatus.Initializing));

        rendered.EmailText.ShouldContain($"Status: {status} ({meaning})");
        using var chat = JsonDocument.Parse(rendered.ChatPayload);
        chat.RootElement.GetProperty("content").GetProperty("description").GetString()!.ShouldContain($"`{status}` ({meaning})");
    }

    [Fact]
    public void Render_Export_MachineEventHasTheImportFieldsAsNull()
    {
        using var machine = JsonDocument.Parse(renderer.Render(TestData.Pending(TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Succeeded))).MachineEvent);
        var root = machine.RootElement;

        foreach (var field in new[] { "statementCount", "dictionaryEntryCount", "errorCount", "errorDetails", "source" })
        {
            root.GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null, field);
        }

        root.GetProperty("destination").GetString().ShouldBe("s3://exports-bucket/graph/");
    }
}
