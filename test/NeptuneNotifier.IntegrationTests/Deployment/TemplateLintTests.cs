namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// template.yaml checked by cfn-lint (test/python/requirements.txt), which applies the SAM transform the way
/// <c>sam deploy</c> does and checks the result against CloudFormation's resource schemas: no error, no warning and no
/// informational finding. A rule is ignored only in the template's <c>Metadata: cfn-lint</c> with its reason.
/// </summary>
public sealed class TemplateLintTests : IDisposable
{
    // cfn-lint 1.x has no `python -m cfnlint` entry point; this is what its console script runs.
    private const string CfnLint = "import sys; from cfnlint.runner import main; sys.argv[0] = 'cfn-lint'; sys.exit(main())";

    private readonly string folder = Directory.CreateTempSubdirectory("neptune-notifier-template-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task CfnLint_RepositoryTemplate_HasNoFinding()
    {
        var result = await LintAsync(Path.Combine(Repository.Root, "template.yaml"));

        result.StandardOutput.Trim().ShouldBeEmpty(result.StandardError);
        result.ExitCode.ShouldBe(0, result.StandardError);
    }

    [Fact]
    public async Task CfnLint_SampleRuleOfTheDocs_HasNoFinding()
    {
        var result = await LintAsync(Path.Combine(Repository.Root, "docs", "events", "sample-rule.yaml"));

        result.StandardOutput.Trim().ShouldBeEmpty(result.StandardError);
        result.ExitCode.ShouldBe(0, result.StandardError);
    }

    /// <summary>Each kind of mistake the hand-written check on the 2023 resource specification caught, and the informational findings.</summary>
    [Theory]
    [InlineData("Type: AWS::SNS::Topic\n", "Type: AWS::SNS::Topc\n", "E3006")]
    [InlineData("      DisplayName: Neptune", "      DisplayNme: Neptune", "E3002")]
    [InlineData("TargetKeyId: !Ref NotificationKey", "TargetKeyId: !Ref NotificationKeys", "E1020")]
    [InlineData("Resource: !GetAtt NotificationKey.Arn", "Resource: !GetAtt NotificationKey.Id", "E1010")]
    [InlineData("!Sub \"${StateTable.Arn}/index/active-index\"", "!Sub \"${StateTables.Arn}/index/active-index\"", "E1019")]
    [InlineData("Condition: SubscribeEmail", "Condition: SubscribeEmails", "E3015")]
    [InlineData("DependsOn: ExportStartTrailBucketPolicy", "DependsOn: ExportStartTrailBucketPolicies", "E3005")]
    [InlineData("    Value: !Ref NotifierLogGroup", "    Valu: !Ref NotifierLogGroup", "E6002")]
    [InlineData("    Timeout: 240", "    Timeoot: 240", "E0001")]
    [InlineData("      AlarmActions: !If [AlarmsNotifyTopic, [!If [CreatesTopic, !Ref NotificationTopic, !Ref TopicArn]], !Ref AWS::NoValue]\n\n  CycleFailuresAlarm", "      AlarmActions: !If [AlarmsNotifyTopc, [!If [CreatesTopic, !Ref NotificationTopic, !Ref TopicArn]], !Ref AWS::NoValue]\n\n  CycleFailuresAlarm", "E1028")]
    [InlineData("              - PutsEvents\n", "              - PutEvent\n", "E1028")]
    [InlineData("    DeletionPolicy: Delete\n    UpdateReplacePolicy: Delete\n    Properties:\n      SqsManagedSseEnabled", "    Properties:\n      SqsManagedSseEnabled", "I3011")]
    [InlineData("      MessageRetentionPeriod: 1209600\n", "", "I3013")]
    public async Task CfnLint_BrokenTemplate_NamesTheRule(string original, string broken, string rule)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "template.yaml"), TestContext.Current.CancellationToken);
        var at = text.IndexOf(original, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"template.yaml no longer contains: {original}");
        var path = Path.Combine(folder, "template.yaml");
        await File.WriteAllTextAsync(path, string.Concat(text.AsSpan(0, at), broken, text.AsSpan(at + original.Length)), TestContext.Current.CancellationToken);

        var result = await LintAsync(path);

        result.ExitCode.ShouldNotBe(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.ShouldContain($":{rule}:");
    }

    private static Task<ProcessResult> LintAsync(string path) =>
        PythonTooling.RunAsync("cfnlint", ["-c", CfnLint, "--format", "parseable", "--include-checks", "I", "--", path], TestContext.Current.CancellationToken);
}
