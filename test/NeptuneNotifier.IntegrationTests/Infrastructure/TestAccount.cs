namespace NeptuneNotifier.IntegrationTests.Infrastructure;

/// <summary>
/// The fake AWS account and region the integration tests run in (moto's default account too): what our clients sign
/// for, what the template's pseudo parameters resolve to, and what the ARNs of the tests' resources name.
/// </summary>
internal static class TestAccount
{
    public const string Id = "123456789012";
    public const string Region = "us-east-1";

    /// <summary>The role the tests start exports and imports with; the emulator only checks that it is a role's ARN.</summary>
    public const string RoleArn = $"arn:aws:iam::{Id}:role/NeptuneExport";

    /// <summary>The KMS key the tests' exports are encrypted with.</summary>
    public const string KmsKeyArn = $"arn:aws:kms:{Region}:{Id}:key/11111111-2222-3333-4444-555555555555";
}
