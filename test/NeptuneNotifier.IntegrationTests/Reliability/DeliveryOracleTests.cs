namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>The oracle itself: each broken promise it exists to catch is caught, and a clean history passes.</summary>
public sealed class DeliveryOracleTests
{
    private const string TaskId = "t-oracle0001";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Judge_CleanHistory_HasNoViolations()
    {
        var ledger = Reads("INITIALIZING", "EXPORTING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "EXPORTING", "INITIALIZING");
        Deliver(ledger, 3, "SUCCEEDED", "EXPORTING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldBeEmpty();
        verdict.Transitions.ShouldBe(3);
    }

    [Fact]
    public void Judge_ReadStatusNeverPublished_IsALoss()
    {
        var ledger = Reads("INITIALIZING", "EXPORTING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "INITIALIZING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Losses.ShouldBe(1);
        verdict.Violations.ShouldHaveSingleItem().ShouldContain("EXPORTING was read");
    }

    [Fact]
    public void Judge_ReadStatusWhoseClaimThrew_IsCountedAsSkippedNotLost()
    {
        var ledger = Reads("INITIALIZING", "EXPORTING", "SUCCEEDED");
        ledger.ClaimThrew(2, TaskId);
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "INITIALIZING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldBeEmpty();
        verdict.IntermediateStatusesSkipped.ShouldBe(1);
    }

    [Fact]
    public void Judge_MissingVersion_IsALoss()
    {
        var ledger = Reads("INITIALIZING", "EXPORTING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 3, "SUCCEEDED", "EXPORTING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Losses.ShouldBeGreaterThan(0);
        verdict.Violations.ShouldContain(v => v.Contains("missing or out of order", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_FifoRepublishWithinFiveMinutes_IsSuppressed()
    {
        var ledger = Reads("SUCCEEDED");
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, Start.AddMinutes(4));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldBeEmpty();
        verdict.SuppressedByFifoDeduplication.ShouldBe(1);
    }

    // A repeat past a FIFO topic's five-minute window is delivered, as on a standard topic at any time.
    [Theory]
    [InlineData(true, 5, 1)]
    [InlineData(false, 0, 0)]
    public void Judge_DuplicateAfterFailedClear_IsCountedNotAViolation(bool fifo, int minutesLater, int pastFifoWindow)
    {
        var ledger = Reads("SUCCEEDED");
        ledger.Unconfirmed("sns", TaskId, 1);
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, Start.AddMinutes(minutesLater));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo);

        verdict.Violations.ShouldBeEmpty();
        (verdict.DuplicatesDelivered, verdict.DuplicatesPastFifoWindow).ShouldBe((1, pastFifoWindow));
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 0)]
    public void Judge_DuplicateWithoutFailedClear_IsAViolation(bool fifo, int minutesLater)
    {
        var ledger = Reads("SUCCEEDED");
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, Start.AddMinutes(minutesLater));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo);

        verdict.DuplicatesDelivered.ShouldBe(1);
        verdict.Violations.ShouldHaveSingleItem().ShouldContain("only 0 of its deliveries on this channel went unconfirmed");
    }

    [Fact]
    public void Judge_WrongPreviousStatus_IsAViolation()
    {
        var ledger = Reads("INITIALIZING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "EXPORTING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldHaveSingleItem().ShouldContain("says previous status EXPORTING");
    }

    [Fact]
    public void Judge_LastNotificationBehindTheService_IsALoss()
    {
        var ledger = Reads("INITIALIZING");
        Deliver(ledger, 1, "INITIALIZING", null);

        var verdict = DeliveryOracle.Judge(ledger, Final("FAILED"), fifo: true);

        verdict.Losses.ShouldBe(1);
        verdict.Violations.ShouldHaveSingleItem().ShouldContain("ends at FAILED");
    }

    [Fact]
    public void Judge_HistoryExportPublished_IsAViolation()
    {
        const string Old = "t-oracle0002";
        var ledger = Reads("INITIALIZING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "INITIALIZING");
        ledger.Deliver(new DeliveredMessage(Old, 1, "SUCCEEDED", null, $"{Old}:1:SUCCEEDED", "body old", Start));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false, history: [Old]);

        verdict.HistoryPublished.ShouldBe(1);
        verdict.Violations.ShouldHaveSingleItem().ShouldContain($"{Old}: finished before its graph was followed");
    }

    [Fact]
    public void Judge_HistoryExportNeverPublished_HasNoViolations()
    {
        var ledger = Reads("INITIALIZING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "INITIALIZING");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false, history: ["t-oracle0002"]);

        verdict.Violations.ShouldBeEmpty();
        verdict.HistoryPublished.ShouldBe(0);
    }

    [Fact]
    public void Judge_RepeatOnOneChannelWhileOnlyTheOtherWentUnconfirmed_IsAViolationOnTheRepeatingChannel()
    {
        var ledger = Reads(TwoChannels, "SUCCEEDED");
        ledger.Unconfirmed("eventbridge", TaskId, 1);
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, channel: "eventbridge");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        verdict.Violations.ShouldHaveSingleItem().ShouldStartWith($"sns: {TaskId}: version 1 (SUCCEEDED) was delivered 2 times, but only 0");
    }

    [Fact]
    public void Judge_RepeatOnTheChannelWhoseDeliveryWentUnconfirmed_IsCountedOnThatChannel()
    {
        var ledger = Reads(TwoChannels, "SUCCEEDED");
        ledger.Unconfirmed("eventbridge", TaskId, 1);
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, channel: "eventbridge");
        Deliver(ledger, 1, "SUCCEEDED", null, channel: "eventbridge");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldBeEmpty();
        (verdict.Channels["sns"].DuplicatesDelivered, verdict.Channels["eventbridge"].DuplicatesDelivered).ShouldBe((0, 1));
    }

    [Fact]
    public void Judge_TransitionMissingOnOneChannel_IsALossOnThatChannel()
    {
        var ledger = Reads(TwoChannels, "INITIALIZING", "SUCCEEDED");
        Deliver(ledger, 1, "INITIALIZING", null);
        Deliver(ledger, 2, "SUCCEEDED", "INITIALIZING");
        Deliver(ledger, 1, "INITIALIZING", null, channel: "eventbridge");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        (verdict.Channels["sns"].Losses, verdict.Channels["eventbridge"].Losses).ShouldBe((0, 2));
        verdict.Violations.ShouldAllBe(v => v.StartsWith("eventbridge: ", StringComparison.Ordinal));
        verdict.Violations.ShouldContain(v => v.Contains("SUCCEEDED was read", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_ChannelThatGotNothing_LosesEveryTransition()
    {
        var ledger = Reads(TwoChannels, "SUCCEEDED");
        Deliver(ledger, 1, "SUCCEEDED", null);

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        verdict.Channels["eventbridge"].Losses.ShouldBe(2);
        verdict.Violations.ShouldContain($"eventbridge: {TaskId}: the service ends at SUCCEEDED but the last notification is none");
    }

    [Fact]
    public void Judge_GapOnOneChannel_IsALossThere()
    {
        var ledger = Reads(TwoChannels, "INITIALIZING", "EXPORTING", "SUCCEEDED");
        foreach (var channel in TwoChannels)
        {
            Deliver(ledger, 1, "INITIALIZING", null, channel: channel);
            Deliver(ledger, 3, "SUCCEEDED", "EXPORTING", channel: channel);
        }

        Deliver(ledger, 2, "EXPORTING", "INITIALIZING", channel: "sns");

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        verdict.Channels["eventbridge"].Losses.ShouldBeGreaterThan(0);
        verdict.Violations.ShouldContain(v => v.StartsWith("eventbridge: ", StringComparison.Ordinal) && v.Contains("missing or out of order", StringComparison.Ordinal));
    }

    private static readonly string[] TwoChannels = ["sns", "eventbridge"];

    private static RunLedger Reads(params string[] statuses) => Reads(["sns"], statuses);

    private static RunLedger Reads(string[] channels, params string[] statuses)
    {
        var ledger = new RunLedger { Channels = channels };
        for (var i = 0; i < statuses.Length; i++)
        {
            ledger.Observe(i + 1, TaskId, statuses[i]);
        }

        return ledger;
    }

    private static void Deliver(RunLedger ledger, long version, string status, string? previous, DateTimeOffset? at = null, string channel = "sns") =>
        ledger.Deliver(new DeliveredMessage(TaskId, version, status, previous, channel == "sns" ? $"{TaskId}:{version}:{status}" : null, $"body {version} {status}", at ?? Start, channel));

    private static Dictionary<string, string> Final(string status) => new(StringComparer.Ordinal) { [TaskId] = status };
}
