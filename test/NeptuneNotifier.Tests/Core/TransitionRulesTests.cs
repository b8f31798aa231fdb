using NeptuneNotifier.Core;

namespace NeptuneNotifier.Tests.Core;

public sealed class TransitionRulesTests
{
    private static readonly string[] Statuses =
        ["INITIALIZING", "EXPORTING", "ANALYZING_DATA", "IMPORTING", "REPROVISIONING", "ROLLING_BACK", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED", "DELETED", "GONE", "SOME_FUTURE_STATUS"];

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in Statuses)
        {
            foreach (var to in Statuses)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<string> EveryStatus() => [.. Statuses];

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Classify_EveryStatusPair_NotifiesExactlyTheChanges(string from, string to)
    {
        var stored = new NeptuneTaskStatus(from);
        var current = new NeptuneTaskStatus(to);

        var kind = TransitionRules.Classify(stored, current);

        var expected = from == to ? TransitionKind.None : current.IsTerminal ? TransitionKind.Finished : TransitionKind.Changed;
        kind.ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Classify_FirstSighting_AlwaysNotified(string to)
    {
        var current = new NeptuneTaskStatus(to);

        var kind = TransitionRules.Classify(null, current);

        kind.ShouldBe(current.IsTerminal ? TransitionKind.Finished : TransitionKind.FirstSighting);
    }

    [Fact]
    public void Classify_UnknownStatusAfterKnown_IsANonTerminalChange() =>
        TransitionRules.Classify(NeptuneTaskStatus.Exporting, new NeptuneTaskStatus("THROTTLED_BY_SOMETHING")).ShouldBe(TransitionKind.Changed);

    [Fact]
    public void Classify_NotFound_IsFinished() =>
        TransitionRules.Classify(NeptuneTaskStatus.Exporting, NeptuneTaskStatus.Gone).ShouldBe(TransitionKind.Finished);

    [Theory]
    [InlineData(null, false, true)]
    [InlineData("EXPORTING", false, true)]
    [InlineData("EXPORTING", true, false)]
    [InlineData("SUCCEEDED", false, false)]
    [InlineData("SUCCEEDED", true, false)]
    [InlineData("NEW_VALUE", false, true)]
    public void NeedsPolling_StatusAndPending_PollsOnlyActiveTasksWithoutOutbox(string? status, bool pending, bool expected)
    {
        var snapshot = status is null ? null : new TaskSnapshot { TaskId = "t-0123456789", GraphId = "g-0123456789", Status = new NeptuneTaskStatus(status) };
        var outbox = pending && snapshot is not null ? new PendingNotification("n", null, snapshot, 1, default, default) : null;
        var task = new TrackedTask("t-0123456789", null, 1, snapshot, default, null, outbox, null);

        TransitionRules.NeedsPolling(task).ShouldBe(expected);
    }
}
