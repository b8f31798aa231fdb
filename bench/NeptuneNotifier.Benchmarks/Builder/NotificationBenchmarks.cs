using BenchmarkDotNet.Attributes;
using NeptuneNotifier.Aws.Sns;

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
    private static readonly NotificationRenderer Renderer = new(new NotificationOptions("us-east-1"));
    private readonly SnsPublishEnvelope envelope = new("arn:aws:sns:us-east-1:123456789012:neptune-notifier", Renderer);
    private readonly SnsPublishEnvelope fifoEnvelope = new("arn:aws:sns:us-east-1:123456789012:neptune-notifier.fifo", Renderer);
    private PendingNotification exporting = null!;
    private PendingNotification succeeded = null!;
    private PendingNotification failed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
        var snapshot = new TaskSnapshot
        {
            TaskId = "t-0a1b2c3d4e",
            GraphId = "g-abcde12345",
            Status = NeptuneTaskStatus.Exporting,
            Format = "PARQUET",
            ParquetType = "COLUMNAR",
            Destination = "s3://exports-bucket/orders/2026-11-29/",
            KmsKeyIdentifier = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000",
            RoleArn = "arn:aws:iam::123456789012:role/NeptuneExport",
            ProgressPercentage = 42,
            TimeElapsedSeconds = 1_260,
            NumVerticesWritten = 504_000,
            NumEdgesWritten = 2_016_000,
            StartTime = at.AddMinutes(-21),
        };
        exporting = Pending(snapshot, NeptuneTaskStatus.Initializing, at);
        succeeded = Pending(snapshot with { Status = NeptuneTaskStatus.Succeeded, ProgressPercentage = 100, NumVerticesWritten = 1_200_000, NumEdgesWritten = 4_800_000 }, NeptuneTaskStatus.Exporting, at);
        failed = Pending(
            snapshot with
            {
                Status = NeptuneTaskStatus.Failed,
                StatusReason = "Access denied writing to s3://exports-bucket/orders/2026-11-29/: the role arn:aws:iam::123456789012:role/NeptuneExport "
                    + string.Concat(Enumerable.Repeat("is not allowed to perform s3:PutObject on this prefix; check the bucket policy and the KMS key policy. ", 8)),
            },
            NeptuneTaskStatus.Exporting,
            at);
    }

    [Benchmark(Baseline = true, Description = "EXPORTING (running, counters)")]
    public PublishRequest Exporting() => envelope.Build(exporting);

    [Benchmark(Description = "SUCCEEDED (terminal)")]
    public PublishRequest Succeeded() => envelope.Build(succeeded);

    [Benchmark(Description = "FAILED, 1 KB reason")]
    public PublishRequest Failed() => envelope.Build(failed);

    [Benchmark(Description = "SUCCEEDED, FIFO topic")]
    public PublishRequest SucceededFifo() => fifoEnvelope.Build(succeeded);

    private static PendingNotification Pending(TaskSnapshot snapshot, NeptuneTaskStatus previous, DateTimeOffset at) =>
        new("0193a4b2c3d47e8f9a0b1c2d3e4f5061", previous, snapshot, 3, at, at.AddMinutes(2));
}
