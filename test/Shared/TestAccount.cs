namespace NeptuneNotifier.Testing;

/// <summary>
/// The fake AWS account the tests and the benchmarks run in: its id and region, the ARNs of the notifier's function and
/// topic there, the role and key exports are started with, and the credentials the in-memory and loopback endpoints are called with.
/// </summary>
internal static class TestAccount
{
    public const string Id = "123456789012";

    public const string Region = "us-east-1";

    public const string FunctionArn = $"arn:aws:lambda:{Region}:{Id}:function:neptune-notifier";

    public const string TopicArn = $"arn:aws:sns:{Region}:{Id}:neptune-notifier";

    public const string FifoTopicArn = $"{TopicArn}.fifo";

    /// <summary>The role the tests start exports and imports with; the emulator only checks that it is a role's ARN.</summary>
    public const string RoleArn = $"arn:aws:iam::{Id}:role/NeptuneExport";

    /// <summary>The KMS key the tests' exports are encrypted with.</summary>
    public const string KmsKeyArn = $"arn:aws:kms:{Region}:{Id}:key/11111111-2222-3333-4444-555555555555";

    public static BasicAWSCredentials Credentials { get; } = new("AKIDEXAMPLE", "secret");
}
