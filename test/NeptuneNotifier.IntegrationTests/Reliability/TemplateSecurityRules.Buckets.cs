using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Reliability;

/// <summary>S3 buckets: encrypted, no public access, ACLs off, and reachable over TLS only.</summary>
internal static partial class TemplateSecurityRules
{
    private static readonly string[] PublicAccessBlocks = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"];

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
    private static void CheckBucket(YamlMappingNode template, string id, YamlMappingNode? properties, List<string> violations)
    {
        if (Child(Child(properties, "BucketEncryption"), "ServerSideEncryptionConfiguration") is null)
        {
            violations.Add($"{id}: the bucket has no default encryption (BucketEncryption)");
        }

        var block = Child(properties, "PublicAccessBlockConfiguration");
        foreach (var setting in PublicAccessBlocks.Where(setting => Text(Child(block, setting)) != "true"))
        {
            violations.Add($"{id}: the bucket does not block public access ({setting} is not true)");
        }

        if (!Items(Child(Child(properties, "OwnershipControls"), "Rules")).Any(rule => Text(Child(rule, "ObjectOwnership")) == "BucketOwnerEnforced"))
        {
            violations.Add($"{id}: the bucket's ACLs are not disabled (OwnershipControls BucketOwnerEnforced)");
        }

        if (!BucketPolicyStatements(template, id).Any(DeniesPlainHttp))
        {
            violations.Add($"{id}: no bucket policy denies requests without TLS (aws:SecureTransport false)");
        }
    }

    private static IEnumerable<YamlNode> BucketPolicyStatements(YamlMappingNode template, string bucketId) =>
        Resources(template)
            .Where(r => Text(Child(r.Resource, "Type")) == "AWS::S3::BucketPolicy"
                && References(Child(Child(r.Resource, "Properties"), "Bucket")).Contains(bucketId))
            .SelectMany(r => Items(Child(Child(Child(r.Resource, "Properties"), "PolicyDocument"), "Statement")));

    private static bool DeniesPlainHttp(YamlNode statement) =>
        Text(Child(statement, "Effect")) == "Deny"
        && Text(Child(Child(Child(statement, "Condition"), "Bool"), "aws:SecureTransport")) == "false";
}
