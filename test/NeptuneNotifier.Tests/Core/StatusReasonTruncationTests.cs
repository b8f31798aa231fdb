namespace NeptuneNotifier.Tests.Core;

public sealed class StatusReasonTruncationTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("short", 5)]
    [InlineData("short", 1_500)]
    public void Cut_ReasonWithinTheLimit_IsReturnedUnchanged(string reason, int maxChars)
    {
        StatusReasonTruncation.IsCut(reason, maxChars).ShouldBeFalse();
        StatusReasonTruncation.Cut(reason, maxChars).ShouldBeSameAs(reason);
    }

    [Fact]
    public void Cut_LongerReason_KeepsTheLimitAndSaysHowMuchWasCut()
    {
        StatusReasonTruncation.IsCut("abcdefghij", 4).ShouldBeTrue();
        StatusReasonTruncation.Cut("abcdefghij", 4).ShouldBe("abcd… [6 more characters cut]");
    }

    [Fact]
    public void Cut_LimitFallsInsideASurrogatePair_CutsBeforeThePair()
    {
        const string reason = "ab😀cd";

        var cut = StatusReasonTruncation.Cut(reason, 3);

        cut.ShouldBe("ab… [4 more characters cut]");
        StatusReasonTruncation.Cut(reason, 4).ShouldBe("ab😀… [2 more characters cut]");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Cut_NoRoomAtAll_LeavesOnlyTheMarker(int maxChars)
    {
        StatusReasonTruncation.Cut("abc", maxChars).ShouldBe("… [3 more characters cut]");
    }

    [Fact]
    public void Cut_ReasonOfOnlyAstralCharacters_NeverLeavesALoneSurrogate()
    {
        var reason = string.Concat(Enumerable.Repeat("𝔘", 50));

        var cut = StatusReasonTruncation.Cut(reason, 33);

        cut.ShouldStartWith(string.Concat(Enumerable.Repeat("𝔘", 16)) + "…");
        cut.ShouldEndWith("[68 more characters cut]");
        Should.NotThrow(() => new System.Text.UTF8Encoding(false, true).GetByteCount(cut));
    }
}
