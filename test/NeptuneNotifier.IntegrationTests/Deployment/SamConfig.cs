using System.Text.RegularExpressions;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// samconfig.toml read as the small TOML subset it uses (tables, <c>key = value</c> with basic strings, comments),
/// enough to check what it passes to <c>sam deploy</c>.
/// </summary>
internal sealed partial class SamConfig
{
    private readonly Dictionary<string, Dictionary<string, string>> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> comments = new(StringComparer.Ordinal);

    private SamConfig()
    {
    }

    public IEnumerable<string> Environments => tables.Keys.Select(t => t.Split('.')[0]).Distinct(StringComparer.Ordinal);

    public static SamConfig Load()
    {
        SamConfig config = new();
        var table = string.Empty;
        foreach (var raw in File.ReadLines(Path.Combine(Repository.Root, "samconfig.toml")))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                table = line.Trim('[', ']');
                config.tables[table] = new(StringComparer.Ordinal);
                config.comments[table] = [];
            }
            else if (line.StartsWith('#') && table.Length > 0)
            {
                config.comments[table].Add(line);
            }
            else if (KeyValue().Match(line) is { Success: true } pair && table.Length > 0)
            {
                config.tables[table][pair.Groups["key"].Value] = Unquote(pair.Groups["value"].Value);
            }
        }

        return config;
    }

    public string? Value(string table, string key) =>
        tables.TryGetValue(table, out var values) && values.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyList<string> Comments(string table) => comments.TryGetValue(table, out var lines) ? lines : [];

    /// <summary>The stack tags of an environment's deploy: <c>tags = "k=\"v\" k2=\"v2\""</c>.</summary>
    public IReadOnlyDictionary<string, string> StackTags(string environment) =>
        Value($"{environment}.deploy.parameters", "tags") is { } tags
            ? TagPair().Matches(tags).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal) : value;

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_]+)\s*=\s*(?<value>.+)$")]
    private static partial Regex KeyValue();

    [GeneratedRegex("(?<key>[^\\s=]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex TagPair();
}
