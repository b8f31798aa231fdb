namespace NeptuneNotifier.Cli;

/// <summary>
/// "Did you mean" for a mistyped command or option (<c>pol</c>, <c>--dryrun</c>), as the AWS CLI and git offer one: the
/// closest name the command line could have meant, when one is close enough to be a typo.
/// </summary>
internal static class Suggestions
{
    /// <summary>One line for each token the parser did not match and a name is close to.</summary>
    public static IEnumerable<string> For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        foreach (var token in parse.UnmatchedTokens)
        {
            var names = token.StartsWith('-')
                ? command.Options.Where(option => !option.Hidden).Select(option => option.Name)
                : command.Subcommands.Where(subcommand => !subcommand.Hidden).Select(subcommand => subcommand.Name);
            var closest = names
                .Select(name => (Name: name, Distance: Distance(token, name)))
                .Where(candidate => candidate.Distance <= Math.Min(2, candidate.Name.TrimStart('-').Length / 3))
                .OrderBy(candidate => candidate.Distance)
                .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (closest.Name is not null)
            {
                yield return $"'{token}': did you mean '{closest.Name}'?";
            }
        }
    }

    /// <summary>Edits from <paramref name="a"/> to <paramref name="b"/>: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var rows = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            rows[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                rows[i, j] = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    rows[i, j] = Math.Min(rows[i, j], rows[i - 2, j - 2] + 1);
                }
            }
        }

        return rows[a.Length, b.Length];
    }
}
