using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core;

/// <summary>
/// The one statement of the Neptune Analytics identifier rules (the API model's patterns), for checks before any call
/// to AWS and for every message that explains them.
/// </summary>
public static partial class TaskIds
{
    /// <summary>An export or import task identifier, as the API model writes it (unanchored).</summary>
    public const string TaskIdPattern = "t-[a-z0-9]{10}";

    /// <summary>A graph identifier, as the API model writes it (unanchored).</summary>
    public const string GraphIdPattern = "g-[a-z0-9]{10}";

    /// <summary><see cref="TaskIdPattern"/> in words, for messages.</summary>
    public const string TaskIdRule = "t- followed by 10 lowercase letters or digits";

    /// <summary><see cref="GraphIdPattern"/> in words, for messages.</summary>
    public const string GraphIdRule = "g- followed by 10 lowercase letters or digits";

    /// <summary>True when <paramref name="value"/> is an export or import task identifier (<see cref="TaskIdPattern"/>; a trailing newline does not match).</summary>
    public static bool IsTaskId(string? value) => value is not null && TaskIdRegex().IsMatch(value);

    /// <summary>True when <paramref name="value"/> is a graph identifier (<see cref="GraphIdPattern"/>).</summary>
    public static bool IsGraphId(string? value) => value is not null && GraphIdRegex().IsMatch(value);

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex("^" + TaskIdPattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TaskIdRegex();

    [GeneratedRegex("^" + GraphIdPattern + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex GraphIdRegex();
}
