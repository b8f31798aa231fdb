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

    [Fact]
    public void Judge_FifoRepublishAfterFiveMinutesOfFailedClear_IsCountedPastTheWindow()
    {
        var ledger = Reads("SUCCEEDED");
        ledger.ClearFailed();
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, Start.AddMinutes(5));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldBeEmpty();
        (verdict.DuplicatesDelivered, verdict.DuplicatesPastFifoWindow).ShouldBe((1, 1));
    }

    [Fact]
    public void Judge_FifoDuplicateWithoutFailedClear_IsAViolation()
    {
        var ledger = Reads("SUCCEEDED");
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null, Start.AddMinutes(6));

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: true);

        verdict.Violations.ShouldHaveSingleItem().ShouldContain("only 0 notifications were published and not cleared");
    }

    [Fact]
    public void Judge_StandardDuplicateWithoutFailedClear_IsAViolation()
    {
        var ledger = Reads("SUCCEEDED");
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null);

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        verdict.DuplicatesDelivered.ShouldBe(1);
        verdict.Violations.ShouldHaveSingleItem().ShouldContain("only 0 notifications were published and not cleared");
    }

    [Fact]
    public void Judge_StandardDuplicateAfterFailedClear_IsCountedNotAViolation()
    {
        var ledger = Reads("SUCCEEDED");
        ledger.ClearFailed();
        Deliver(ledger, 1, "SUCCEEDED", null);
        Deliver(ledger, 1, "SUCCEEDED", null);

        var verdict = DeliveryOracle.Judge(ledger, Final("SUCCEEDED"), fifo: false);

        verdict.Violations.ShouldBeEmpty();
        verdict.DuplicatesDelivered.ShouldBe(1);
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

    private static RunLedger Reads(params string[] statuses)
    {
        var ledger = new RunLedger();
        for (var i = 0; i < statuses.Length; i++)
        {
            ledger.Observe(i + 1, TaskId, statuses[i]);
        }

        return ledger;
    }

    private static void Deliver(RunLedger ledger, long version, string status, string? previous, DateTimeOffset? at = null) =>
        ledger.Deliver(new DeliveredMessage(TaskId, version, status, previous, $"{TaskId}:{version}:{status}", $"body {version} {status}", at ?? Start));

    private static Dictionary<string, string> Final(string status) => new(StringComparer.Ordinal) { [TaskId] = status };
}
