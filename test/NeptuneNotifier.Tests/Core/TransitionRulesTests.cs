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

    // The graph is followed from noon; retention 14 days; now is noon ten days later unless said otherwise.
    [Theory]
    [InlineData("SUCCEEDED", -120, 60, false)] // finished exactly one margin (1 minute) before following: not before it
    [InlineData("SUCCEEDED", -121, 60, true)]
    [InlineData("SUCCEEDED", -180, 60, true)]
    [InlineData("FAILED", -86_400, 0, true)]
    [InlineData("CANCELLED", -7_200, 3_600, true)]
    [InlineData("SUCCEEDED", -90, 60, false)] // finished 30 s before following: within the margin, so news
    [InlineData("SUCCEEDED", -3_600, 7_200, false)] // finished after following
    [InlineData("FAILED", 600, 10, false)] // started and failed while followed
    [InlineData("EXPORTING", -86_400, 60, false)]
    [InlineData("SOME_FUTURE_STATUS", -86_400, 60, false)]
    [InlineData("SUCCEEDED", -86_400, -1, false)]
    [InlineData("SUCCEEDED", -400_000_000, 315_576_001, false)] // would have finished before following, but over ten years is malformed
    [InlineData("SUCCEEDED", -86_400, long.MaxValue, false)]
    public void IsHistory_FinishTimeAgainstFollowedSince_OnlyWhatFinishedBeforeFollowing(string status, long startSeconds, long elapsedSeconds, bool expected)
    {
        var followedSince = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var snapshot = new TaskSnapshot
        {
            TaskId = "t-0123456789",
            GraphId = "g-0123456789",
            Status = new NeptuneTaskStatus(status),
            StartTime = followedSince.AddSeconds(startSeconds),
            TimeElapsedSeconds = elapsedSeconds,
        };

        TransitionRules.IsHistory(snapshot, followedSince, followedSince.AddDays(10), TimeSpan.FromDays(14)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(15, true)] // finished 15 days ago: its record (14 days) has expired, so it was notified already
    [InlineData(13, false)]
    public void IsHistory_FinishedLongerAgoThanRetention_IsHistoryEvenAfterFollowing(int finishedDaysAgo, bool expected)
    {
        var followedSince = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var now = followedSince.AddDays(60);
        var snapshot = new TaskSnapshot
        {
            TaskId = "t-0123456789",
            GraphId = "g-0123456789",
            Status = NeptuneTaskStatus.Succeeded,
            StartTime = now.AddDays(-finishedDaysAgo).AddHours(-1),
            TimeElapsedSeconds = 3_600,
        };

        TransitionRules.IsHistory(snapshot, followedSince, now, TimeSpan.FromDays(14)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void IsHistory_StartOrElapsedNotReported_IsNews(bool hasStart, bool hasElapsed)
    {
        var followedSince = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var snapshot = new TaskSnapshot
        {
            TaskId = "t-0123456789",
            GraphId = "g-0123456789",
            Status = NeptuneTaskStatus.Failed,
            StartTime = hasStart ? followedSince.AddDays(-3) : null,
            TimeElapsedSeconds = hasElapsed ? 60 : null,
        };

        TransitionRules.IsHistory(snapshot, followedSince, followedSince.AddDays(1), TimeSpan.FromDays(14)).ShouldBeFalse();
    }
}
