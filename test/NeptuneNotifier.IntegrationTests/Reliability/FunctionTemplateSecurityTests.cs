using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>
/// Least privilege for the deployed function and the key of its topic, by the template's resource names
/// (NotifierFunction, NotificationTopic, NotificationKey, StateTable): what only this stack's design says. The general
/// rules (no wildcard, everything encrypted, keys rotating) are <see cref="TemplateSecurityRules"/>', checked on both
/// templates by <see cref="TemplateSecurityTests"/>. Every check is also run against a reference template here, so the
/// checks themselves are known to pass on a correct template and to fail on a wrong one.
/// </summary>
public sealed class FunctionTemplateSecurityTests
{
    // The parameters naming what the stack may use instead of its own: an existing topic, that topic's key, a bus.
    private const string TopicParameter = "TopicArn";
    private const string TopicKeyParameter = "TopicKeyArn";
    private const string BusParameter = "EventBusName";

    private static readonly string[] AllowedActions =
    [
        "neptune-graph:GetExportTask", "neptune-graph:ListExportTasks", "neptune-graph:GetImportTask", "neptune-graph:ListImportTasks",
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
        "sns:Publish", "kms:GenerateDataKey", "kms:Decrypt", "events:PutEvents",
        "xray:PutTraceSegments", "xray:PutTelemetryRecords",
    ];

    private static readonly string[] AllowedPolicyTemplates = ["DynamoDBCrudPolicy", "DynamoDBWritePolicy", "DynamoDBReadPolicy", "SNSPublishMessagePolicy", "KMSDecryptPolicy", "AWSLambdaBasicExecutionRole"];

    [Fact]
    public void Function_RepositoryTemplate_HasLeastPrivilege() => ShouldHaveLeastPrivilege(SamTemplate.Load().Root);

    [Fact]
    public void Topic_RepositoryTemplate_IsEncryptedWithTheNotificationKey() => ShouldUseTheNotificationKey(SamTemplate.Load().Root);

    [Fact]
    public void Function_ReferenceTemplate_HasLeastPrivilege() => ShouldHaveLeastPrivilege(SecureTemplate.Parse(SecureTemplate.Text));

    [Fact]
    public void Topic_ReferenceTemplate_IsEncryptedWithTheNotificationKey() => ShouldUseTheNotificationKey(SecureTemplate.Parse(SecureTemplate.Text));

    /// <summary>
    /// The one service-principal grant without a condition, on purpose: AWS's statement for CloudWatch alarms publishing
    /// to an encrypted topic has none (https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns,
    /// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services), and no AWS
    /// page says the KMS request SNS makes for an alarm carries aws:SourceAccount: were it missing, a condition on it
    /// would deny every alarm notification. The topic policy keeps aws:SourceAccount, so only this account's alarms
    /// publish to the topic the key encrypts.
    /// </summary>
    [Fact]
    public void Key_CloudWatchAlarmsGrant_IsTheDocumentedStatementWhileTheTopicPolicyKeepsItsCondition()
    {
        var template = SamTemplate.Load().Root;
        PolicyStatement CloudWatch(string resourceId) => TemplateSecurityRules.Statements(template)
            .Where(s => s.Where.StartsWith(resourceId, StringComparison.Ordinal)
                && TemplateSecurityRules.Text(TemplateSecurityRules.Child(TemplateSecurityRules.Child(s.Node, "Principal"), "Service")) == "cloudwatch.amazonaws.com")
            .ShouldHaveSingleItem();

        var key = CloudWatch(SamTemplate.KeyId);
        key.Actions.Select(a => TemplateSecurityRules.Text(a)).ShouldBe(["kms:GenerateDataKey", "kms:Decrypt"], ignoreOrder: true);
        TemplateSecurityRules.Child(key.Node, "Condition").ShouldBeNull("a condition AWS does not document for this KMS request could silently drop every alarm notification");

        var topic = CloudWatch("NotificationTopicPolicy");
        TemplateSecurityRules.References(TemplateSecurityRules.Child(TemplateSecurityRules.Child(TemplateSecurityRules.Child(topic.Node, "Condition"), "StringEquals"), "aws:SourceAccount"))
            .ShouldBe(["AWS::AccountId"], "the topic policy decides which alarms may publish");
    }

    [Theory]
    [InlineData("Resource: !Ref NotificationTopic", "Resource: !Ref OtherTopic", "sns:Publish")]
    [InlineData("Action: sns:Publish", "Action: [sns:Publish, sns:Subscribe]", "sns:Subscribe")]
    [InlineData("TableName: !Ref StateTable", "TableName: !Ref OtherTable", "DynamoDBCrudPolicy")]
    [InlineData("Resource: !GetAtt NotificationKey.Arn", "Resource: !GetAtt OtherKey.Arn", "kms")]
    public void Function_ReferenceTemplateWithOneGrantTooWide_Fails(string secure, string broken, string expected)
    {
        var template = SecureTemplate.Breaking(secure, broken);

        var exception = Should.Throw<ShouldAssertException>(() => ShouldHaveLeastPrivilege(template));

        exception.Message.ShouldContain(expected);
    }

