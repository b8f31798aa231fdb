using System.Globalization;
using System.Text.RegularExpressions;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.Tests.Core;

public sealed class IntegerRangePatternTests
{
    // Every number from 0 to past twice the maximum, matched as CloudFormation matches an AllowedPattern (whole value):
    // the settings' ranges, one digit, one number, whole and partial decades.
    [Fact]
    public void For_EveryNumber_MatchesExactlyThoseOfTheRange()
    {
        (int Minimum, int Maximum)[] ranges = [(1, 64), (1, 43200), (1, 10080), (0, 9), (7, 7), (10, 99), (95, 1005), (100, 100000)];

        var wrong = ranges.SelectMany(range =>
        {
            var pattern = new Regex($"^({IntegerRangePattern.For(range.Minimum, range.Maximum)})$", RegexOptions.CultureInvariant);
            return Enumerable.Range(0, (2 * range.Maximum) + 10)
                .Where(n => pattern.IsMatch(n.ToString(CultureInfo.InvariantCulture)) != (n >= range.Minimum && n <= range.Maximum))
                .Take(3)
                .Select(n => $"{n} in {range.Minimum} to {range.Maximum} ({pattern})");
        });

        wrong.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("04")]
    [InlineData("-4")]
    [InlineData("+4")]
    [InlineData(" 4")]
    [InlineData("4e1")]
    [InlineData("")]
    public void For_WhatIsNotAPlainWholeNumber_IsRefused(string value) =>
        Regex.IsMatch(value, $"^({IntegerRangePattern.For(1, 64)})$", RegexOptions.CultureInvariant).ShouldBeFalse();

    [Fact]
    public void For_MinimumAboveMaximumOrNegative_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => IntegerRangePattern.For(5, 4));
        Should.Throw<ArgumentOutOfRangeException>(() => IntegerRangePattern.For(-1, 4));
    }
}
