using NeptuneNotifier.IntegrationTests.State;
using YamlDotNet.RepresentationModel;

namespace NeptuneNotifier.IntegrationTests.Deployment;

/// <summary>
/// The template's <c>Rules</c> evaluated as CloudFormation does before it creates anything: for each rule whose
/// RuleCondition holds (or that has none), every assertion must hold, else the stack operation fails with the
/// assertion's AssertDescription. Supports the functions the template uses: Fn::Equals, Fn::Not, Fn::And, Fn::Or, Ref
/// of a parameter. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
/// </summary>
internal static class TemplateRules
{
    /// <summary>The AssertDescription of every failed assertion for these parameter values (defaults for the rest).</summary>
    public static IReadOnlyList<string> Failures(SamTemplate template, IReadOnlyDictionary<string, string> parameters)
    {
        List<string> failures = [];
        foreach (var (_, rule) in SamTemplate.Mapping(template.Root, "Rules").Children)
        {
            if (rule is YamlMappingNode mapping
                && mapping.Children.TryGetValue(new YamlScalarNode("RuleCondition"), out var condition)
                && !Evaluate(template, condition, parameters))
            {
                continue;
            }

            foreach (var assertion in SamTemplate.SequenceNode(rule, "Assertions").Children)
            {
                if (!Evaluate(template, ((YamlMappingNode)assertion).Children[new YamlScalarNode("Assert")], parameters))
                {
                    failures.Add(template.Scalar(assertion, "AssertDescription"));
                }
            }
        }

        return failures;
    }

    private static bool Evaluate(SamTemplate template, YamlNode node, IReadOnlyDictionary<string, string> parameters)
    {
        var items = (node as YamlSequenceNode)?.Children ?? throw new InvalidDataException($"template.yaml line {node.Start.Line}: expected a rule function");
        return (node.Tag.IsEmpty ? null : node.Tag.Value) switch
        {
            "!Equals" => Value(template, items[0], parameters) == Value(template, items[1], parameters),
            "!Not" => !Evaluate(template, items[0], parameters),
            "!And" => items.All(item => Evaluate(template, item, parameters)),
            "!Or" => items.Any(item => Evaluate(template, item, parameters)),
            var other => throw new NotSupportedException($"template.yaml line {node.Start.Line}: rule function {other}"),
        };
    }

    private static string Value(SamTemplate template, YamlNode node, IReadOnlyDictionary<string, string> parameters) =>
        node is YamlScalarNode { Tag.IsEmpty: false } reference && reference.Tag.Value == "!Ref"
            ? parameters.TryGetValue(reference.Value!, out var given) ? given : template.ParameterDefault(reference.Value!)
            : template.Resolve(node);
}
