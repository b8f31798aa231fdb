using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// Every alarm of template.yaml on a metric of our own (a namespace not under <c>AWS/</c>) against the line the code
/// writes. An alarm on a name, namespace or dimension set that no line carries watches a metric that never arrives: with
/// TreatMissingData ignore it stays silent while cycles fail, and nothing else would say so.
/// </summary>
public sealed class AlarmMetricSourceTests
{
    private readonly SamTemplate template = SamTemplate.Load();

    [Fact]
    public void CustomMetricAlarm_AgainstTheFunctionsMetricLine_WatchesAMetricItWrites()
    {
        var line = FunctionMetricLine.Of(new PollCycleSummary(1, 0, 0, 1, 0, 0, 0, CutShort: false, TimeSpan.FromSeconds(2)));
        var alarms = CustomMetricAlarms().ToList();

        alarms.ShouldNotBeEmpty("template.yaml has alarms on the function's own metrics (CycleFailuresAlarm)");
        foreach (var (id, properties) in alarms)
        {
            var space = template.Scalar(properties, "Namespace");
            var metric = template.Scalar(properties, "MetricName");
            var dimensions = SamTemplate.SequenceNode(properties, "Dimensions").Children.Cast<YamlMappingNode>().ToList();
            var names = dimensions.Select(d => template.Scalar(d, "Name")).ToList();

            line.Metrics.Select(m => m.Namespace).ShouldContain(space, $"{id}: no metric of the function's line is in namespace {space}");
            line.Metrics.Where(m => m.Namespace == space).Select(m => m.Name).ShouldContain(metric, $"{id}: the function's line has no metric {metric} in {space}");
            line.Member(metric).ValueKind.ShouldBe(JsonValueKind.Number, $"{id}: {metric} has no value in the line");
            var written = line.Metrics.Where(m => m.Namespace == space && m.Name == metric).Select(m => m.Dimensions).ToList();
            written.ShouldContain(
                set => set.SetEquals(names) && set.Count == names.Count,
                $"{id}: {metric} is written with the dimension sets [{string.Join("; ", written.Select(set => string.Join(", ", set)))}], not [{string.Join(", ", names)}]");

            // The function writes the name it runs as, AWS_LAMBDA_FUNCTION_NAME (Program.cs; "The name of the function",
            // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime), which is
            // what !Ref of the function returns (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html#aws-resource-lambda-function-return-values).
            foreach (var (dimension, name) in dimensions.Zip(names))
            {
                line.Member(name).GetString().ShouldBe(FunctionMetricLine.FunctionName, $"{id}: the line's {name} is not the function name it was given");
                (dimension.Children[new YamlScalarNode("Value")] is YamlScalarNode { Tag.IsEmpty: false, Tag.Value: "!Ref", Value: SamTemplate.FunctionId })
                    .ShouldBeTrue($"{id}: the value of dimension {name} is not !Ref {SamTemplate.FunctionId}, the name the function writes");
            }
        }
    }

    private IEnumerable<(string Id, YamlMappingNode Properties)> CustomMetricAlarms()
    {
        foreach (var (key, resource) in SamTemplate.Mapping(template.Root, "Resources").Children)
        {
            if (template.Scalar(resource, "Type") == "AWS::CloudWatch::Alarm")
            {
                var properties = SamTemplate.Mapping(resource, "Properties");
                if (!template.Scalar(properties, "Namespace").StartsWith("AWS/", StringComparison.Ordinal))
                {
                    yield return (((YamlScalarNode)key).Value!, properties);
                }
            }
        }
    }
}
