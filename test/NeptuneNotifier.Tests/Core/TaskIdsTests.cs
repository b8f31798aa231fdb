namespace NeptuneNotifier.Tests.Core;

public sealed class TaskIdsTests
{
    [Theory]
    [InlineData("t-abc123def4", true)]
    [InlineData("t-ABC123DEF4", false)]
    [InlineData("t-abc123def", false)]
    [InlineData("t-abc123def45", false)]
    [InlineData("g-abc123def4", false)]
    [InlineData(" t-abc123def4", false)]
    [InlineData("t-abc123def4\n", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsTaskId_Value_MatchesModelPattern(string? value, bool expected) =>
        TaskIds.IsTaskId(value).ShouldBe(expected);

    [Theory]
    [InlineData("g-0123456789", true)]
    [InlineData("t-0123456789", false)]
    [InlineData("g-012345678_", false)]
    public void IsGraphId_Value_MatchesModelPattern(string value, bool expected) =>
        TaskIds.IsGraphId(value).ShouldBe(expected);
}
