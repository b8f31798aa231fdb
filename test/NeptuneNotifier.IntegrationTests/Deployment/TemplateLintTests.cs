using NeptuneNotifier.IntegrationTests.Infrastructure;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// template.yaml checked offline against the CloudFormation resource specification (test/node/template/check.mjs):
/// resource types, property names and every reference must exist.
/// </summary>
public sealed class TemplateLintTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neptune-notifier-template-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Check_RepositoryTemplate_HasNoProblems()
    {
        var result = await CheckAsync(Path.Combine(NodeTooling.RepositoryRoot, "template.yaml"));

        result.ExitCode.ShouldBe(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain(" 0 problems");
    }

    [Theory]
    [InlineData("Type: AWS::SNS::Topic\n", "Type: AWS::SNS::Topc\n", "unknown resource type 'AWS::SNS::Topc'")]
    [InlineData("      DisplayName: Neptune", "      DisplayNme: Neptune", "unknown property 'DisplayNme'")]
    [InlineData("TargetKeyId: !Ref NotificationKey", "TargetKeyId: !Ref NotificationKeys", "!Ref NotificationKeys names no parameter")]
    [InlineData("Resource: !GetAtt NotificationKey.Arn", "Resource: !GetAtt NotificationKey.Id", "AWS::KMS::Key has no attribute 'Id'")]
    [InlineData("LogGroupName: !Sub \"/aws/lambda/${NotifierFunction}\"", "LogGroupName: !Sub \"/aws/lambda/${NotifierFunctions}\"", "!Ref NotifierFunctions names no")]
    [InlineData("Condition: SubscribeEmail", "Condition: SubscribeEmails", "condition 'SubscribeEmails' is not defined")]
    public async Task Check_BrokenTemplate_NamesTheProblem(string original, string broken, string expected)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(NodeTooling.RepositoryRoot, "template.yaml"), TestContext.Current.CancellationToken);
        text.ShouldContain(original);
        var path = Path.Combine(folder, "template.yaml");
        await File.WriteAllTextAsync(path, text.Replace(original, broken, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await CheckAsync(path);

        result.ExitCode.ShouldBe(1, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain(expected);
    }

    private static Task<ProcessResult> CheckAsync(string path) =>
        NodeTooling.RunScriptAsync(Path.Combine("template", "check.mjs"), [path], stdin: null, TestContext.Current.CancellationToken);
}
