using System.Text.RegularExpressions;
using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>The README's list of what the operator CLI needs in IAM is the function role's, action for action.</summary>
public sealed partial class OperatorPermissionsTests
{
    [Fact]
    public void Readme_CliPermissions_AreTheFunctionRolesActions()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf("The CLI calls AWS as you", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "the README's paragraph on the CLI's permissions");
        var paragraph = readme[start..readme.IndexOf("\n\n", start, StringComparison.Ordinal)];
        var listed = Action().Matches(paragraph).Select(m => m.Groups["action"].Value).ToHashSet(StringComparer.Ordinal);

        var policies = SamTemplate.Load().Properties(SamTemplate.FunctionId).Children[new YamlScalarNode("Policies")];
        var granted = Actions(policies).ToHashSet(StringComparer.Ordinal);

        granted.ShouldNotBeEmpty();
        listed.OrderBy(a => a, StringComparer.Ordinal).ShouldBe(granted.OrderBy(a => a, StringComparer.Ordinal));
    }

    // Every value under an Action key, through the template's !If branches.
    private static IEnumerable<string> Actions(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.SelectMany(pair => pair.Key is YamlScalarNode { Value: "Action" }
            ? pair.Value is YamlSequenceNode actions ? actions.OfType<YamlScalarNode>().Select(a => a.Value!) : [((YamlScalarNode)pair.Value).Value!]
            : Actions(pair.Value)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Actions),
        _ => [],
    };

    [GeneratedRegex(@"`(?<action>[a-z-]+:[A-Za-z*]+)`")]
    private static partial Regex Action();
}
