namespace NeptuneNotifier.Tests.Core;

public sealed class ListingPhaseTests
{
    [Theory]
    [InlineData(3, 3, false)] // a tie: the reads, which also bring the counts
    [InlineData(4, 3, true)]
    [InlineData(2, 3, false)]
    [InlineData(2, null, true)] // never counted: taken to list in one page
    [InlineData(1, null, false)]
    [InlineData(0, null, false)]
    [InlineData(101, 100, true)]
    public void ShouldList_Auto_ListsWhenConfirmableTasksOutnumberThePages(int confirmable, int? pages, bool expected) =>
        ListingPhase.ShouldList(PollStrategy.Auto, confirmable, pages, listedAnyway: false).ShouldBe(expected);

    [Fact]
    public void ShouldList_AutoAndListedAnyway_UsesTheListingWhateverItsLength() =>
        ListingPhase.ShouldList(PollStrategy.Auto, confirmable: 1, rememberedPages: 50, listedAnyway: true).ShouldBeTrue();

    [Theory]
    [InlineData(PollStrategy.List, 0, 50, false, true)]
    [InlineData(PollStrategy.List, 1, 50, false, true)]
    [InlineData(PollStrategy.Get, 1_000, 1, false, false)]
    [InlineData(PollStrategy.Get, 1_000, 1, true, false)]
    public void ShouldList_Forced_IgnoresTheCounts(PollStrategy strategy, int confirmable, int pages, bool listedAnyway, bool expected) =>
        ListingPhase.ShouldList(strategy, confirmable, pages, listedAnyway).ShouldBe(expected);
}
