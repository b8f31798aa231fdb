using System.Text.RegularExpressions;
using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// samconfig.toml's parameter overrides name only parameters template.yaml declares: CloudFormation refuses a
/// change set that passes a parameter the template does not have, so a stale override breaks every <c>sam deploy</c>.
/// </summary>
public sealed partial class SamConfigTests
{
    [Fact]
    public void ParameterOverrides_EveryConfiguration_NameOnlyTemplateParameters()
    {
        var declared = SamTemplate.Mapping(SamTemplate.Load().Root, "Parameters").Children.Keys
            .Select(key => ((YamlScalarNode)key).Value!)
            .ToHashSet(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "samconfig.toml"))
            .Where(line => line.TrimStart().StartsWith("parameter_overrides", StringComparison.Ordinal))
            .ToList();

        lines.ShouldNotBeEmpty();
        foreach (var line in lines)
        {
            var names = OverrideName().Matches(line).Select(match => match.Groups["name"].Value).ToList();
            names.ShouldNotBeEmpty(line);
            names.ShouldBeSubsetOf(declared, line);
        }
    }

    [GeneratedRegex(@"(?<=[""\s])(?<name>[A-Za-z0-9]+)=\\""")]
    private static partial Regex OverrideName();
}
