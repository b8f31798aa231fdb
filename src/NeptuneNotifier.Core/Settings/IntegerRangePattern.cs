namespace NeptuneNotifier.Core.Settings;

/// <summary>
/// A regular expression that matches exactly the whole numbers of a range, written as a CloudFormation parameter takes
/// them (decimal digits, no sign, no leading zero): for an <c>AllowedPattern</c>, since a <c>Number</c> parameter takes
/// any number within <c>MinValue</c> and <c>MaxValue</c>, a fraction too, and a <c>String</c> one checks only a pattern.
/// </summary>
public static class IntegerRangePattern
{
    /// <summary>The alternatives for <paramref name="minimum"/> to <paramref name="maximum"/>, without anchors: <c>[1-9]|[1-5][0-9]|6[0-4]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative bound, or a minimum above the maximum.</exception>
    public static string For(int minimum, int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimum, maximum);
        List<string> alternatives = [];
        for (var digits = Digits(minimum); digits <= Digits(maximum); digits++)
        {
            var low = Math.Max(minimum, digits == 1 ? 0 : Pow10(digits - 1));
            var high = Math.Min(maximum, Pow10(digits) - 1);
            alternatives.AddRange(SameLength(Text(low), Text(high)));
        }

        return string.Join('|', alternatives);
    }

    // Alternatives for the numbers from low to high, two digit strings of one length.
    private static IEnumerable<string> SameLength(string low, string high)
    {
        if (low == high)
        {
            return [low];
        }

        if (low.All(c => c == '0') && high.All(c => c == '9'))
        {
            return [Any(low.Length)];
        }

        var rest = low.Length - 1;
        if (rest == 0)
        {
            return [$"[{low}-{high}]"];
        }

        if (low[0] == high[0])
        {
            return SameLength(low[1..], high[1..]).Select(tail => low[0] + tail);
        }

        if (low[1..].All(c => c == '0') && high[1..].All(c => c == '9'))
        {
            return [$"[{low[0]}-{high[0]}]{Any(rest)}"];
        }

        List<string> alternatives = [.. SameLength(low[1..], new string('9', rest)).Select(tail => low[0] + tail)];
        if (high[0] - low[0] > 1)
        {
            var first = (char)(low[0] + 1);
            var last = (char)(high[0] - 1);
            alternatives.Add((first == last ? $"{first}" : $"[{first}-{last}]") + Any(rest));
        }

        alternatives.AddRange(SameLength(new string('0', rest), high[1..]).Select(tail => high[0] + tail));
        return alternatives;
    }

    private static string Any(int digits) => digits == 1 ? "[0-9]" : $"[0-9]{{{digits}}}";

    private static int Digits(int value) => Text(value).Length;

    private static int Pow10(int exponent) => (int)Math.Pow(10, exponent);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
