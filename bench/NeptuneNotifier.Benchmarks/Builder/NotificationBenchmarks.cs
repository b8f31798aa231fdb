using BenchmarkDotNet.Attributes;
using NeptuneNotifier.Aws.Sns;
using NeptuneNotifier.Tests.Core.Fakes;

namespace NeptuneNotifier.Benchmarks.Builder;

/// <summary>
/// Composing one SNS Publish request (rendering the email text, Chatbot JSON and machine event, then the envelope with its
/// attributes and size check) for the transitions a cycle meets: a running export moving on, a success with counters,
/// and a failure with a long status reason.
/// </summary>
// Public and not sealed: BenchmarkDotNet refuses benchmark classes that are not.
[MemoryDiagnoser]
public class NotificationBenchmarks
{
    private const string TaskId = "t-0a1b2c3d4e";
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions(TestAccount.Region));
    private readonly SnsPublishEnvelope envelope = new(TestAccount.TopicArn, Renderer);
    private readonly SnsPublishEnvelope fifoEnvelope = new(TestAccount.FifoTopicArn, Renderer);
    private PendingNotification exporting = null!;
    private PendingNotification succeeded = null!;
    private PendingNotification failed = null!;

    // The unit tests' sample export (TestData), with its counters: the same task at each transition.
    [GlobalSetup]
    public void Setup()
    {
        exporting = TestData.Pending(TestData.Snapshot(TaskId, NeptuneTaskStatus.Exporting), NeptuneTaskStatus.Initializing, version: 3);
        succeeded = TestData.Pending(TestData.Snapshot(TaskId, NeptuneTaskStatus.Succeeded), NeptuneTaskStatus.Exporting, version: 3);
        var failedSnapshot = TestData.Snapshot(TaskId, NeptuneTaskStatus.Failed);
        failed = TestData.Pending(
            failedSnapshot with
            {
                StatusReason = $"Access denied writing to {failedSnapshot.Destination}: the role {failedSnapshot.RoleArn} "
                    + string.Concat(Enumerable.Repeat("is not allowed to perform s3:PutObject on this prefix; check the bucket policy and the KMS key policy. ", 8)),
            },
            NeptuneTaskStatus.Exporting,
            version: 3);
    }

    [Benchmark(Baseline = true, Description = "EXPORTING (running, counters)")]
    public PublishRequest Exporting() => envelope.Build(exporting);

    [Benchmark(Description = "SUCCEEDED (terminal)")]
    public PublishRequest Succeeded() => envelope.Build(succeeded);

    [Benchmark(Description = "FAILED, 1 KB reason")]
    public PublishRequest Failed() => envelope.Build(failed);

    [Benchmark(Description = "SUCCEEDED, FIFO topic")]
    public PublishRequest SucceededFifo() => fifoEnvelope.Build(succeeded);
}
