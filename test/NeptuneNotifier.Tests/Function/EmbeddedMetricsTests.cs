using NeptuneNotifier.Function.Observability;

namespace NeptuneNotifier.Tests.Function;

public sealed class EmbeddedMetricsTests
{
    [Fact]
    public void Format_Summary_IsOneEmfLineDeclaringEveryValue()
    {
        var summary = new PollCycleSummary(Checked: 10, Changed: 3, Published: 2, Failed: 1, Skipped: 4, Republished: 1, Discovered: 5, CutShort: true, Duration: TimeSpan.FromMilliseconds(1234.56)) { Recorded = 6 };

        var bytes = EmbeddedMetrics.Format(summary, "notifier", new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

        bytes[^1].ShouldBe((byte)'\n');
        bytes.Count(b => b == (byte)'\n').ShouldBe(1);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        root.GetProperty("_aws").GetProperty("Timestamp").GetInt64().ShouldBe(1795939200000);
        var directive = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        directive.GetProperty("Namespace").GetString().ShouldBe("NeptuneNotifier");
        directive.GetProperty("Dimensions")[0][0].GetString().ShouldBe("FunctionName");
        root.GetProperty("FunctionName").GetString().ShouldBe("notifier");
        var declared = directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()!).ToList();
        declared.ShouldBe(["TasksChecked", "Transitions", "Published", "Republished", "Failures", "Skipped", "Discovered", "Recorded", "CycleCutShort", "CycleDuration"]);
        foreach (var name in declared)
        {
            root.TryGetProperty(name, out _).ShouldBeTrue($"metric {name} has no value");
        }

        root.GetProperty("TasksChecked").GetDouble().ShouldBe(10);
        root.GetProperty("Failures").GetDouble().ShouldBe(1);
        root.GetProperty("Recorded").GetDouble().ShouldBe(6);
        root.GetProperty("CycleCutShort").GetDouble().ShouldBe(1);
        root.GetProperty("CycleDuration").GetDouble().ShouldBe(1234.6);
    }
}
