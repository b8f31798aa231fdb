namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// The identifiers the model's patterns accept. What they refuse (case, length, the other kind's prefix, white space,
/// control characters, encodings) is the bad-input corpus (<c>test/data/bad-input/task-id</c> and <c>graph-id</c>), which
/// <see cref="Reliability.BadInputTests"/> checks here and at every layer that validates an identifier.
/// </summary>
public sealed class TaskIdsTests
{
    [Theory]
    [InlineData("t-abc123def4", true)]
    [InlineData(null, false)]
    public void IsTaskId_Value_MatchesModelPattern(string? value, bool expected) =>
        TaskIds.IsTaskId(value).ShouldBe(expected);

    [Fact]
    public void IsGraphId_GraphId_IsAccepted() =>
        TaskIds.IsGraphId("g-0123456789").ShouldBeTrue();
}
