namespace NeptuneNotifier.Testing;

/// <summary>
/// The fake AWS account the tests and the benchmarks run in: its id and region, the ARNs of the notifier's function and
/// topic there, and the credentials the in-memory and loopback endpoints are called with.
/// </summary>
internal static class TestAccount
{
    public const string Id = "123456789012";

    public const string Region = "us-east-1";

    public const string FunctionArn = $"arn:aws:lambda:{Region}:{Id}:function:neptune-notifier";

    public const string TopicArn = $"arn:aws:sns:{Region}:{Id}:neptune-notifier";

    public const string FifoTopicArn = $"{TopicArn}.fifo";

    public static BasicAWSCredentials Credentials { get; } = new("AKIDEXAMPLE", "secret");
}
