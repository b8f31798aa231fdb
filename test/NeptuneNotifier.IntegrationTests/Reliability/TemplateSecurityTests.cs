using NeptuneNotifier.IntegrationTests.State;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>The security rules, on the repository's template and on small templates that break each rule once.</summary>
public sealed class TemplateSecurityTests
{
    [Fact]
    public void Check_RepositoryTemplate_BreaksNoSecurityRule()
    {
        var violations = TemplateSecurityRules.Check(SamTemplate.Load().Root);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Check_SecureTemplate_HasNoViolation() =>
        TemplateSecurityRules.Check(SecureTemplate.Parse(SecureTemplate.Text)).ShouldBeEmpty();

    [Theory]
    [InlineData("Action: sns:Publish", "Action: \"sns:*\"", "wildcard action sns:*")]
    [InlineData("Action: sns:Publish", "Action: \"*\"", "wildcard action *")]
    [InlineData("Action: [neptune-graph:GetExportTask, neptune-graph:ListExportTasks]", "Action: [neptune-graph:Get*]", "wildcard action neptune-graph:Get*")]
    [InlineData("Resource: !Ref NotificationTopic", "Resource: \"*\"", "Resource \"*\" for sns:Publish")]
    [InlineData("Resource: !Ref NotificationTopic", "Resource: \"arn:aws:sns:*:*:notifications\"", "not limited to this region and account")]
    [InlineData("Action: sns:Publish", "NotAction: iam:*", "NotAction/NotResource")]
    [InlineData("TableName: !Ref StateTable", "TableName: \"*\"", "policy template DynamoDBCrudPolicy is not scoped")]
    [InlineData("- AWSLambdaBasicExecutionRole", "- AmazonDynamoDBFullAccess", "AmazonDynamoDBFullAccess grants far more")]
    [InlineData("KmsMasterKeyId: !Ref NotificationKey", "DisplayName: plain", "NotificationTopic: the SNS topic is not encrypted")]
    [InlineData("SSEEnabled: true", "SSEEnabled: false", "StateTable: the table is not encrypted")]
    [InlineData("EnableKeyRotation: true", "EnableKeyRotation: false", "NotificationKey: the KMS key does not rotate")]
    [InlineData("TABLE_NAME: !Ref StateTable", "AWS_SECRET_ACCESS_KEY: abc", "holds a credential")]
    [InlineData("TABLE_NAME: !Ref StateTable", "LEGACY: AKIAABCDEFGHIJKLMNOP", "holds a credential")]
    [InlineData("AWS: !Sub \"arn:${AWS::Partition}:iam::${AWS::AccountId}:root\"", "AWS: \"*\"", "anyone (Principal \"*\")")]
    [InlineData("Version: \"2012-10-17\"", "Version: \"2008-10-17\"", "NotifierFunction inline policy (AWS::Serverless::Function): the policy document has no Version \"2012-10-17\"")]
    [InlineData("Version: \"2012-10-17\"", "Version: \"2008-10-17\"", "NotificationKey key policy (AWS::KMS::Key): the policy document has no Version")]
    [InlineData("Version: \"2012-10-17\"", "Version: \"2008-10-17\"", "LogBucketPolicy (AWS::S3::BucketPolicy): the policy document has no Version")]
    [InlineData("BucketEncryption:", "Encryption:", "LogBucket: the bucket has no default encryption")]
    [InlineData("RestrictPublicBuckets: true", "RestrictPublicBuckets: false", "LogBucket: the bucket does not block public access (RestrictPublicBuckets")]
    [InlineData("ObjectOwnership: BucketOwnerEnforced", "ObjectOwnership: ObjectWriter", "LogBucket: the bucket's ACLs are not disabled")]
    [InlineData("aws:SecureTransport: \"false\"", "aws:SecureTransport: \"true\"", "LogBucket: no bucket policy denies requests without TLS")]
    [InlineData("Action: s3:PutObject", "Action: \"s3:*\"", "LogBucketPolicy (AWS::S3::BucketPolicy): wildcard action s3:*")]
    public void Check_TemplateBreakingOneRule_ReportsThatRule(string secure, string broken, string expected)
    {
        var violations = TemplateSecurityRules.Check(SecureTemplate.Breaking(secure, broken));

        violations.ShouldContain(v => v.Contains(expected, StringComparison.Ordinal), string.Join("\n", violations));
    }

    [Fact]
    public void References_ShortAndLongForms_NameTheLogicalIds()
    {
        var template = SecureTemplate.Parse("""
            A: !Ref StateTable
            B: !GetAtt NotificationKey.Arn
            C: !Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${NotificationTopic.TopicName}"
            D: { "Fn::GetAtt": ["Other", "Arn"] }
            E: { "Ref": "Fifth" }
            F: !GetAtt [Sixth, Arn]
            """);

        TemplateSecurityRules.References(template).Order(StringComparer.Ordinal).ToList()
            .ShouldBe(["Fifth", "NotificationKey", "NotificationTopic", "Other", "Sixth", "StateTable"]);
    }
}
