using NeptuneNotifier.Core.Settings;

namespace NeptuneNotifier.IntegrationTests.Infrastructure;

public sealed class ToolProcessTests
{
    [Fact]
    public void RemoveInherited_MachineEnvironment_KeepsNoAwsVariableAndNoNotifierSetting()
    {
        // Arrange: every setting the notifier reads, as a machine might have them, beside what a program needs.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/ci",
            ["AWS_PROFILE"] = "prod",
            ["AWS_ENDPOINT_URL_SNS"] = "https://sns.example",
        };
        foreach (var setting in SettingDefinitions.All)
        {
            environment[setting.Variable] = "from-the-machine";
        }

        // Act
        ToolProcess.RemoveInherited(environment);

        // Assert
        environment.Keys.Order(StringComparer.Ordinal).ShouldBe(["HOME", "PATH"]);
    }
}
