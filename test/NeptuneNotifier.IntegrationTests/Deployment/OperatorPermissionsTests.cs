using System.Text.RegularExpressions;
using NeptuneNotifier.IntegrationTests.Reliability;
using NeptuneNotifier.IntegrationTests.State;

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

        // Every statement of the function's own policies, each channel's conditional grant included.
        var granted = TemplateSecurityRules.Statements(SamTemplate.Load().Root)
            .Where(statement => statement.Where.StartsWith($"{SamTemplate.FunctionId} ", StringComparison.Ordinal))
            .SelectMany(statement => statement.Actions.Select(action => TemplateSecurityRules.Text(action)!))
            .ToHashSet(StringComparer.Ordinal);

        granted.ShouldNotBeEmpty();
        listed.OrderBy(a => a, StringComparer.Ordinal).ShouldBe(granted.OrderBy(a => a, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"`(?<action>[a-z-]+:[A-Za-z*]+)`")]
    private static partial Regex Action();
}
