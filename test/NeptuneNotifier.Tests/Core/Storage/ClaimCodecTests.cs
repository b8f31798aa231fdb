using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Tests.Core.Storage;

/// <summary>
/// The stored shape of a claim is spelled out here as text, so a change to it (a renamed field, a new encoding) fails a
/// test instead of silently changing what DynamoDB items and SQLite files hold.
/// </summary>
public sealed class ClaimCodecTests
{
    private const string TaskId = "t-abcde12345";

    // Format 1, field by field: what every store writes for a claimed transition (docs/state-schema.md).
    private const string FormatOneTransition =
        """{"claimFormat":1,"snapshot":{"status":"FAILED","kind":"import","graphId":"g-0123456789","statusReason":"out of memory","format":"PARQUET","parquetType":"COLUMNAR","destination":"s3://exports-bucket/graph/","kmsKeyIdentifier":"arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555","roleArn":"arn:aws:iam::123456789012:role/NeptuneExport","progressPercentage":40,"timeElapsedSeconds":3723,"numVerticesWritten":1234567,"numEdgesWritten":7654321,"startTime":"2026-03-01T11:00:00.1230000+00:00"},"pending":{"notificationId":"n-1","version":3,"detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:02:00.0000000+00:00","previousStatus":"EXPORTING"}}""";

    private static readonly TaskSnapshot Full = TestData.Snapshot(TaskId, NeptuneTaskStatus.Failed) with
    {
        Kind = TaskKind.Import,
        StatusReason = "out of memory",
        StartTime = TestData.Start.AddHours(-1).AddMilliseconds(123),
    };

    private static readonly PendingNotification Transition =
        new("n-1", NeptuneTaskStatus.Exporting, Full, 3, TestData.Start, TestData.Start.AddMinutes(2));

    [Fact]
    public void Encode_Transition_WritesFormatOneWithEveryFieldSpelledOut()
    {
        Text(ClaimCodec.Encode(Transition)).ShouldBe(FormatOneTransition);
    }

    [Fact]
    public void Encode_TimesInAnotherOffset_WritesThemInUtc()
    {
        var east = new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(2));

        var claim = ClaimCodec.Encode(Transition with { DetectedAt = east });