    [Fact]
    public void Topic_ReferenceTemplateWithTheAwsManagedKey_Fails()
    {
        var template = SecureTemplate.Breaking("KmsMasterKeyId: !Ref NotificationKey", "KmsMasterKeyId: alias/aws/sns");

        Should.Throw<ShouldAssertException>(() => ShouldUseTheNotificationKey(template)).Message.ShouldContain($"{SamTemplate.TopicId} must be encrypted with {SamTemplate.KeyId}");
    }

    private static void ShouldHaveLeastPrivilege(YamlMappingNode template)
    {
        var resources = TemplateSecurityRules.Resources(template).ToDictionary(r => r.Id, r => r.Resource, StringComparer.Ordinal);
        resources.Keys.ShouldContain(SamTemplate.FunctionId, $"template.yaml declares no {SamTemplate.FunctionId}");
        var properties = (YamlMappingNode)TemplateSecurityRules.Child(resources[SamTemplate.FunctionId], "Properties")!;
        foreach (var policy in TemplateSecurityRules.Items(TemplateSecurityRules.Child(properties, "Policies")))
        {
            if (policy is YamlScalarNode managed)
            {
                managed.Value.ShouldBeOneOf(AllowedPolicyTemplates, "managed policy");
            }
            else if (TemplateSecurityRules.Child(policy, "Statement") is null && policy is YamlMappingNode samTemplate)
            {
                foreach (var (name, parameters) in samTemplate.Children)
                {
                    var templateName = TemplateSecurityRules.Text(name)!;
                    templateName.ShouldBeOneOf(AllowedPolicyTemplates, "SAM policy template");
                    var expected = templateName.StartsWith("DynamoDB", StringComparison.Ordinal) ? SamTemplate.TableId : templateName.StartsWith("SNS", StringComparison.Ordinal) ? SamTemplate.TopicId : SamTemplate.KeyId;
                    TemplateSecurityRules.References(parameters).ShouldBe([expected], ignoreOrder: true, $"{templateName} must be scoped to {expected}");
                }
            }
        }

        var statements = TemplateSecurityRules.Statements(template).Where(s => s.Where.StartsWith(SamTemplate.FunctionId, StringComparison.Ordinal)).ToList();
        foreach (var statement in statements.Where(s => s.Effect == "Allow"))
        {
            var actions = statement.Actions.Select(a => TemplateSecurityRules.Text(a)!).ToList();
            foreach (var action in actions)
            {
                action.ShouldBeOneOf(AllowedActions, $"{statement.Where}: the function does not call {action}");
            }

            var references = statement.Resources.SelectMany(TemplateSecurityRules.References).ToHashSet(StringComparer.Ordinal);
            if (actions.Any(a => a.StartsWith("sns:", StringComparison.Ordinal)))
            {
                ShouldBeOnlyOn(references, [SamTemplate.TopicId, TopicParameter], $"{statement.Where}: sns:Publish must be on {SamTemplate.TopicId} or the topic in {TopicParameter} only");
            }

            if (actions.Any(a => a.StartsWith("events:", StringComparison.Ordinal)))
            {
                ShouldBeOnlyOn(references, [BusParameter], $"{statement.Where}: events:PutEvents must be on the bus in {BusParameter} only");
            }

            if (actions.Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            {
                references.ShouldBe([SamTemplate.TableId], ignoreOrder: true, $"{statement.Where}: dynamodb must be on {SamTemplate.TableId} (and its indexes) only");
            }

            if (actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)))
            {
                ShouldBeOnlyOn(references, [SamTemplate.KeyId, TopicKeyParameter], $"{statement.Where}: kms must be on {SamTemplate.KeyId} or the key in {TopicKeyParameter} only");
            }
        }
    }

    private static void ShouldBeOnlyOn(HashSet<string> references, string[] allowed, string message)
    {
        references.ShouldNotBeEmpty(message);
        references.ShouldBeSubsetOf(allowed, message);
    }

    /// <summary>
    /// The topic is encrypted with the stack's own key, whose policy lets the function and the alarms use it. That every
    /// topic, table and queue is encrypted and every key rotates is a general rule of <see cref="TemplateSecurityRules"/>,
    /// checked on both templates by <see cref="TemplateSecurityTests"/>; an AWS managed key passes it, but not this.
    /// </summary>
    private static void ShouldUseTheNotificationKey(YamlMappingNode template)
    {
        var resources = TemplateSecurityRules.Resources(template).ToDictionary(r => r.Id, r => r.Resource, StringComparer.Ordinal);
        resources.Keys.ShouldContain(SamTemplate.TopicId, $"template.yaml declares no {SamTemplate.TopicId}");
        resources.Keys.ShouldContain(SamTemplate.KeyId, $"template.yaml declares no {SamTemplate.KeyId}");
        var topicKey = TemplateSecurityRules.Child(TemplateSecurityRules.Child(resources[SamTemplate.TopicId], "Properties"), "KmsMasterKeyId");
        TemplateSecurityRules.References(topicKey).ShouldBe([SamTemplate.KeyId], ignoreOrder: true, $"{SamTemplate.TopicId} must be encrypted with {SamTemplate.KeyId}");
    }
}
