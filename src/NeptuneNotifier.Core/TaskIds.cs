using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core;

/// <summary>Validates Neptune Analytics identifiers before any call to AWS, with the patterns from the API model.</summary>
public static partial class TaskIds
{
    /// <summary>True when <paramref name="value"/> is an export or import task identifier (<c>t-[a-z0-9]{10}</c>; a trailing newline does not match).</summary>
    public static bool IsTaskId(string? value) => value is not null && TaskIdPattern().IsMatch(value);

    /// <summary>True when <paramref name="value"/> is a graph identifier (<c>g-[a-z0-9]{10}</c>).</summary>
    public static bool IsGraphId(string? value) => value is not null && GraphIdPattern().IsMatch(value);

    [GeneratedRegex("^t-[a-z0-9]{10}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TaskIdPattern();

    [GeneratedRegex("^g-[a-z0-9]{10}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex GraphIdPattern();
}
