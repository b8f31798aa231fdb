using System.Text.RegularExpressions;
using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>README.md's configuration table, what an operator reads, against <see cref="SettingDefinitions"/>.</summary>
public sealed partial class ReadmeConfigurationTests
{
    [Fact]
    public void Table_EverySetting_MatchesItsDeclaration()
    {
        var rows = ConfigurationTable();
        var named = rows.Where(row => SingleVariable().IsMatch(row[0])).ToDictionary(row => row[0].Trim('`'), StringComparer.Ordinal);

        named.Keys.ShouldBe(SettingDefinitions.All.Select(s => s.Variable), ignoreOrder: true, "README.md's configuration table lists exactly the declared variables");
        foreach (var setting in SettingDefinitions.All)
        {
            var (required, defaultCell, meaning) = (named[setting.Variable][1], named[setting.Variable][2], named[setting.Variable][3]);
            var context = $"README.md configuration row {setting.Variable}";
            var isRequired = setting is TextSetting { RequiredHint: not null };
            required.ShouldStartWith(isRequired ? "yes" : "no", Case.Sensitive, context);
            meaning.ShouldStartWith(setting.Description, Case.Sensitive, context);
            switch (setting)
            {
                case NumberSetting number:
                    defaultCell.ShouldBe(number.DefaultText, context);
                    meaning.ShouldContain($"({number.Range})", Case.Sensitive, context);
                    break;
                case ChoiceSetting choice:
                    defaultCell.ShouldBe($"`{choice.Default}`", context);
                    choice.Choices.ShouldAllBe(name => meaning.Contains($"`{name}`", StringComparison.Ordinal), context);
                    break;
                case OptionalNumberSetting optional:
                    defaultCell.ShouldBe("off", context);
                    meaning.ShouldContain($"({optional.Range})", Case.Sensitive, context);
                    break;
                case ListSetting:
                    defaultCell.ShouldBe("empty", context);
                    break;
                case TextSetting text:
                    defaultCell.ShouldBeEmpty(context);
                    if (text.FallbackVariable is { } fallback)
                    {
                        meaning.ShouldContain($"`{fallback}`", Case.Sensitive, context);
                    }

                    break;
            }
        }
    }

    /// <summary>The cells of each body row of README.md's table under "## Configuration".</summary>
    private static List<string[]> ConfigurationTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var heading = Array.IndexOf(lines, "## Configuration");
        heading.ShouldBeGreaterThanOrEqualTo(0, "README.md has no '## Configuration' section");
        var table = lines.Skip(heading).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).ToList();
        table.Count.ShouldBeGreaterThan(2, "README.md's configuration section has no table");
        table[0].ShouldBe("| variable | required | default | meaning |");
        return [.. table.Skip(2).Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())];
    }

    [GeneratedRegex("^`[A-Z_]+`$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleVariable();
}
