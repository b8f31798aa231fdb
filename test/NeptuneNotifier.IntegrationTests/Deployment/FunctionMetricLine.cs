using NeptuneNotifier.Function.Observability;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>One metric of an Embedded Metric Format line: what CloudWatch extracts, with the dimension set it is filed under.</summary>
internal sealed record ExtractedMetric(string Namespace, string Name, IReadOnlySet<string> Dimensions);

/// <summary>
/// The Embedded Metric Format line the function writes for a cycle (<see cref="EmbeddedMetrics.Format"/>, the code
/// itself), read as CloudWatch reads it: each directive of <c>_aws.CloudWatchMetrics</c> files each of its
/// <c>Metrics</c> under its <c>Namespace</c> once per dimension set of <c>Dimensions</c>, with the values of the root
/// members of those names
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
/// </summary>
internal sealed class FunctionMetricLine
{
    /// <summary>The function name the line is written with: in Lambda, AWS_LAMBDA_FUNCTION_NAME (Program.cs).</summary>
    public const string FunctionName = "stack-NotifierFunction-1A2B3C4D5E6F";

    private readonly JsonElement root;

    private FunctionMetricLine(JsonElement root, IReadOnlyList<ExtractedMetric> metrics)
    {
        this.root = root;
        Metrics = metrics;
    }

    public IReadOnlyList<ExtractedMetric> Metrics { get; }

    public static FunctionMetricLine Of(PollCycleSummary summary)
    {
        using var document = JsonDocument.Parse(EmbeddedMetrics.Format(summary, FunctionName, new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero)));
        var root = document.RootElement.Clone();
        List<ExtractedMetric> metrics = [];
        foreach (var directive in root.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray())
        {
            var space = directive.GetProperty("Namespace").GetString()!;
            foreach (var set in directive.GetProperty("Dimensions").EnumerateArray())
            {
                HashSet<string> dimensions = [.. set.EnumerateArray().Select(name => name.GetString()!)];
                metrics.AddRange(directive.GetProperty("Metrics").EnumerateArray().Select(metric => new ExtractedMetric(space, metric.GetProperty("Name").GetString()!, dimensions)));
            }
        }

        return new FunctionMetricLine(root, metrics);
    }

    /// <summary>The root member <paramref name="name"/>: a metric's value or a dimension's.</summary>
    public JsonElement Member(string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"the function's metric line has no member {name}: {root}");
}
