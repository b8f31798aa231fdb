using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using NeptuneNotifier.Core.Alerts;
using NeptuneNotifier.Core.Storage;

namespace NeptuneNotifier.Tests.Core.Storage;

/// <summary>The stored shape of an alert's claim (format 3) and of the alert watch beside it, spelled out as text.</summary>
public sealed class AlertClaimCodecTests
{
    private const string TaskId = "t-abcde12345";

    private static readonly TaskSnapshot Running = TestData.Snapshot(TaskId, NeptuneTaskStatus.Exporting) with { StartTime = null };

    private static readonly AlertWatch Watch = new(40, 99, TestData.Start.AddMinutes(-20), TestData.Start, OverdueAlertedAt: null, StallAlertedAt: TestData.Start);

    private static readonly PendingNotification Stalled =
        new("n-2", NeptuneTaskStatus.Exporting, Running, 4, TestData.Start, TestData.Start.AddMinutes(2))
        {
            Alert = new TaskAlert.Stalled(TestData.Start.AddMinutes(-20), TimeSpan.FromMinutes(20)),
            Watch = Watch,
        };

    [Fact]
    public void Encode_StalledAlert_WritesFormatThreeWithItsKindAndTheWatchBeside()
    {
        var claim = ClaimCodec.Encode(Stalled);

        claim["claimFormat"]!.GetValue<long>().ShouldBe(3);
        Text(claim["pending"]!.AsObject()).ShouldBe(
            """{"notificationId":"n-2","version":4,"detectedAt":"2026-03-01T12:00:00.0000000+00:00","leaseUntil":"2026-03-01T12:02:00.0000000+00:00","previousStatus":"EXPORTING","kind":"stalled","thresholdSeconds":1200,"noProgressSince":"2026-03-01T11:40:00.0000000+00:00"}""");
        Text(claim["watch"]!.AsObject()).ShouldBe(
            """{"progressSince":"2026-03-01T11:40:00.0000000+00:00","checkedAt":"2026-03-01T12:00:00.0000000+00:00","progressPercentage":40,"recordsWritten":99,"stallAlertedAt":"2026-03-01T12:00:00.0000000+00:00"}""");
    }

    [Fact]
    public void Decode_EncodedAlerts_RoundTripTheAlertAndTheWatch()
    {
        var overdue = Stalled with { Alert = new TaskAlert.Overdue(TimeSpan.FromSeconds(3900), TimeSpan.FromHours(1)) };

        foreach (var pending in new[] { Stalled, overdue })
        {
            var claim = ClaimCodec.Decode(Reparse(ClaimCodec.Encode(pending)), TaskId, "here").ShouldNotBeNull();

            claim.Pending.ShouldBe(pending with { Watch = null });
            claim.Watch.ShouldBe(Watch);
        }
    }

    [Fact]
    public void Decode_FormatOnePendingWithoutKind_IsATransition()
    {
        var stored = Reparse(ClaimCodec.Encode(TestData.Pending(Running, NeptuneTaskStatus.Initializing)));

        var claim = ClaimCodec.Decode(stored, TaskId, "here").ShouldNotBeNull();

        stored["claimFormat"]!.GetValue<long>().ShouldBe(1);
        stored.ContainsKey("watch").ShouldBeFalse();
        claim.Pending.ShouldNotBeNull().ShouldSatisfyAllConditions(p => p.Kind.ShouldBe(NotificationKind.Transition), p => p.Alert.ShouldBeNull());
        claim.Watch.ShouldBeNull();
    }

    [Fact]
    public void Decode_UnknownAlertKind_FailsNamingTheField()
    {
        var stored = Reparse(ClaimCodec.Encode(Stalled));
        stored["pending"]!["kind"] = "sleepy";

        Should.Throw<InvalidDataException>(() => ClaimCodec.Decode(stored, TaskId, "State table 't'")).Message
            .ShouldBe("State table 't': field 'pending.kind' is 'sleepy', which this version does not know.");
    }

    [Fact]
    public void Decode_WatchMissingItsTimes_FailsNamingTheField()
    {
        var stored = Reparse(ClaimCodec.Encode(Stalled));
        stored["watch"]!.AsObject().Remove("checkedAt");

        Should.Throw<InvalidDataException>(() => ClaimCodec.Decode(stored, TaskId, "here")).Message.ShouldContain("'watch.checkedAt' is missing");
    }

    private static string Text(JsonObject claim) => claim.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static JsonObject Reparse(JsonObject claim) => JsonNode.Parse(claim.ToJsonString())!.AsObject();
}
