using System.Reflection;
using System.Text.RegularExpressions;
using NeptuneNotifier.Emulator.Http;

namespace NeptuneNotifier.IntegrationTests.Emulator;

/// <summary>
/// The emulator's patterns against the neptune-graph model of the installed botocore (test/python/requirements.txt), so
/// that a copy cannot go stale: each <c>{Shape}Text</c> constant of <see cref="ModelPatterns"/> is the model's pattern of
/// the shape it is named after, and the regex of the same name matches it whole, as ECMA-262 reads it.
/// </summary>
public sealed class ModelPatternsTests
{
    // botocore's own loader finds the newest API version of the model and unpacks it.
    private const string PrintModel =
        "import json, botocore.loaders; print(json.dumps(botocore.loaders.Loader().load_service_model('neptune-graph', 'service-2')))";

    [Fact]
    public async Task StatedPatterns_AgainstInstalledBotocoreModel_EqualTheModelsPatternOfTheirShape()
    {
        // Arrange
        var result = await PythonTooling.RunAsync("botocore", ["-c", PrintModel], TestContext.Current.CancellationToken);
        result.ExitCode.ShouldBe(0, result.StandardError);
        var shapes = JsonNode.Parse(result.StandardOutput)!["shapes"]!.AsObject();
        var stated = typeof(ModelPatterns).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name.EndsWith("Text", StringComparison.Ordinal))
            .ToDictionary(field => field.Name[..^"Text".Length], field => (string)field.GetRawConstantValue()!);

        // Act
        var stale = stated
            .Where(pattern => shapes[pattern.Key]?["pattern"]?.GetValue<string>() != pattern.Value)
            .Select(pattern => $"{pattern.Key}: ours {pattern.Value}, the model's {shapes[pattern.Key]?["pattern"]?.GetValue<string>() ?? "(no such shape or pattern)"}")
            .ToList();

        // Assert
        stated.Count.ShouldBe(8);
        stale.ShouldBeEmpty();
        foreach (var (shape, text) in stated)
        {
            var regex = (Regex)typeof(ModelPatterns).GetMethod(shape, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
            regex.ToString().ShouldBe($"^{text}\\z", shape);
            regex.Options.HasFlag(RegexOptions.ECMAScript).ShouldBeTrue($"{shape}: Smithy patterns are ECMA-262");
        }
    }
}
