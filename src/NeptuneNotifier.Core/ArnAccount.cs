using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace NeptuneNotifier.Core;

/// <summary>
/// The account an ARN names (<c>arn:partition:service:region:account:resource</c>): where the function and the CLI
/// learn the tasks' account for the events' resource ARNs, from an ARN they were given, never by guessing.
/// </summary>
public static partial class ArnAccount
{
    /// <summary>The 12-digit account of <paramref name="arn"/>, or null when it is not an ARN naming an account.</summary>
    public static string? Of(string? arn)
    {
        var parts = arn?.Split(':', 6);
        return parts is { Length: 6 } && parts[0] == "arn" && PartitionPattern().IsMatch(parts[1]) && IsAccountId(parts[4]) ? parts[4] : null;
    }

    /// <summary>True when <paramref name="value"/> is a 12-digit AWS account ID.</summary>
    public static bool IsAccountId([NotNullWhen(true)] string? value) => value is not null && AccountPattern().IsMatch(value);

    [GeneratedRegex("^aws(-[a-z]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
