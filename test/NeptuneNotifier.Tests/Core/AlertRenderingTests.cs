using NeptuneNotifier.Core.Alerts;

namespace NeptuneNotifier.Tests.Core;

/// <summary>What an overdue or stalled alert says in every form: subject, email, chat, machine event, SNS attribute.</summary>
public sealed class AlertRenderingTests
{
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(TestAccount.Region));

    private static readonly PendingNotification Base =
        new("n-1", NeptuneTaskStatus.Exporting, TestData.Snapshot("t-abcdefghij", NeptuneTaskStatus.Exporting), 5, TestData.Start, TestData.Start.AddMinutes(2));

    [Fact]
    public void Render_Overdue_SaysOverdueAndForHowLongEverywhere()
    {
        var rendered = Renderer.Render(Base with { Alert = new TaskAlert.Overdue(TimeSpan.FromSeconds(7384), TimeSpan.FromMinutes(120)) });

        rendered.Subject.ShouldBe("OVERDUE, running 2h 03m 04s: Neptune Analytics export t-abcdefghij on g-0123456789");
        rendered.EmailText.ShouldStartWith(
            "Neptune Analytics export task t-abcdefghij is overdue: it has been running for 2h 03m 04s, longer than the 120 min allowed (OVERDUE_AFTER_MINUTES). Its status is still EXPORTING; this alert is sent once per task.\n\n");
        rendered.EmailText.ShouldContain("Alert: overdue: running for 2h 03m 04s\n");
        rendered.EmailText.ShouldNotContain("Previous status");
        rendered.Identity.NotificationKind.ShouldBe(NotificationKind.Overdue);
        using var chat = JsonDocument.Parse(rendered.ChatPayload);
        chat.RootElement.GetProperty("content").GetProperty("title").GetString().ShouldBe("⏰ Neptune Analytics export t-abcdefghij OVERDUE");
        chat.RootElement.GetProperty("content").GetProperty("description").GetString().ShouldStartWith("*Alert:* Overdue: running for 2h 03m 04s; status unchanged\n");
        using var machine = JsonDocument.Parse(rendered.MachineEvent);
        var e = machine.RootElement;
        (e.GetProperty("kind").GetString(), e.GetProperty("status").GetString(), e.GetProperty("previousStatus").GetString()).ShouldBe(("overdue", "EXPORTING", "EXPORTING"));
        (e.GetProperty("runningForSeconds").GetInt64(), e.GetProperty("alertThresholdSeconds").GetInt64()).ShouldBe((7384L, 7200L));
        e.GetProperty("noProgressSince").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Render_Stalled_SaysNoProgressAndSinceWhen()
    {
        var since = TestData.Start.AddMinutes(-45);
        var rendered = Renderer.Render(Base with { Alert = new TaskAlert.Stalled(since, TimeSpan.FromMinutes(30)) });

        rendered.Subject.ShouldBe("NO PROGRESS since 2026-03-01 11:15Z: Neptune Analytics export t-abcdefghij on g-0123456789");
        rendered.EmailText.ShouldStartWith(
            "Neptune Analytics export task t-abcdefghij has made no progress since 2026-03-01T11:15:00Z, for 45m 00s (STALLED_AFTER_MINUTES is 30 min); progress is at 40%. Its status is still EXPORTING; this alert is sent once per stall.\n\n");
        using var machine = JsonDocument.Parse(rendered.MachineEvent);
        (machine.RootElement.GetProperty("kind").GetString(), machine.RootElement.GetProperty("noProgressSince").GetString()).ShouldBe(("stalled", "2026-03-01T11:15:00Z"));
    }

    [Fact]
    public void Render_AlertOnLongestIds_KeepsTheSubjectUnder100Characters()
    {
        var longest = Base with { Alert = new TaskAlert.Overdue(TimeSpan.FromDays(30), TimeSpan.FromDays(30)) };

        Renderer.Render(longest).Subject.Length.ShouldBeLessThan(100);
        Renderer.Render(Base with { Alert = new TaskAlert.Stalled(TestData.Start, TimeSpan.FromDays(7)) }).Subject.Length.ShouldBeLessThan(100);
    }

    [Theory]
    [InlineData(null, "transition")]
    [InlineData("overdue", "overdue")]
    [InlineData("stalled", "stalled")]
    public void Build_EveryNotification_CarriesItsKindAsAnSnsAttributeAndInTheEventBridgeDetail(string? alert, string expected)
    {
        var pending = Base with
        {
            Alert = alert switch
            {
                "overdue" => new TaskAlert.Overdue(TimeSpan.FromHours(2), TimeSpan.FromHours(1)),
                "stalled" => new TaskAlert.Stalled(TestData.Start.AddHours(-1), TimeSpan.FromMinutes(30)),
                _ => null,
            },
        };

        var request = new SnsPublishEnvelope(TestAccount.TopicArn, Renderer).Build(pending);

        request.MessageAttributes.ShouldNotBeNull()["kind"].StringValue.ShouldBe(expected);
        request.MessageAttributes["status"].StringValue.ShouldBe("EXPORTING");
        var entry = new EventBridgeEventEnvelope("default", TestAccount.Region, TestAccount.Id, Renderer).Build(pending);
        using var detail = JsonDocument.Parse(entry.Detail!);
        detail.RootElement.GetProperty("kind").GetString().ShouldBe(expected);
        entry.DetailType.ShouldBe("Neptune Analytics Export Task State Change");
    }
}
