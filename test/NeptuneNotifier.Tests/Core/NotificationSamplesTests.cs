using System.Text.Encodings.Web;
using NeptuneNotifier.Aws.Sns;

namespace NeptuneNotifier.Tests.Core;

/// <summary>
/// The samples under docs/samples are the renderer's forms for one transition and the SNS channel's Publish request on
/// a FIFO topic. This test fails when they drift; run it with NEPTUNE_NOTIFIER_UPDATE_SAMPLES=1 to write them again.
/// </summary>
public sealed class NotificationSamplesTests
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Samples_Committed_MatchTheRenderedFormsAndThePublishRequest()
    {
        var renderer = new NotificationRenderer(new NotificationOptions(TestAccount.Region));
        var rendered = renderer.Render(SampleTransition());
        var request = new SnsPublishEnvelope(TestAccount.FifoTopicArn, renderer).Build(SampleTransition());
        var samples = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["email.txt"] = rendered.EmailText,
            ["chatbot.json"] = Indent(rendered.ChatPayload),
            ["event.json"] = Indent(rendered.MachineEvent),
            ["sns-publish.json"] = Publish(request),
        };
        ShouldMatchCommitted(Path.Combine(Repository.Root, "docs", "samples"), samples);
    }

    /// <summary>
    /// Each sample's file in <paramref name="directory"/> must hold exactly its content; with
    /// NEPTUNE_NOTIFIER_UPDATE_SAMPLES=1 the files are written first.
    /// </summary>
    internal static void ShouldMatchCommitted(string directory, IReadOnlyDictionary<string, string> samples)
    {
        if (Environment.GetEnvironmentVariable("NEPTUNE_NOTIFIER_UPDATE_SAMPLES") == "1")
        {
            Directory.CreateDirectory(directory);
            foreach (var (name, content) in samples)
            {
                File.WriteAllText(Path.Combine(directory, name), content);
            }
        }

        foreach (var (name, content) in samples)
        {
            var path = Path.Combine(directory, name);
            File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests with NEPTUNE_NOTIFIER_UPDATE_SAMPLES=1");
            File.ReadAllText(path).ShouldBe(content, $"{path} is out of date; run the tests with NEPTUNE_NOTIFIER_UPDATE_SAMPLES=1");
        }
    }

    internal static PendingNotification SampleTransition() => new(
        "019c8a2e5f4b7c3d9e1f2a3b4c5d6e7f",
        NeptuneTaskStatus.Exporting,
        new TaskSnapshot
        {
            TaskId = "t-8k2m4n6p8q",
            GraphId = "g-3x5z7b9d1f",
            Status = NeptuneTaskStatus.Failed,
            StatusReason = "Access denied writing to s3://analytics-exports/social-graph/2026-03-01/. Check that the role can call s3:PutObject and kms:GenerateDataKey.",
            Format = "PARQUET",
            ParquetType = "COLUMNAR",
            Destination = "s3://analytics-exports/social-graph/2026-03-01/",
            KmsKeyIdentifier = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            RoleArn = "arn:aws:iam::123456789012:role/NeptuneAnalyticsExport",
            ProgressPercentage = 62,
            TimeElapsedSeconds = 1847,
            NumVerticesWritten = 48_213_977,
            NumEdgesWritten = null,
            StartTime = new DateTimeOffset(2026, 3, 1, 9, 14, 5, TimeSpan.Zero),
        },
        4,
        new DateTimeOffset(2026, 3, 1, 9, 45, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 1, 9, 47, 0, TimeSpan.Zero));

    private static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, Pretty) + "\n";
    }

    private static string Publish(PublishRequest request)
    {
        var sample = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Subject"] = request.Subject,
            ["MessageStructure"] = request.MessageStructure,
            ["Message"] = request.Message,
            ["MessageAttributes"] = (request.MessageAttributes ?? new Dictionary<string, MessageAttributeValue>())
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .ToDictionary(a => a.Key, a => new Dictionary<string, string?> { ["DataType"] = a.Value.DataType, ["StringValue"] = a.Value.StringValue }),
            ["MessageGroupId"] = request.MessageGroupId,
            ["MessageDeduplicationId"] = request.MessageDeduplicationId,
        };
        return JsonSerializer.Serialize(sample, Pretty) + "\n";
    }
}