        claim["pending"]!["detectedAt"]!.GetValue<string>().ShouldBe("2026-03-01T12:00:00.0000000+00:00");
    }

    [Fact]
    public void Encode_RecordedSnapshotWithoutOptionalFields_WritesOnlyWhatItHas()
    {
        var sparse = new TaskSnapshot { TaskId = TaskId, GraphId = "", Status = NeptuneTaskStatus.Succeeded };

        Text(ClaimCodec.Encode(sparse)).ShouldBe("""{"claimFormat":1,"snapshot":{"status":"SUCCEEDED","kind":"export","graphId":""}}""");
    }

    [Fact]
    public void Decode_EncodedTransition_RoundTrips()
    {
        var claim = ClaimCodec.Decode(Reparse(ClaimCodec.Encode(Transition)), TaskId, "here").ShouldNotBeNull();

        claim.ShouldBe(new StoredClaim(Full, Transition));
    }

    [Fact]
    public void Decode_EncodedSparseSnapshot_RoundTripsNulls()
    {
        var sparse = new TaskSnapshot { TaskId = TaskId, GraphId = "", Status = new NeptuneTaskStatus("SOMETHING_NEW") };

        var claim = ClaimCodec.Decode(Reparse(ClaimCodec.Encode(sparse)), TaskId, "here").ShouldNotBeNull();

        claim.ShouldBe(new StoredClaim(sparse, null));
    }

    [Fact]
    public void Decode_WithoutFormat_ReadsAsFormatOne()
    {
        // DynamoDB items claimed before the format was recorded: today's shape without claimFormat.
        var unversioned = JsonNode.Parse(FormatOneTransition)!.AsObject();
        unversioned.Remove("claimFormat");

        var claim = ClaimCodec.Decode(unversioned, TaskId, "here").ShouldNotBeNull();

        claim.ShouldBe(new StoredClaim(Full, Transition));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void Decode_UnknownFormat_FailsNamingTaskAndFormat(int format)
    {
        var claim = JsonNode.Parse(FormatOneTransition)!.AsObject();
        claim["claimFormat"] = format;

        var exception = Should.Throw<InvalidDataException>(() => ClaimCodec.Decode(claim, TaskId, "State table 'T', item 't-abcde12345'"));

        exception.Message.ShouldContain("State table 'T'");
        exception.Message.ShouldContain($"task {TaskId}");
        exception.Message.ShouldContain($"format {format}");
    }

    [Fact]
    public void Encode_TransitionSomeChannelsDelivered_WritesFormatTwoWithTheDeliveries()
    {
        var delivered = Transition with { Delivered = DeliveredChannels.None.With("sns", "m-7").With("eventbridge", "e-9") };

        var text = Text(ClaimCodec.Encode(delivered));

        text.ShouldBe(FormatOneTransition
            .Replace("\"claimFormat\":1", "\"claimFormat\":2", StringComparison.Ordinal)
            .Replace("\"previousStatus\":\"EXPORTING\"}", "\"previousStatus\":\"EXPORTING\",\"delivered\":{\"eventbridge\":\"e-9\",\"sns\":\"m-7\"}}", StringComparison.Ordinal));
        ClaimCodec.Decode(Reparse(ClaimCodec.Encode(delivered)), TaskId, "here").ShouldBe(new StoredClaim(Full, delivered));
    }

    [Fact]
    public void Decode_FormatOnePending_HasNoChannelDelivered()
    {
        var claim = ClaimCodec.Decode(JsonNode.Parse(FormatOneTransition)!.AsObject(), TaskId, "here").ShouldNotBeNull();

        claim.Pending.ShouldNotBeNull().Delivered.ShouldBe(DeliveredChannels.None);
    }

    [Fact]
    public void Decode_FormatTwoAfterCompletion_IsTheSnapshotAlone()
    {
        var claim = ClaimCodec.Decode(JsonNode.Parse("""{"claimFormat":2,"snapshot":{"status":"SUCCEEDED"}}""")!.AsObject(), TaskId, "here");

        claim.ShouldBe(new StoredClaim(new TaskSnapshot { TaskId = TaskId, GraphId = "", Status = NeptuneTaskStatus.Succeeded }, null));
    }

    [Theory]
    [InlineData("\"sns\"", "field 'pending.delivered' is not an object")]
    [InlineData("{\"sns\":7}", "field 'pending.delivered.sns' is not a string")]
    [InlineData("{\"\":\"m-1\"}", "field 'pending.delivered.' has an empty name")]
    public void Decode_MalformedDeliveries_FailNamingTheField(string delivered, string problem)
    {
        var stored = """{"claimFormat":2,"snapshot":{"status":"EXPORTING"},"pending":{"notificationId":"n","version":1,"detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:00:00.0000000+00:00","delivered":""" + delivered + "}}";

        var exception = Should.Throw<InvalidDataException>(() => ClaimCodec.Decode(JsonNode.Parse(stored)!.AsObject(), TaskId, "here"));

        exception.Message.ShouldBe($"here: {problem}.");
    }

    [Fact]
    public void Decode_NoSnapshotAndNoPending_IsNoClaim()
    {
        ClaimCodec.Decode([], TaskId, "here").ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"claimFormat":1,"pending":{"notificationId":"n","version":1,"detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:00:00.0000000+00:00"}}""", "field 'snapshot' is missing while a notification is pending")]
    [InlineData("""{"claimFormat":1,"snapshot":{"kind":"export"}}""", "field 'snapshot.status' is missing or not a string")]
    [InlineData("""{"claimFormat":1,"snapshot":{"status":7}}""", "field 'snapshot.status' is not a string")]
    [InlineData("""{"claimFormat":1,"snapshot":"SUCCEEDED"}""", "field 'snapshot' is not an object")]
    [InlineData("""{"claimFormat":"1","snapshot":{"status":"SUCCEEDED"}}""", "field 'claimFormat' is not a whole number (\"1\")")]
    [InlineData("""{"claimFormat":1,"snapshot":{"status":"SUCCEEDED","progressPercentage":1.5}}""", "field 'snapshot.progressPercentage' is not a whole number (1.5)")]
    [InlineData("""{"claimFormat":1,"snapshot":{"status":"SUCCEEDED"},"pending":{"notificationId":"n","version":1,"detectedAt":"2026-03-01T12:00:00+00:00","leaseUntil":"2026-03-01T12:00:00.0000000+00:00"}}""", "field 'pending.detectedAt' is not an ISO 8601 round-trip timestamp ('2026-03-01T12:00:00+00:00')")]
    [InlineData("""{"claimFormat":1,"snapshot":{"status":"SUCCEEDED"},"pending":{"notificationId":"n","detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:00:00.0000000+00:00"}}""", "field 'pending.version' is missing")]
    public void Decode_MalformedField_FailsNamingWhereAndTheField(string stored, string problem)
    {
        var exception = Should.Throw<InvalidDataException>(() => ClaimCodec.Decode(JsonNode.Parse(stored)!.AsObject(), TaskId, "State file 'f', task 't-abcde12345'"));

        exception.Message.ShouldBe($"State file 'f', task 't-abcde12345': {problem}.");
    }

    [Fact]
    public void Decode_NullField_IsAbsent()
    {
        var claim = ClaimCodec.Decode(JsonNode.Parse("""{"claimFormat":1,"snapshot":{"status":"SUCCEEDED","statusReason":null},"pending":null}""")!.AsObject(), TaskId, "here");

        claim.ShouldBe(new StoredClaim(new TaskSnapshot { TaskId = TaskId, GraphId = "", Status = NeptuneTaskStatus.Succeeded }, null));
    }

    // Unescaped, as the embedded store writes it, so the expected text reads plainly.
    private static string Text(JsonObject claim) => claim.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    // As a store reads it back: from text, not the objects the encoder built.
    private static JsonObject Reparse(JsonObject claim) => JsonNode.Parse(claim.ToJsonString())!.AsObject();
}
