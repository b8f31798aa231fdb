using System.Text.Json;
using NeptuneNotifier.Core.Polling;

namespace NeptuneNotifier.Function.Observability;

/// <summary>
/// Writes a poll cycle's summary as one CloudWatch Embedded Metric Format log line: CloudWatch turns it into metrics
/// without a PutMetricData call (which would cost a request and an IAM permission per cycle).
/// </summary>
internal static class EmbeddedMetrics
{
    internal const string Namespace = "NeptuneNotifier";

    private static readonly (string Name, string Unit, Func<PollCycleSummary, double> Value)[] Metrics =
    [
        ("TasksChecked", "Count", s => s.Checked),
        ("Transitions", "Count", s => s.Changed),
        ("Published", "Count", s => s.Published),
        ("Republished", "Count", s => s.Republished),
        ("Failures", "Count", s => s.Failed),
        ("Skipped", "Count", s => s.Skipped),
        ("Discovered", "Count", s => s.Discovered),
        ("Recorded", "Count", s => s.Recorded),
        ("CycleCutShort", "Count", s => s.CutShort ? 1 : 0),
        ("CycleDuration", "Milliseconds", s => Math.Round(s.Duration.TotalMilliseconds, 1)),
    ];

    public static byte[] Format(PollCycleSummary summary, string functionName, DateTimeOffset timestamp)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("FunctionName");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in Metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("FunctionName", functionName);
            foreach (var (name, _, value) in Metrics)
            {
                json.WriteNumber(name, value(summary));
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
