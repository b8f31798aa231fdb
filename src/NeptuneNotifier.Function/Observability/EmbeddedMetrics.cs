namespace NeptuneNotifier.Function.Observability;

/// <summary>
/// Writes a poll cycle's summary as one CloudWatch Embedded Metric Format log line: CloudWatch turns it into metrics
/// without a PutMetricData call (which would cost a request and an IAM permission per cycle).
/// </summary>
internal static class EmbeddedMetrics
{
    internal const string Namespace = "NeptuneNotifier";

    // Each custom metric is billed monthly: only the figures something watches are metrics.
    private static readonly SummaryFigure[] Metrics = [.. PollCycleSummary.Figures.Where(figure => figure.Metric is not null)];

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
            foreach (var figure in Metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", figure.Metric);
                json.WriteString("Unit", Unit(figure.Unit));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("FunctionName", functionName);
            foreach (var figure in Metrics)
            {
                var value = figure.Value(summary);
                json.WriteNumber(figure.Metric!, figure.Unit == FigureUnit.Milliseconds ? Math.Round(value, 1) : value);
            }

            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // CloudWatch's unit names (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html);
    // a flag is a count of 0 or 1, so a sum over a period counts the cycles it was set in.
    private static string Unit(FigureUnit unit) => unit == FigureUnit.Milliseconds ? "Milliseconds" : "Count";
}
